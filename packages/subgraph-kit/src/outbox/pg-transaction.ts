import type { Pool, PoolClient } from "pg";

/** Runs `work` in a transaction on one pooled connection: COMMIT if it resolves, ROLLBACK if it throws. */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => {
      broken = rollbackError; // the connection is unusable: destroy it instead of returning it to the pool
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
