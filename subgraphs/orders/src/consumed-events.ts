import { z } from "zod";
import { ERASURE_DUE, EXPORT_REQUESTED, readEvent } from "@pawgraph/subgraph-kit";

/**
 * orders' own copy of the events it reads from other subgraphs: only the fields it uses. The contract
 * tests check each against its producer's committed JSON Schema (events/<source>/).
 */

const booking = z.object({
  bookingId: z.string(),
  clinicId: z.string(),
  serviceId: z.string(),
  petId: z.string().nullable(),
  ownerId: z.string(),
  startsAt: z.string(),
  // Since bookings started sending it; older events cover under the offer's own name for the service.
  serviceName: z.string().optional(),
});

/** A booking was confirmed: a WELLNESS plan of the pet at that clinic may cover it. */
export const BOOKING_CONFIRMED = readEvent({ source: "bookings", name: "booking.confirmed", payload: booking });

/** A booking was cancelled: the credit it used is given back. */
export const BOOKING_CANCELLED = readEvent({ source: "bookings", name: "booking.cancelled", payload: booking });

export const CONSUMED_EVENTS = [BOOKING_CONFIRMED, BOOKING_CANCELLED, EXPORT_REQUESTED, ERASURE_DUE];
