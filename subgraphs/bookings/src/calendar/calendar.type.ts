import { Field, InputType, registerEnumType } from "type-graphql";

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

@InputType({ description: "Make a new secret address for a calendar feed; the old one stops working." })
export class ResetCalendarFeedInput {
  @Field(() => CalendarFeedKind, { description: "Which feed." })
  kind!: CalendarFeedKind;
}
