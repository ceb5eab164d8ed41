import type { DataSource } from "typeorm";
import { keyset, type PageQuery } from "@pawgraph/subgraph-kit";
import { WeightRecordEntity } from "./weight-record.entity";

/** `Pet.weightHistory`'s order, newest first: (measured_at, seq), in the cursor as [ISO time, seq]. */
export const WEIGHT_PAGE = keyset("date", "seq").of((w: WeightRecordEntity) => [w.measuredAt, w.seq]);
export type WeightKey = ReturnType<typeof WEIGHT_PAGE.keyOf>;

/** Pets' weighings; reads take any number of pets per statement. */
export class WeightRecordRepository {
  constructor(private readonly db: DataSource) {}

  /** Records a weighing; the row as stored. */
  async add(
    weighing: Pick<WeightRecordEntity, "petId" | "weightKg" | "measuredAt" | "recordedBy">,
  ): Promise<WeightRecordEntity> {
    const repository = this.db.getRepository(WeightRecordEntity);
    const { identifiers } = await repository.insert(weighing);
    return repository.findOneByOrFail({ id: identifiers[0]!.id as string });
  }

  /** Latest weighing per pet. */
  latest(petIds: readonly string[]): Promise<WeightRecordEntity[]> {
    return this.db
      .getRepository(WeightRecordEntity)
      .createQueryBuilder("w")
      .distinctOn(["w.pet_id"])
      .where("w.pet_id = ANY(:ids)", { ids: [...petIds] })
      .orderBy("w.pet_id")
      .addOrderBy("w.measured_at", "DESC")
      .addOrderBy("w.seq", "DESC")
      .getMany();
  }

  /**
   * Newest-first weight pages for many pets at once (`WEIGHT_PAGE`): a window function numbers each
   * pet's weighings after the cursor, and only the first `limit` per pet come back.
   */
  async pages(petIds: readonly string[], { limit, after }: PageQuery<WeightKey>): Promise<WeightRecordEntity[]> {
    const params: unknown[] = [petIds, limit];
    let cursor = "";
    if (after) {
      params.push(after[0].toISOString(), after[1]);
      cursor = `AND (w.measured_at, w.seq) < ($3::timestamptz, $4::bigint)`;
    }
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT * FROM (
         SELECT w.*, row_number() OVER (PARTITION BY w.pet_id ORDER BY w.measured_at DESC, w.seq DESC) AS rn
         FROM pets.weight_records w WHERE w.pet_id = ANY($1::uuid[]) ${cursor}
       ) ranked WHERE rn <= $2 ORDER BY pet_id, rn`,
      params,
    );
    return rows.map((row) =>
      this.db.getRepository(WeightRecordEntity).create({
        id: row.id as string,
        seq: String(row.seq),
        petId: row.pet_id as string,
        weightKg: Number(row.weight_kg),
        measuredAt: row.measured_at as Date,
        recordedBy: row.recorded_by as string,
        createdAt: row.created_at as Date,
      }),
    );
  }
}
