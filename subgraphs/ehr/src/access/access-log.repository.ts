import type { DataSource } from "typeorm";
import { AccessLogEntity } from "./access-log.entity";

/** Reads of the access log, newest first (keyset on `seq`). */
export class AccessLogRepository {
  constructor(private readonly db: DataSource) {}

  page(petId: string, limit: number, beforeSeq: string | null): Promise<AccessLogEntity[]> {
    const query = this.db
      .getRepository(AccessLogEntity)
      .createQueryBuilder("a")
      .where("a.pet_id = :petId", { petId })
      .orderBy("a.seq", "DESC")
      .limit(limit + 1);
    if (beforeSeq) query.andWhere("a.seq < :beforeSeq", { beforeSeq });
    return query.getMany();
  }
}
