import type { DataSource, EntityManager } from "typeorm";
import { consume, type DomainEvent, type EventBus, type EventSubscription } from "@pawgraph/subgraph-kit";
import { BOOKING_CANCELLED, BOOKING_EVENTS } from "../consumed-events";
import type { BookingAccessRepository } from "./booking-access.repository";

/** How long after a booked appointment its clinic still sees the pet (follow-up questions, invoices). */
export const BOOKING_ACCESS_DAYS_AFTER = 30;

/** Applies one booking event to `pets.booking_access`; events for pets this database does not hold are ignored. */
export async function applyBookingEvent(
  access: BookingAccessRepository,
  event: DomainEvent,
  manager: EntityManager,
): Promise<void> {
  const reader = BOOKING_EVENTS.find((candidate) => candidate.type === event.type);
  if (!reader) return;
  const booking = reader.decode(event);
  if (!booking.petId) return;
  if (reader === BOOKING_CANCELLED) {
    await access.cancel(manager, booking.bookingId);
    return;
  }
  // Confirmed and rescheduled: access lasts until some days after the (possibly new) end. Only a
  // booking its owner made opens the pet (docs/decisions/0020): bookings already refuses carers, and
  // this holds even for an event from an older or faulty writer.
  await access.open(manager, { ...booking, petId: booking.petId }, BOOKING_ACCESS_DAYS_AFTER);
}

/** Subscribes pets to bookings' events, so clinics with a booking see the pet (and its health record). */
export function consumeBookingEvents(
  bus: EventBus,
  dataSource: DataSource,
  access: BookingAccessRepository,
): Promise<EventSubscription> {
  return consume(bus, {
    dataSource,
    schema: "pets",
    consumer: "pets.booking-access",
    types: BOOKING_EVENTS.map((reader) => reader.type),
    handle: (event, manager) => applyBookingEvent(access, event, manager),
  });
}
