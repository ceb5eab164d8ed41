import { z } from "zod";
import { defineEvent, privacyAnswersOf } from "@pawgraph/subgraph-kit";

/** The domain events bookings publishes through its outbox: name, version, payload schema and type. */
export const BOOKINGS_SCHEMA = "bookings";

const instant = (what: string) => z.iso.datetime().describe(what);

/** What every booking event says: enough for consumers to open the pet to the clinic and word a notice. */
const bookingFacts = {
  bookingId: z.string().describe("The booking (Booking.id)."),
  clinicId: z.string().describe("The clinic it is at."),
  clinicName: z.string().describe("The clinic's name when the event was written."),
  clinicTimeZone: z
    .string()
    .describe("The clinic's IANA time zone (e.g. Europe/Berlin), to show times as the clinic reads them."),
  serviceId: z.string().describe("The clinic service booked."),
  vetId: z.string().describe("The vet (user id) the appointment is with."),
  petId: z.string().nullable().describe("The pet it is for; null when booked without one."),
  ownerId: z.string().describe("The user who holds the booking (always a pet owner: bookings refuses carers)."),
  startsAt: instant("Start of the appointment."),
  endsAt: instant("End of the appointment."),
  sequence: z
    .number()
    .int()
    .nonnegative()
    .describe("Revision of the booking, raised by each change (iCalendar SEQUENCE)."),
  serviceName: z.string().describe("The service's name when the event was written."),
  priceMinor: z
    .number()
    .int()
    .nonnegative()
    .describe("The service's price when the event was written, in the currency's minor units."),
  currency: z.string().describe("ISO 4217 currency of priceMinor."),
};

/** Who cancelled a booking, in which capacity. */
export const CANCELLED_BY_ROLES = ["OWNER", "CLINIC", "PLATFORM"] as const;

const booking = z.strictObject(bookingFacts);
const cancelled = z.strictObject({
  ...bookingFacts,
  cancelledBy: z.string().nullable().describe("Who cancelled (User.id); null when the platform did on its own."),
  cancelledByRole: z
    .enum(CANCELLED_BY_ROLES)
    .describe(
      "In which capacity: the owner, the clinic's staff, or the platform (e.g. the clinic was taken off Pawgraph).",
    ),
});
const noShow = z.strictObject({
  ...bookingFacts,
  markedBy: z.string().describe("The clinic staff member who recorded the no-show (User.id)."),
});
const rescheduled = z.strictObject({
  ...bookingFacts,
  previousStartsAt: instant("Start before the move."),
  previousVetId: z.string().describe("The vet before the move."),
});
const clinicReviewed = z.strictObject({
  clinicId: z.string().describe("The clinic reviewed."),
  createdBy: z.string().describe("The user who registered the clinic."),
  name: z.string().describe("The clinic's name."),
});

export type BookingPayload = z.infer<typeof booking>;
export type CancellationFacts = Pick<z.infer<typeof cancelled>, "cancelledBy" | "cancelledByRole">;

const exampleBooking: BookingPayload = {
  bookingId: "6f1c8e8a-1b7e-4a59-9d3e-2f0c4b7a9e11",
  clinicId: "0b9a4c2e-8d1f-4e6a-a7b3-5c2d9e8f1a22",
  clinicName: "Tierarztpraxis Mitte",
  clinicTimeZone: "Europe/Berlin",
  serviceId: "3d7e1f9a-2c4b-4a8e-b6d5-7f0a1c3e5b33",
  vetId: "8a2b4c6d-1e3f-4a5b-9c7d-0e2f4a6b8c44",
  petId: "5e7f9a1b-3c5d-4e7f-8a9b-1c3d5e7f9a55",
  ownerId: "2c4e6a8b-0d2f-4b6d-8f1a-3c5e7a9b1d66",
  startsAt: "2026-12-01T09:30:00.000Z",
  endsAt: "2026-12-01T10:00:00.000Z",
  sequence: 0,
  serviceName: "Vaccination",
  priceMinor: 4500,
  currency: "EUR",
};
const exampleClinic = {
  clinicId: exampleBooking.clinicId,
  createdBy: "9f1e3d5c-7b9a-4c2e-8d6f-1a3b5c7d9e77",
  name: "Tierarztpraxis Mitte",
};

export const BOOKING_CONFIRMED = defineEvent({
  source: BOOKINGS_SCHEMA,
  name: "booking.confirmed",
  description: "A held slot became a booking: the pet's clinic may see it, and the owner and vet are told.",
  payload: booking,
  example: exampleBooking,
});

export const BOOKING_CANCELLED = defineEvent({
  source: BOOKINGS_SCHEMA,
  name: "booking.cancelled",
  description: "A confirmed booking was cancelled, by its owner, the clinic, or because the clinic left the platform.",
  payload: cancelled,
  example: { ...exampleBooking, sequence: 1, cancelledBy: exampleBooking.ownerId, cancelledByRole: "OWNER" },
});

export const BOOKING_NO_SHOW = defineEvent({
  source: BOOKINGS_SCHEMA,
  name: "booking.no_show",
  description: "The clinic recorded that nobody came to a confirmed booking (once per booking).",
  payload: noShow,
  example: { ...exampleBooking, markedBy: exampleBooking.vetId },
});

export const BOOKING_RESCHEDULED = defineEvent({
  source: BOOKINGS_SCHEMA,
  name: "booking.rescheduled",
  description:
    "A confirmed booking moved to another time (and possibly another vet); the payload is the booking after the move.",
  payload: rescheduled,
  example: {
    ...exampleBooking,
    startsAt: "2026-12-02T14:00:00.000Z",
    endsAt: "2026-12-02T14:30:00.000Z",
    sequence: 1,
    previousStartsAt: exampleBooking.startsAt,
    previousVetId: exampleBooking.vetId,
  },
});

export const CLINIC_APPROVED = defineEvent({
  source: BOOKINGS_SCHEMA,
  name: "clinic.approved",
  description: "A platform admin approved a clinic: the user who registered it becomes its CLINIC_ADMIN.",
  payload: clinicReviewed,
  example: exampleClinic,
});

export const CLINIC_REJECTED = defineEvent({
  source: BOOKINGS_SCHEMA,
  name: "clinic.rejected",
  description: "A platform admin rejected a clinic (or took an approved one off the platform).",
  payload: clinicReviewed,
  example: exampleClinic,
});

/** Every event bookings publishes; `npm run generate` writes each one's JSON Schema under events/bookings/. */
export const PUBLISHED_EVENTS = [
  BOOKING_CONFIRMED,
  BOOKING_CANCELLED,
  BOOKING_RESCHEDULED,
  BOOKING_NO_SHOW,
  CLINIC_APPROVED,
  CLINIC_REJECTED,
  // Its answers to identity's privacy requests (docs/decisions/0048).
  ...Object.values(privacyAnswersOf("bookings")),
];
