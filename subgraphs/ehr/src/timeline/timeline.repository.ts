import type { DataSource } from "typeorm";
import { keyset, type PageQuery } from "@pawgraph/subgraph-kit";
import type { HealthRecordKind } from "../record/health-record.type";

/** One line of the timeline view: which record, of which kind, when. */
export interface TimelineRow {
  kind: HealthRecordKind;
  id: string;
  petId: string;
  occurredAt: Date;
}

/** `Pet.healthTimeline`'s order, newest first: (occurred_at, id), in the cursor as [ISO time, record id]. */
export const TIMELINE_PAGE = keyset("date", "uuid").of((row: TimelineRow) => [row.occurredAt, row.id]);
export type TimelineKey = ReturnType<typeof TIMELINE_PAGE.keyOf>;

/**
 * Which entries a timeline page holds: some kinds, a time window (`from` inclusive, `to` exclusive),
 * and whether owner-only home notes are in it (only for owners: `readsOwnerOnlyNotes`). That last
 * one is required so no caller can forget it; it is also part of the loader's key, so an owner's
 * pets and a carer's pets in one request never share a statement.
 */
export interface TimelinePageFilter {
  kinds: HealthRecordKind[] | null;
  from: Date | null;
  to: Date | null;
  ownerOnlyNotes: boolean;
}

/**
 * Newest-first pages of the `ehr.timeline` view (a UNION ALL of every record table) for many pets
 * in one statement: a window function numbers each pet's entries and keeps `limit` per pet.
 */
export class TimelineRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The pet's record entry with this id that files may be attached to (any kind but a dispensing),
   * or null; an owner-only home note counts only with `ownerOnlyNotes`.
   */
  async entry(
    petId: string,
    recordId: string,
    { ownerOnlyNotes }: { ownerOnlyNotes: boolean },
  ): Promise<{ id: string; kind: HealthRecordKind } | null> {
    const rows: { id: string; kind: HealthRecordKind }[] = await this.db.query(
      `SELECT id, kind FROM ehr.timeline
       WHERE id = $1 AND pet_id = $2 AND kind <> 'DISPENSING' AND ($3 OR NOT owner_only)`,
      [recordId, petId, ownerOnlyNotes],
    );
    return rows[0] ?? null;
  }

  async pages(
    petIds: readonly string[],
    { limit, after, filter }: PageQuery<TimelineKey> & { filter: TimelinePageFilter | undefined },
  ): Promise<TimelineRow[]> {
    const params: unknown[] = [petIds];
    const where = ["t.pet_id = ANY($1::uuid[])"];
    // Fail closed: without an explicit yes, owner-only notes stay out.
    if (filter?.ownerOnlyNotes !== true) where.push("NOT t.owner_only");
    if (filter?.kinds?.length) {
      params.push(filter.kinds);
      where.push(`t.kind = ANY($${params.length}::text[])`);
    }
    if (filter?.from) {
      params.push(filter.from);
      where.push(`t.occurred_at >= $${params.length}`);
    }
    if (filter?.to) {
      params.push(filter.to);
      where.push(`t.occurred_at < $${params.length}`);
    }
    if (after) {
      params.push(after[0].toISOString(), after[1]);
      where.push(`(t.occurred_at, t.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit);
    const rows: { kind: HealthRecordKind; id: string; pet_id: string; occurred_at: Date }[] = await this.db.query(
      `SELECT kind, id, pet_id, occurred_at FROM (
         SELECT t.*, row_number() OVER (PARTITION BY t.pet_id ORDER BY t.occurred_at DESC, t.id DESC) AS rn
         FROM ehr.timeline t WHERE ${where.join(" AND ")}
       ) ranked WHERE rn <= $${params.length} ORDER BY pet_id, rn`,
      params,
    );
    return rows.map((row) => ({ kind: row.kind, id: row.id, petId: row.pet_id, occurredAt: row.occurred_at }));
  }
}
