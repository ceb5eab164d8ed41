import { In, type DataSource, type EntityManager } from "typeorm";
import {
  BadUserInputError,
  NotFoundError,
  decodeCursor,
  encodeCursor,
  pageSize,
  parseId,
  requireViewer,
  toConnection,
  writeEvent,
  type BaseContext,
  type Connection,
} from "@pawgraph/subgraph-kit";
import { requireClinicRole } from "../access/clinic-roles";
import { BookingEntity } from "../booking/booking.entity";
import { announceBooking } from "../booking/booking.events";
import { BOOKINGS_SCHEMA, BOOKING_CANCELLED, CLINIC_APPROVED, CLINIC_REJECTED } from "../events";
import { ClinicEntity } from "./clinic.entity";
import type { CreateClinicInput, NearInput, ReviewClinicInput, UpdateClinicInput } from "./clinic.inputs";

export interface ClinicSearch {
  near?: NearInput | null;
  service?: string | null;
  species?: string | null;
  openNow?: boolean | null;
  first?: number | null;
  after?: string | null;
}

export interface FoundClinic {
  clinic: ClinicEntity;
  distanceKm: number | null;
}

/**
 * Clinics: registration, platform approval and search by distance (who may see a clinic: `clinic-visibility.ts`). (The GraphQL type
 * `ClinicService`, what a clinic offers, is `ClinicServiceType` in code; its rules are `ClinicServiceService`.)
 */
export class ClinicService {
  constructor(private readonly db: DataSource) {}

  byIds(ids: readonly string[]): Promise<ClinicEntity[]> {
    return this.db.getRepository(ClinicEntity).findBy({ id: In([...ids]) });
  }

  async create(ctx: BaseContext, input: CreateClinicInput): Promise<ClinicEntity> {
    const viewer = requireViewer(ctx.viewer);
    for (const [i, h] of (input.openingHours ?? []).entries()) {
      if (h.closes <= h.opens) throw new BadUserInputError(`input.openingHours.${i}.closes`, "must be after opens");
    }
    const repository = this.db.getRepository(ClinicEntity);
    const clinic = await repository.save(
      repository.create({
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
      }),
    );
    return repository.findOneByOrFail({ id: clinic.id });
  }

  /** Clinic admins change their clinic's details and booking rules. */
  async update(ctx: BaseContext, input: UpdateClinicInput): Promise<ClinicEntity> {
    const id = parseId(input.clinicId, "input.clinicId");
    requireClinicRole(ctx.viewer, id, ["CLINIC_ADMIN"]);
    const repository = this.db.getRepository(ClinicEntity);
    if (!(await repository.existsBy({ id }))) throw new NotFoundError("Clinic", "input.clinicId");
    for (const [i, h] of (input.openingHours ?? []).entries()) {
      if (h.closes <= h.opens) throw new BadUserInputError(`input.openingHours.${i}.closes`, "must be after opens");
    }
    const patch: Partial<ClinicEntity> = {};
    if (input.name != null) patch.name = input.name.trim();
    if (input.phone !== undefined) patch.phone = input.phone;
    if (input.openingHours != null) patch.openingHours = input.openingHours.map((h) => ({ weekday: h.weekday, opens: h.opens, closes: h.closes }));
    if (input.minNoticeMinutes != null) patch.minNoticeMinutes = input.minNoticeMinutes;
    if (input.maxAdvanceDays != null) patch.maxAdvanceDays = input.maxAdvanceDays;
    if (input.holdSeconds != null) patch.holdSeconds = input.holdSeconds;
    if (input.cancelCutoffHours != null) patch.cancelCutoffHours = input.cancelCutoffHours;
    if (Object.keys(patch).length) await repository.update(id, patch);
    return repository.findOneByOrFail({ id });
  }

  /** Platform admins approve or reject; approval is announced (`clinic.approved`) for identity and others. */
  async review(ctx: BaseContext, input: ReviewClinicInput): Promise<ClinicEntity> {
    const id = parseId(input.clinicId, "input.clinicId");
    return this.db.transaction(async (tx) => {
      const repository = tx.getRepository(ClinicEntity);
      const clinic = await repository.findOne({ where: { id }, lock: { mode: "pessimistic_write" } });
      if (!clinic) throw new NotFoundError("Clinic", "input.clinicId");
      const status = input.approve ? "APPROVED" : "REJECTED";
      await repository.update(id, { status, approvedAt: input.approve ? new Date() : null });
      // A clinic taken off the platform cannot keep its appointments: each upcoming one is cancelled
      // with the reason, and its booking.cancelled event tells the owner (docs/decisions/0011).
      if (!input.approve && clinic.status === "APPROVED") await this.cancelUpcoming(tx, clinic, ctx.viewer?.userId ?? null);
      const reviewed = input.approve ? CLINIC_APPROVED : CLINIC_REJECTED;
      await writeEvent(tx, BOOKINGS_SCHEMA, reviewed.create(id, { clinicId: id, createdBy: clinic.createdBy, name: clinic.name }));
      return repository.findOneByOrFail({ id });
    });
  }

  /** Cancels the clinic's upcoming confirmed bookings in `tx`, each with the reason and its event. */
  private async cancelUpcoming(tx: EntityManager, clinic: ClinicEntity, by: string | null): Promise<void> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows] = (await tx.query(
      `UPDATE bookings.appointments SET status = 'CANCELLED', cancel_reason = $2, cancelled_by = $3, sequence = sequence + 1, updated_at = now()
       WHERE clinic_id = $1 AND status = 'CONFIRMED' AND starts_at > now() RETURNING id`,
      [clinic.id, `${clinic.name} is no longer available on Pawgraph`, by],
    )) as [{ id: string }[], number];
    if (!rows.length) return;
    const cancelled = await tx.getRepository(BookingEntity).findBy({ id: In(rows.map((r) => r.id)) });
    for (const booking of cancelled) await announceBooking(tx, BOOKING_CANCELLED, booking, clinic);
  }

  /**
   * Approved clinics, nearest first when `near` is given (great-circle distance with
   * earthdistance, pre-filtered by an index on the earth point), else by name.
   */
  async search(ctx: BaseContext, args: ClinicSearch): Promise<Connection<FoundClinic>> {
    requireViewer(ctx.viewer);
    const limit = pageSize(args.first);
    const params: unknown[] = [];
    const where = ["c.status = 'APPROVED'"];
    let distance = "NULL::double precision";
    if (args.near) {
      const { lat, lng, radiusKm } = args.near;
      if (!(lat >= -90 && lat <= 90)) throw new BadUserInputError("near.lat", "must be between -90 and 90");
      if (!(lng >= -180 && lng <= 180)) throw new BadUserInputError("near.lng", "must be between -180 and 180");
      if (!(radiusKm >= 0.1 && radiusKm <= 500)) throw new BadUserInputError("near.radiusKm", "must be between 0.1 and 500");
      params.push(lat, lng, radiusKm * 1000);
      distance = `public.earth_distance(public.ll_to_earth($1, $2), public.ll_to_earth(c.latitude, c.longitude)) / 1000`;
      where.push(`public.earth_box(public.ll_to_earth($1, $2), $3) @> public.ll_to_earth(c.latitude, c.longitude)`);
      where.push(`public.earth_distance(public.ll_to_earth($1, $2), public.ll_to_earth(c.latitude, c.longitude)) <= $3`);
    }
    if (args.service) {
      params.push(`%${args.service.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      where.push(`EXISTS (SELECT 1 FROM bookings.clinic_services s WHERE s.clinic_id = c.id AND s.active AND s.name ILIKE $${params.length})`);
    }
    if (args.species) {
      params.push(args.species);
      where.push(`EXISTS (SELECT 1 FROM bookings.clinic_services s WHERE s.clinic_id = c.id AND s.active AND (s.species = '{}' OR $${params.length} = ANY(s.species)))`);
    }
    if (args.openNow) {
      where.push(`EXISTS (SELECT 1 FROM jsonb_array_elements(c.opening_hours) h
        WHERE (h->>'weekday')::int = extract(isodow FROM now() AT TIME ZONE c.time_zone)
          AND (now() AT TIME ZONE c.time_zone)::time >= (h->>'opens')::time
          AND (now() AT TIME ZONE c.time_zone)::time < (h->>'closes')::time)`);
    }
    const order = args.near ? "distance_km, c.id" : "c.name, c.id";
    if (args.after) {
      const [key, id] = decodeCursor(args.after, 2);
      params.push(key, id);
      where.push(args.near ? `(${distance}, c.id) > ($${params.length - 1}::double precision, $${params.length}::uuid)` : `(c.name, c.id) > ($${params.length - 1}::text, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows: (Record<string, unknown> & { distance_km: number | null; id: string })[] = await this.db.query(
      `SELECT c.id, ${distance} AS distance_km FROM bookings.clinics c WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT $${params.length}`,
      params,
    );
    const clinics = new Map((await this.byIds(rows.map((r) => r.id))).map((c) => [c.id, c]));
    const found = rows.map((r) => ({ clinic: clinics.get(r.id)!, distanceKm: r.distance_km === null ? null : Number(r.distance_km) }));
    return toConnection(found, limit, args.after, (f) => encodeCursor(args.near ? [f.distanceKm!, f.clinic.id] : [f.clinic.name, f.clinic.id]));
  }
}
