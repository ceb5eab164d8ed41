import type { DataSource } from "typeorm";
import type { HealthRecordKind } from "../record/health-record.type";

/** One line of the timeline view: which record, of which kind, when. */
export interface TimelineRow {
  kind: HealthRecordKind;
  id: string;
  petId: string;
  occurredAt: Date;
}

export interface TimelinePageQuery {
  limit: number;
  after?: { occurredAt: string; id: string };
  kinds?: HealthRecordKind[] | null;
  from?: Date | null;
  to?: Date | null;
}

/**
 * Newest-first pages of the `ehr.timeline` view (a UNION ALL of every record table) for many pets
 * in one statement: a window function numbers each pet's entries and keeps `limit + 1` per pet.
 */
export class TimelineRepository {
  constructor(private readonly db: DataSource) {}

  async pages(petIds: readonly string[], query: TimelinePageQuery): Promise<TimelineRow[]> {
    const params: unknown[] = [petIds];
    const where = ["t.pet_id = ANY($1::uuid[])"];
    if (query.kinds?.length) {
      params.push(query.kinds);
      where.push(`t.kind = ANY($${params.length}::text[])`);
    }
    if (query.from) {
      params.push(query.from);
      where.push(`t.occurred_at >= $${params.length}`);
    }
    if (query.to) {
      params.push(query.to);
      where.push(`t.occurred_at < $${params.length}`);
    }
    if (query.after) {
      params.push(query.after.occurredAt, query.after.id);
      where.push(`(t.occurred_at, t.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
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
