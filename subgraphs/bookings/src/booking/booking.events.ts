import type { EntityManager } from "typeorm";
import { writeEvent } from "@pawgraph/subgraph-kit";
import { ClinicEntity } from "../clinic/clinic.entity";
import {
  BOOKINGS_SCHEMA,
  BOOKING_RESCHEDULED,
  type BOOKING_CANCELLED,
  type BOOKING_CONFIRMED,
  type BookingPayload,
} from "../events";
import type { BookingEntity } from "./booking.entity";

/** What a booking event says about the clinic, so consumers can word it for people. */
export type AnnouncedClinic = Pick<ClinicEntity, "name" | "timeZone">;

/**
 * Writes `booking.confirmed` or `booking.cancelled` to the outbox in the caller's transaction. It
 * carries the clinic's name and time zone; a caller announcing many bookings of one clinic passes
 * it, so it is read once.
 */
export async function announceBooking(
  tx: EntityManager,
  event: typeof BOOKING_CONFIRMED | typeof BOOKING_CANCELLED,
  booking: BookingEntity,
  knownClinic?: AnnouncedClinic,
): Promise<void> {
  await writeEvent(tx, BOOKINGS_SCHEMA, event.create(booking.id, await bookingFacts(tx, booking, knownClinic)));
}

/** Writes `booking.rescheduled`: the booking after the move, with where it was before. */
export async function announceReschedule(
  tx: EntityManager,
  moved: BookingEntity,
  before: Pick<BookingEntity, "startsAt" | "vetId">,
): Promise<void> {
  const payload = {
    ...(await bookingFacts(tx, moved)),
    previousStartsAt: before.startsAt.toISOString(),
    previousVetId: before.vetId,
  };
  await writeEvent(tx, BOOKINGS_SCHEMA, BOOKING_RESCHEDULED.create(moved.id, payload));
}

async function bookingFacts(
  tx: EntityManager,
  booking: BookingEntity,
  knownClinic?: AnnouncedClinic,
): Promise<BookingPayload> {
  const clinic =
    knownClinic ??
    (await tx
      .getRepository(ClinicEntity)
      .findOneOrFail({ where: { id: booking.clinicId }, select: { name: true, timeZone: true } }));
  return {
    bookingId: booking.id,
    clinicId: booking.clinicId,
    clinicName: clinic.name,
    clinicTimeZone: clinic.timeZone,
    serviceId: booking.serviceId,
    vetId: booking.vetId,
    petId: booking.petId,
    ownerId: booking.holderId,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    sequence: booking.sequence,
  };
}
