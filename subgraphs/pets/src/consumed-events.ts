import { z } from "zod";
import { ERASURE_DUE, EXPORT_REQUESTED, readEvent } from "@pawgraph/subgraph-kit";

/**
 * pets' own copy of the events it reads from other subgraphs: only the fields it uses. The
 * contract tests check each against its producer's committed JSON Schema (events/<source>/).
 */
const booking = z.object({
  bookingId: z.string(),
  clinicId: z.string(),
  petId: z.string().nullable(),
  ownerId: z.string(),
  endsAt: z.string(),
});

export const BOOKING_CONFIRMED = readEvent({ source: "bookings", name: "booking.confirmed", payload: booking });
export const BOOKING_RESCHEDULED = readEvent({ source: "bookings", name: "booking.rescheduled", payload: booking });
export const BOOKING_CANCELLED = readEvent({ source: "bookings", name: "booking.cancelled", payload: booking });
export const BOOKING_EVENTS = [BOOKING_CONFIRMED, BOOKING_RESCHEDULED, BOOKING_CANCELLED];

export const CONVERSATION_STARTED = readEvent({
  source: "messaging",
  name: "conversation.started",
  payload: z.object({
    conversationId: z.string(),
    clinicId: z.string(),
    ownerId: z.string(),
    petId: z.string().nullable(),
  }),
});

export const CONSUMED_EVENTS = [...BOOKING_EVENTS, CONVERSATION_STARTED, EXPORT_REQUESTED, ERASURE_DUE];
