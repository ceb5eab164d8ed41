import type { DataSource, EntityManager } from "typeorm";
import { consume, type DomainEvent, type EventBus, type EventSubscription } from "@pawgraph/subgraph-kit";
import { BOOKING_CANCELLED, BOOKING_EVENTS } from "../consumed-events";

/** How long after a booked appointment its clinic still sees the pet (follow-up questions, invoices). */
export const BOOKING_ACCESS_DAYS_AFTER = 30;

/** Applies one booking event to `pets.booking_access`; events for pets this database does not hold are ignored. */
export async function applyBookingEvent(event: DomainEvent, manager: EntityManager): Promise<void> {
  const reader = BOOKING_EVENTS.find((candidate) => candidate.type === event.type);
  if (!reader) return;
  const booking = reader.decode(event);
  if (!booking.petId) return;
  if (reader === BOOKING_CANCELLED) {
    await manager.query(`UPDATE pets.booking_access SET cancelled_at = now() WHERE booking_id = $1`, [booking.bookingId]);
    return;
  }
  // Confirmed and rescheduled: access lasts until some days after the (possibly new) end. Only a
  // booking its owner made opens the pet (docs/decisions/0020): bookings already refuses carers, and
  // this holds even for an event from an older or faulty writer.
  await manager.query(
    `INSERT INTO pets.booking_access (booking_id, pet_id, clinic_id, until)
     SELECT $1, p.id, $3, $4::timestamptz + make_interval(days => $5) FROM pets.pets p
     WHERE p.id = $2 AND EXISTS (SELECT 1 FROM pets.pet_owners o WHERE o.pet_id = p.id AND o.user_id = $6)
     ON CONFLICT (booking_id) DO UPDATE SET clinic_id = EXCLUDED.clinic_id, until = EXCLUDED.until`,
    [booking.bookingId, booking.petId, booking.clinicId, booking.endsAt, BOOKING_ACCESS_DAYS_AFTER, booking.ownerId],
  );
}

/** Subscribes pets to bookings' events, so clinics with a booking see the pet (and its health record). */
export function consumeBookingEvents(bus: EventBus, dataSource: DataSource): Promise<EventSubscription> {
  return consume(bus, {
    dataSource,
    schema: "pets",
    consumer: "pets.booking-access",
    types: BOOKING_EVENTS.map((reader) => reader.type),
    handle: applyBookingEvent,
  });
}
