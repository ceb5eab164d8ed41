import type { DataSource } from "typeorm";
import { keyset, type PageQuery } from "@pawgraph/subgraph-kit";
import { AccessLogEntity } from "./access-log.entity";

/** `Pet.recordAccessLog`'s order, newest first: `seq`, in the cursor as decimal digits. */
export const ACCESS_LOG_PAGE = keyset("seq").of((row: AccessLogEntity) => [row.seq]);
export type AccessLogKey = ReturnType<typeof ACCESS_LOG_PAGE.keyOf>;

/** Reads of the access log. */
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
}
