import type { DataSource } from "typeorm";
import { consume, isUuid, type EventBus, type EventSubscription } from "@pawgraph/subgraph-kit";
import { BOOKING_CANCELLED, BOOKING_CONFIRMED } from "../consumed-events";
import type { WellnessCoverageRepository } from "./wellness-coverage.repository";

export const WELLNESS_COVERAGE_CONSUMER = "orders.wellness-coverage";

/**
 * Subscribes orders to bookings' `booking.confirmed` and `booking.cancelled`: a confirmed booking of a
 * service a pet's WELLNESS plan at that clinic includes is covered while credits last in the plan year;
 * a cancellation gives the credit back. Each event applied once, in the consumer's transaction.
 */
export function consumeBookingsForCoverage(
  bus: EventBus,
  dataSource: DataSource,
  coverage: WellnessCoverageRepository,
): Promise<EventSubscription> {
  return consume(bus, {
    dataSource,
    schema: "orders",
    consumer: WELLNESS_COVERAGE_CONSUMER,
    types: [BOOKING_CONFIRMED.type, BOOKING_CANCELLED.type],
    handle: async (event, manager) => {
      if (event.type === BOOKING_CANCELLED.type) {
        const cancelled = BOOKING_CANCELLED.decode(event);
        if (isUuid(cancelled.bookingId)) await coverage.release(manager, cancelled.bookingId.toLowerCase());
        return;
      }
      const booking = BOOKING_CONFIRMED.decode(event);
      const startsAt = new Date(booking.startsAt);
      // Ids the tables cannot hold would fail the statement and stall the consumer at every retry.
      const ids = [booking.bookingId, booking.clinicId, booking.serviceId, booking.petId];
      if (!ids.every((id) => typeof id === "string" && isUuid(id)) || Number.isNaN(startsAt.getTime())) return;
      await coverage.cover(manager, {
        bookingId: booking.bookingId.toLowerCase(),
        clinicId: booking.clinicId.toLowerCase(),
        serviceId: booking.serviceId.toLowerCase(),
        petId: booking.petId!.toLowerCase(),
        startsAt,
      });
    },
  });
}
