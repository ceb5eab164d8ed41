import { In, type DataSource, type DeepPartial } from "typeorm";
import { keyset, type RowKeyset } from "@pawgraph/subgraph-kit";
import { ClinicEntity } from "./clinic.entity";

/**
 * What a clinic search narrows by; `near` is checked by `ClinicService.search` before it gets here.
 * `status` is APPROVED unless a platform admin asked for another (`ClinicService.search` decides).
 */
export interface ClinicFilter {
  status?: string | null;
  near?: { lat: number; lng: number; radiusKm: number } | null;
  service?: string | null;
  species?: string | null;
  openNow?: boolean | null;
}

export interface FoundClinic {
  clinic: ClinicEntity;
  distanceKm: number | null;
}

/**
 * The sort key of a clinic search page: (distance in km, id) with `near`, (name, id) without; clinics
 * not APPROVED (the review queue) page by registration order, `seq` alone.
 */
export type ClinicSearchKey = [number | string, string] | [string];
/** Clinics near a point page nearest first: the cursor holds the distance and the id. */
export const CLINICS_BY_DISTANCE = keyset("number", "uuid").of((found: FoundClinic) => [
  found.distanceKm!,
  found.clinic.id,
]);
/** Clinics searched without a point page by name: the cursor holds the name and the id. */
export const CLINICS_BY_NAME = keyset("string", "uuid").of((found: FoundClinic) => [
  found.clinic.name,
  found.clinic.id,
]);

/** Clinics waiting for review (or rejected) page oldest first: the cursor holds the insertion sequence. */
export const CLINICS_BY_REGISTRATION = keyset("seq").of((found: FoundClinic) => [found.clinic.seq]);

/** Whether a search lists approved clinics (the public list) rather than a review queue. */
function listsApproved(filter: ClinicFilter): boolean {
  return (filter.status ?? "APPROVED") === "APPROVED";
}

/** The keyset a clinic search pages by. */
export function clinicSearchOrder(filter: ClinicFilter): RowKeyset<FoundClinic, ClinicSearchKey> {
  if (!listsApproved(filter)) return CLINICS_BY_REGISTRATION;
  return filter.near ? CLINICS_BY_DISTANCE : CLINICS_BY_NAME;
}

/** Queries of the `clinics` table, the search by distance among them. */
export class ClinicRepository {
  constructor(private readonly db: DataSource) {}

  byIds(ids: readonly string[]): Promise<ClinicEntity[]> {
    return this.db.getRepository(ClinicEntity).findBy({ id: In([...ids]) });
  }

  exists(id: string): Promise<boolean> {
    return this.db.getRepository(ClinicEntity).existsBy({ id });
  }

  async timeZoneOf(id: string): Promise<string> {
    return (await this.db.getRepository(ClinicEntity).findOneOrFail({ where: { id }, select: { timeZone: true } }))
      .timeZone;
  }

  /** Writes a new clinic and reads it back with the values the database filled in. */
  async insert(values: DeepPartial<ClinicEntity>): Promise<ClinicEntity> {
    const repository = this.db.getRepository(ClinicEntity);
    const clinic = await repository.save(repository.create(values));
    return repository.findOneByOrFail({ id: clinic.id });
  }

  /** Applies `patch` (when it changes anything) and reads the clinic back. */
  async update(id: string, patch: Partial<ClinicEntity>): Promise<ClinicEntity> {
    const repository = this.db.getRepository(ClinicEntity);
    if (Object.keys(patch).length) await repository.update(id, patch);
    return repository.findOneByOrFail({ id });
  }

  /**
   * Up to `limit` clinics in `filter.status` (APPROVED when not given) matching `filter` after `after`, in
   * `clinicSearchOrder(filter)`: great-circle distance with earthdistance, pre-filtered by an index on the
   * earth point (approved clinics); the review queue by `clinics_status_seq_idx`.
   */
  async search(filter: ClinicFilter, limit: number, after: ClinicSearchKey | undefined): Promise<FoundClinic[]> {
    const approved = listsApproved(filter);
    // The literal keeps the partial index on approved clinics' location usable.
    const params: unknown[] = approved ? [] : [filter.status];
    const where = [approved ? "c.status = 'APPROVED'" : "c.status = $1"];
    let distance = "NULL::double precision";
    if (filter.near) {
      const { lat, lng, radiusKm } = filter.near;
      params.push(lat, lng, radiusKm * 1000);
      const [point, radius] = [`public.ll_to_earth($${params.length - 2}, $${params.length - 1})`, `$${params.length}`];
      distance = `public.earth_distance(${point}, public.ll_to_earth(c.latitude, c.longitude)) / 1000`;
      where.push(`public.earth_box(${point}, ${radius}) @> public.ll_to_earth(c.latitude, c.longitude)`);
      where.push(`public.earth_distance(${point}, public.ll_to_earth(c.latitude, c.longitude)) <= ${radius}`);
    }
    if (filter.service) {
      params.push(`%${filter.service.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      where.push(
        `EXISTS (SELECT 1 FROM bookings.clinic_services s WHERE s.clinic_id = c.id AND s.active AND s.name ILIKE $${params.length})`,
      );
    }
    if (filter.species) {
      params.push(filter.species);
      where.push(
        `EXISTS (SELECT 1 FROM bookings.clinic_services s WHERE s.clinic_id = c.id AND s.active AND (s.species = '{}' OR $${params.length} = ANY(s.species)))`,
      );
    }
    if (filter.openNow) {
      where.push(`EXISTS (SELECT 1 FROM jsonb_array_elements(c.opening_hours) h
        WHERE (h->>'weekday')::int = extract(isodow FROM now() AT TIME ZONE c.time_zone)
          AND (now() AT TIME ZONE c.time_zone)::time >= (h->>'opens')::time
          AND (now() AT TIME ZONE c.time_zone)::time < (h->>'closes')::time)`);
    }
    const order = !approved ? "c.seq" : filter.near ? "distance_km, c.id" : "c.name, c.id";
    if (after && !approved) {
      params.push(after[0]);
      where.push(`c.seq > $${params.length}::bigint`);
    } else if (after) {
      params.push(...after);
      const [key, id] = [`$${params.length - 1}`, `$${params.length}`];
      where.push(
        filter.near
          ? `(${distance}, c.id) > (${key}::double precision, ${id}::uuid)`
          : `(c.name, c.id) > (${key}::text, ${id}::uuid)`,
      );
    }
    params.push(limit);
    const rows: { distance_km: number | null; id: string }[] = await this.db.query(
      `SELECT c.id, ${distance} AS distance_km FROM bookings.clinics c WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT $${params.length}`,
      params,
    );
    const clinics = new Map((await this.byIds(rows.map((r) => r.id))).map((c) => [c.id, c]));
    return rows.map((r) => ({
      clinic: clinics.get(r.id)!,
      distanceKm: r.distance_km === null ? null : Number(r.distance_km),
    }));
  }
}
