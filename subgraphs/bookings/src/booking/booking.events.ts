import type { EntityManager } from "typeorm";
import { writeEvent } from "@pawgraph/subgraph-kit";
import { ClinicEntity } from "../clinic/clinic.entity";
import type { BookingEntity } from "./booking.entity";

/** What a booking event says about the clinic, so consumers can word it for people. */
export type AnnouncedClinic = Pick<ClinicEntity, "name" | "timeZone">;

/**
 * Writes a booking event (`booking.confirmed|cancelled|rescheduled`) to the outbox in the caller's
 * transaction. It carries the clinic's name and time zone; a caller announcing many bookings of one
 * clinic passes it, so it is read once.
 */
export async function announceBooking(tx: EntityManager, type: string, booking: BookingEntity, extra: Record<string, unknown> = {}, knownClinic?: AnnouncedClinic): Promise<void> {
  const clinic = knownClinic ?? (await tx.getRepository(ClinicEntity).findOneOrFail({ where: { id: booking.clinicId }, select: { name: true, timeZone: true } }));
  await writeEvent(tx, "bookings", {
    type,
    aggregateId: booking.id,
    payload: {
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
      ...extra,
    },
  });
}
