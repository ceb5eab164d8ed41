import type { DataSource, EntityManager } from "typeorm";
import {
  BadUserInputError,
  ForbiddenError,
  isPlatformAdmin,
  NotFoundError,
  parseId,
  requireViewer,
  paginate,
  writeEvent,
  type BaseContext,
  type Connection,
  type ConnectionArgs,
} from "@pawgraph/subgraph-kit";
import { requireClinicRole } from "../access/clinic-roles";
import { Announcer } from "../booking/booking.events";
import { BOOKINGS_SCHEMA, CLINIC_APPROVED, CLINIC_REJECTED } from "../events";
import type { BookingRepository } from "../booking/booking.repository";
import { ClinicEntity } from "./clinic.entity";
import type { CreateClinicInput, ReviewClinicInput, UpdateClinicInput } from "./clinic.inputs";
import { toClinic } from "./clinic.mapper";
import { clinicSearchOrder, type ClinicFilter, type ClinicRepository } from "./clinic.repository";
import { ClinicStatus, type Clinic } from "./clinic.type";

/**
 * Clinics: registration, platform approval and search by distance (who may see a clinic: `clinic-visibility.ts`). (The GraphQL type
 * `ClinicService`, what a clinic offers, is `ClinicServiceType` in code; its rules are `ClinicServiceService`.)
 */
export class ClinicService {
  constructor(
    private readonly db: DataSource,
    private readonly clinics: ClinicRepository,
    private readonly appointments: BookingRepository,
  ) {}

  async create(ctx: BaseContext, input: CreateClinicInput): Promise<ClinicEntity> {
    const viewer = requireViewer(ctx.viewer);
    for (const [i, h] of (input.openingHours ?? []).entries()) {
      if (h.closes <= h.opens) throw new BadUserInputError(`input.openingHours.${i}.closes`, "must be after opens");
    }
    return this.clinics.insert({
      name: input.name.trim(),
      addressLine: input.addressLine.trim(),
      city: input.city.trim(),
      postalCode: input.postalCode ?? null,
      country: input.country,
      latitude: input.latitude,
      longitude: input.longitude,
      timeZone: input.timeZone,
      phone: input.phone ?? null,
      openingHours: (input.openingHours ?? []).map((h) => ({ weekday: h.weekday, opens: h.opens, closes: h.closes })),
      createdBy: viewer.userId,
      ...(input.minNoticeMinutes != null ? { minNoticeMinutes: input.minNoticeMinutes } : {}),
      ...(input.maxAdvanceDays != null ? { maxAdvanceDays: input.maxAdvanceDays } : {}),
      ...(input.holdSeconds != null ? { holdSeconds: input.holdSeconds } : {}),
      ...(input.cancelCutoffHours != null ? { cancelCutoffHours: input.cancelCutoffHours } : {}),
    });
  }

  /** Clinic admins change their clinic's details and booking rules. */
  async update(ctx: BaseContext, input: UpdateClinicInput): Promise<ClinicEntity> {
    const id = parseId(input.clinicId, "input.clinicId");
    requireClinicRole(ctx.viewer, id, ["CLINIC_ADMIN"]);
    if (!(await this.clinics.exists(id))) throw new NotFoundError("Clinic", "input.clinicId");
    for (const [i, h] of (input.openingHours ?? []).entries()) {
      if (h.closes <= h.opens) throw new BadUserInputError(`input.openingHours.${i}.closes`, "must be after opens");
    }
    const patch: Partial<ClinicEntity> = {};
    if (input.name != null) patch.name = input.name.trim();
    if (input.phone !== undefined) patch.phone = input.phone;
    if (input.openingHours != null)
      patch.openingHours = input.openingHours.map((h) => ({ weekday: h.weekday, opens: h.opens, closes: h.closes }));
    if (input.minNoticeMinutes != null) patch.minNoticeMinutes = input.minNoticeMinutes;
    if (input.maxAdvanceDays != null) patch.maxAdvanceDays = input.maxAdvanceDays;
    if (input.holdSeconds != null) patch.holdSeconds = input.holdSeconds;
    if (input.cancelCutoffHours != null) patch.cancelCutoffHours = input.cancelCutoffHours;
    return this.clinics.update(id, patch);
  }

  /** Platform admins approve or reject; approval is announced (`clinic.approved`) for identity and others. */
  async review(ctx: BaseContext, input: ReviewClinicInput): Promise<ClinicEntity> {
    const id = parseId(input.clinicId, "input.clinicId");
    return this.db.transaction(async (tx) => {
      const repository = tx.getRepository(ClinicEntity);
      const clinic = await repository.findOne({ where: { id }, lock: { mode: "pessimistic_write" } });
      if (!clinic) throw new NotFoundError("Clinic", "input.clinicId");
      const status = input.approve ? "APPROVED" : "REJECTED";
      await repository.update(id, {
        status,
        approvedAt: input.approve ? new Date() : null,
        statusReason: input.approve ? null : input.reason?.trim() || null,
      });
      // A clinic taken off the platform cannot keep its appointments: each upcoming one is cancelled
      // with the reason, and its booking.cancelled event tells the owner (docs/decisions/0011).
      if (!input.approve && clinic.status === "APPROVED")
        await this.cancelUpcoming(tx, clinic, ctx.viewer?.userId ?? null);
      const reviewed = input.approve ? CLINIC_APPROVED : CLINIC_REJECTED;
      await writeEvent(
        tx,
        BOOKINGS_SCHEMA,
        reviewed.create(id, { clinicId: id, createdBy: clinic.createdBy, name: clinic.name }),
      );
      return repository.findOneByOrFail({ id });
    });
  }

  /** Cancels the clinic's upcoming confirmed bookings in `tx`, each with the reason and its event. */
  private async cancelUpcoming(tx: EntityManager, clinic: ClinicEntity, by: string | null): Promise<void> {
    const cancelled = await this.appointments.cancelUpcomingAt(
      tx,
      clinic.id,
      `${clinic.name} is no longer available on Pawgraph`,
      by,
    );
    const announce = new Announcer(tx, clinic);
    // Only a platform admin's review takes a clinic off Pawgraph.
    for (const booking of cancelled) await announce.cancelled(booking, "PLATFORM");
  }

  /**
   * Approved clinics matching `filter`, nearest first with `near`, else by name. Platform admins may ask
   * for PENDING or REJECTED ones instead (the review queue), oldest first; `near` is refused with those.
   */
  async search(ctx: BaseContext, filter: ClinicFilter, args: ConnectionArgs): Promise<Connection<Clinic>> {
    const viewer = requireViewer(ctx.viewer);
    if (filter.status && filter.status !== ClinicStatus.APPROVED) {
      if (!isPlatformAdmin(viewer))
        throw new ForbiddenError("Only platform admins list clinics that are not APPROVED", "status");
      if (filter.near)
        throw new BadUserInputError("near", "is for APPROVED clinics; clinics waiting for review list oldest first");
    }
    if (filter.near) {
      const { lat, lng, radiusKm } = filter.near;
      if (!(lat >= -90 && lat <= 90)) throw new BadUserInputError("near.lat", "must be between -90 and 90");
      if (!(lng >= -180 && lng <= 180)) throw new BadUserInputError("near.lng", "must be between -180 and 180");
      if (!(radiusKm >= 0.1 && radiusKm <= 500))
        throw new BadUserInputError("near.radiusKm", "must be between 0.1 and 500");
    }
    return paginate(args, {
      keyset: clinicSearchOrder(filter),
      fetch: ({ limit, after }) => this.clinics.search(filter, limit, after),
      map: (found) => toClinic(found.clinic, found.distanceKm),
    });
  }
}
