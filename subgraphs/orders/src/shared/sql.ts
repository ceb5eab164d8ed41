import type { DataSource, EntityManager } from "typeorm";

/**
 * The rows an UPDATE or DELETE ... RETURNING answered. TypeORM's Postgres driver answers those two
 * commands with `[rows, rowCount]` (other commands with the rows alone), so their RETURNING rows are
 * read here, in one place.
 */
export async function changedRows<T>(db: DataSource | EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = (await db.query(sql, params)) as [T[], number];
  return rows;
}
