import { Pool, type PoolClient, type PoolConfig } from "pg";
import type { Logger } from "pino";
import { envInt } from "./config";
import { tracePgQueries } from "./observability/tracing-pg";

/**
 * A pg Pool of the process's own (beside TypeORM's, which listens by itself) with the listener every
 * pool needs: when the server drops an idle connection (a failover, `pg_terminate_backend`, a network
 * reset) the pool emits 'error', and an 'error' nobody listens to ends the process. The pool has
 * already discarded that connection; the next query connects afresh. Checked-out connections are
 * guarded too (`guardCheckedOutConnections`); check them out with `withClient`, which also destroys
 * a broken one instead of returning it to the pool.
 */
/**
 * How long an idle pooled connection is kept (env `DB_POOL_IDLE_MS`, default pg's 10 s). Tests run
 * two whole stacks at once against a stock Postgres (100 connections); closing idle ones sooner keeps
 * a burst in one stack from starving the other.
 */
export function poolIdleMs(): number {
  return envInt("DB_POOL_IDLE_MS", 10_000);
}

export function openPgPool(config: PoolConfig, log: Logger): Pool {
  const pool = new Pool({ idleTimeoutMillis: poolIdleMs(), ...config });
  pool.on("error", (error) =>
    log.warn(
      { err: error.message, pool: config.application_name },
      "idle database connection dropped; the pool reconnects on next use",
    ),
  );
  guardCheckedOutConnections(pool, log);
  tracePgQueries(pool);
  return pool;
}

/**
 * Keeps an 'error' listener on every connection while it is checked out of `pool`, from the pool's
 * 'acquire' event to its 'release' event. pg-pool drops its own listener when it hands a connection
 * out, and the borrower (TypeORM's query runner, `withClient`) adds one a few microtasks later; a
 * server message read in the same network chunk as the connection's first ReadyForQuery (a connection
 * terminated just as it opened) is emitted in between, to nobody, and ends the process. The listener
 * only notes the failure: pg marks the connection unusable, the statement in flight fails, and the
 * pool discards the connection when it is released.
 */
export function guardCheckedOutConnections(pool: Pool, log: Logger): void {
  const guard = (error: Error) => log.debug({ err: error.message }, "a checked-out database connection failed");
  // 'acquire' is emitted synchronously before pg-pool removes its idle listener, 'release' after it restores it.
  pool.on("acquire", (client) => {
    if (!client.listeners("error").includes(guard)) client.on("error", guard);
  });
  pool.on("release", (_error, client) => {
    client.off("error", guard);
  });
}

/**
 * Runs `work` on one connection checked out of `pool`, then returns it to the pool, or destroys it
 * if it broke (its 'error' event fired, or `work` called `discard`). The listener also keeps a
 * connection checked out of a pool not made by `openPgPool` from ending the process when it drops;
 * the statement in flight fails by itself, and the next checkout connects afresh.
 */
export async function withClient<T>(
  pool: Pool,
  work: (client: PoolClient, discard: (reason: Error) => void) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const discard = (reason: Error) => {
    broken ??= reason;
  };
  client.on("error", discard);
  try {
    return await work(client, discard);
  } finally {
    client.off("error", discard);
    client.release(broken);
  }
}

/** Runs `work` in a transaction on one pooled connection: COMMIT if it resolves, ROLLBACK if it throws. */
export function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return withClient(pool, async (client, discard) => {
    await client.query("BEGIN");
    try {
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      // A connection that cannot roll back is unusable: destroyed rather than returned to the pool.
      await client.query("ROLLBACK").catch(discard);
      throw error;
    }
  });
}
