import { Client } from "pg";
import { createLogger } from "../src/logger";
import { openPgPool, withClient, withTransaction } from "../src/pg-pool";

/**
 * A dropped connection costs the statements in flight, never the process (docs/decisions/0022).
 * pg emits 'error' on a connection whose server side ends; without a listener Node ends the process
 * (Jest reports it as a failed suite). Connections are ended here the way a failover or an
 * administrator ends them: pg_terminate_backend.
 */
const log = createLogger("pg-pool-test");
log.level = "silent";
let admin: Client;

beforeAll(async () => {
  admin = new Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
});
afterAll(() => admin.end());

async function terminate(pid: number): Promise<void> {
  await admin.query("SELECT pg_terminate_backend($1)", [pid]);
  // The FATAL message reaches the client asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const newPool = () =>
  openPgPool({ connectionString: process.env.DATABASE_URL, max: 2, application_name: "pawgraph-pool-test" }, log);

describe("pg pools and dropped connections", () => {
  it("an idle pooled connection that is terminated is dropped from the pool; the next query connects afresh", async () => {
    const pool = newPool();
    try {
      const { rows } = await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      await terminate(rows[0]!.pid);
      expect(pool.totalCount).toBe(0);
      expect((await pool.query<{ ok: number }>("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it("a connection terminated between two statements of a transaction fails that transaction only, and is not reused", async () => {
    const pool = newPool();
    try {
      let pid = 0;
      const attempt = withTransaction(pool, async (client) => {
        pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
        await terminate(pid);
        await client.query("SELECT 1");
      });
      await expect(attempt).rejects.toThrow(/terminat|not queryable/i);
      const next = await withClient(
        pool,
        async (client) => (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid,
      );
      expect(next).not.toBe(pid);
    } finally {
      await pool.end();
    }
  });

  it("a connection terminated while its holder is busy elsewhere (no statement in flight) is discarded on release", async () => {
    const pool = newPool();
    try {
      const pid = await withClient(pool, async (client) => {
        const own = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
        await terminate(own);
        return own;
      });
      expect(pool.totalCount).toBe(0);
      expect(
        await withClient(
          pool,
          async (client) => (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid,
        ),
      ).not.toBe(pid);
    } finally {
      await pool.end();
    }
  });
});
