import type { DataSource, EntityManager } from "typeorm";
import { keyset, type PageQuery } from "@pawgraph/subgraph-kit";
import { AccessLogEntity } from "./access-log.entity";

/** `Pet.recordAccessLog`'s order, newest first: `seq`, in the cursor as decimal digits. */
export const ACCESS_LOG_PAGE = keyset("seq").of((row: AccessLogEntity) => [row.seq]);
export type AccessLogKey = ReturnType<typeof ACCESS_LOG_PAGE.keyOf>;

/** One line of a pet's access log (the viewer and the request id come with the insert). */
export interface AccessLogLine {
  petId: string;
  clinicId: string | null;
  action: "READ" | "WRITE";
}

/** The access log: its lines and their pages. */
export class AccessLogRepository {
  constructor(private readonly db: DataSource) {}

  /** Up to `limit` of a pet's log lines, newest first (`ACCESS_LOG_PAGE`), before the cursor. */
  page(petId: string, { limit, after }: PageQuery<AccessLogKey>): Promise<AccessLogEntity[]> {
    const query = this.db
      .getRepository(AccessLogEntity)
      .createQueryBuilder("a")
      .where("a.pet_id = :petId", { petId })
      .orderBy("a.seq", "DESC")
      .limit(limit);
    if (after) query.andWhere("a.seq < :beforeSeq", { beforeSeq: after[0] });
    return query.getMany();
  }

  /** In the caller's transaction: the lines, by this viewer in this request, in one statement. */
  async insert(tx: EntityManager, viewerId: string, requestId: string, lines: readonly AccessLogLine[]): Promise<void> {
    await tx.query(
      `INSERT INTO ehr.access_log (pet_id, viewer_id, clinic_id, action, request_id)
       SELECT e.pet_id, $1, e.clinic_id, e.action, $2
       FROM unnest($3::uuid[], $4::uuid[], $5::text[]) AS e(pet_id, clinic_id, action)`,
      [viewerId, requestId, lines.map((e) => e.petId), lines.map((e) => e.clinicId), lines.map((e) => e.action)],
    );
  }
}
