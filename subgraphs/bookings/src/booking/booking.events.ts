import type { EntityManager } from "typeorm";
import { writeEvent } from "@pawgraph/subgraph-kit";
import { ClinicEntity } from "../clinic/clinic.entity";
import { ClinicServiceEntity } from "../clinic-service/clinic-service.entity";
import {
  BOOKINGS_SCHEMA,
  BOOKING_CANCELLED,
  BOOKING_CONFIRMED,
  BOOKING_NO_SHOW,
  BOOKING_RESCHEDULED,
  type BookingPayload,
  type CancellationFacts,
} from "../events";
import type { BookingEntity } from "./booking.entity";

/** What a booking event says about the clinic, so consumers can word it for people. */
export type AnnouncedClinic = Pick<ClinicEntity, "name" | "timeZone">;

/** What a booking event says about the service: its name and price, for notices and reports. */
type AnnouncedService = Pick<ClinicServiceEntity, "name" | "priceCents" | "currency">;

/**
 * What the events of one transaction read once: a caller announcing many bookings of one clinic
 * passes the clinic, and each service is read once however many bookings use it.
 */
export class Announcer {
  private readonly services = new Map<string, Promise<AnnouncedService>>();

  constructor(
    private readonly tx: EntityManager,
    private readonly knownClinic?: AnnouncedClinic,
  ) {}

  /** Writes `booking.confirmed` to the outbox in the caller's transaction. */
  async confirmed(booking: BookingEntity): Promise<void> {
    await this.write(BOOKING_CONFIRMED.create(booking.id, await this.facts(booking)));
  }

  /** Writes `booking.cancelled`, saying who cancelled and in which capacity. */
  async cancelled(booking: BookingEntity, role: CancellationFacts["cancelledByRole"]): Promise<void> {
    const payload = { ...(await this.facts(booking)), cancelledBy: booking.cancelledBy, cancelledByRole: role };
    await this.write(BOOKING_CANCELLED.create(booking.id, payload));
  }

  /** Writes `booking.rescheduled`: the booking after the move, with where it was before. */
  async rescheduled(moved: BookingEntity, before: Pick<BookingEntity, "startsAt" | "vetId">): Promise<void> {
    const payload = {
      ...(await this.facts(moved)),
      previousStartsAt: before.startsAt.toISOString(),
      previousVetId: before.vetId,
    };
    await this.write(BOOKING_RESCHEDULED.create(moved.id, payload));
  }

  /** Writes `booking.no_show`: nobody came, as `markedBy` of the clinic's staff recorded. */
  async noShow(booking: BookingEntity, markedBy: string): Promise<void> {
    await this.write(BOOKING_NO_SHOW.create(booking.id, { ...(await this.facts(booking)), markedBy }));
  }

  private async write(event: Parameters<typeof writeEvent>[2]): Promise<void> {
    await writeEvent(this.tx, BOOKINGS_SCHEMA, event);
  }

  private service(id: string): Promise<AnnouncedService> {
    let service = this.services.get(id);
    if (!service) {
      service = this.tx.getRepository(ClinicServiceEntity).findOneOrFail({
        where: { id },
        select: { name: true, priceCents: true, currency: true },
      });
      this.services.set(id, service);
    }
    return service;
  }

  private async facts(booking: BookingEntity): Promise<BookingPayload> {
    const clinic =
      this.knownClinic ??
      (await this.tx
        .getRepository(ClinicEntity)
        .findOneOrFail({ where: { id: booking.clinicId }, select: { name: true, timeZone: true } }));
    const service = await this.service(booking.serviceId);
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
      serviceName: service.name,
      priceMinor: service.priceCents,
      currency: service.currency,
    };
  }
}
