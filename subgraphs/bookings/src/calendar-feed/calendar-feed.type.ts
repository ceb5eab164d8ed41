import { registerEnumType } from "type-graphql";

export enum CalendarFeedKind {
  OWNER = "OWNER",
  VET = "VET",
}

registerEnumType(CalendarFeedKind, {
  name: "CalendarFeedKind",
  description: "Which appointments a calendar feed lists.",
  valuesConfig: {
    OWNER: { description: "Bookings you made for your pets." },
    VET: { description: "Appointments you attend as a vet." },
  },
});
