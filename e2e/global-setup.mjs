// Jest global setup: without DATABASE_URL, start the embedded Postgres with a fresh database for
// this run (named after the process, so concurrent runs on one machine do not collide).
import { resolve } from "node:path";
import pg from "pg";
import { ensureEmbeddedPostgres } from "../scripts/embedded-postgres.mjs";

const isAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Drops databases left by earlier runs whose process is gone. */
async function dropStaleDatabases(adminUrl) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `SELECT datname FROM pg_database WHERE datname ~ '^pawgraph_test_[0-9]+(_own_[0-9a-f]+)?$'`,
    );
    for (const { datname } of rows) {
      if (!isAlive(Number(/^pawgraph_test_([0-9]+)/.exec(datname)[1])))
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

export default async function globalSetup() {
  process.env.NODE_ENV ??= "test";
  // Each run gets its own Redis stream: consumer groups never see events of earlier runs' databases.
  process.env.EVENT_STREAM ??= `pawgraph:events:test:${process.pid}:${Date.now()}`;
  // Tests check behaviour, not latency: on a loaded machine a healthy fetch can take longer than the
  // production bound of 5 s, and cutting it off made unrelated tests fail. The fault tests set their
  // own short timeouts (docs/decisions/0025); everything else gets room.
  process.env.SUBGRAPH_TIMEOUT_MS ??= "20000";
  // Two test files run at once, each with a whole stack (eight subgraphs, each with its own pool,
  // plus relays, consumers and LISTEN connections: about 36 connections per stack at four per pool):
  // with the startup bursts that came to more than a stock Postgres allows (100), and a refused
  // connection fails a test. Three per subgraph is plenty for tests, and idle ones close after 2 s.
  process.env.DB_POOL_SIZE ??= "3";
  process.env.DB_POOL_IDLE_MS ??= "2000";
  // Privacy requests add two consumer groups to every subgraph (about 24 more connections per stack):
  // only the stacks that test them take part (`startStack({ privacy })`).
  process.env.PRIVACY_REQUESTS_ENABLED ??= "false";
  if (process.env.DATABASE_URL) {
    console.log(`\nTests use DATABASE_URL (${process.env.DATABASE_URL.replace(/\/\/[^@]*@/, "//***@")})`);
  } else {
    const port = Number(process.env.PAWGRAPH_TEST_PG_PORT ?? 25433);
    const database = `pawgraph_test_${process.pid}`;
    const db = await ensureEmbeddedPostgres({
      dataDir: resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "../.data/test-postgres"),
      port,
      database,
      fresh: true,
    });
    await dropStaleDatabases(db.url.replace(/\/[^/]+$/, "/postgres"));
    process.env.DATABASE_URL = db.url;
    globalThis.__PAWGRAPH_TEST_DB__ = { adminUrl: db.url.replace(/\/[^/]+$/, "/postgres"), database, stop: db.stop };
    console.log(`\nTests use the embedded PostgreSQL on port ${db.port}, database ${database} (no DATABASE_URL set)`);
  }
  console.log(
    process.env.REDIS_URL
      ? `REDIS_URL is set: Redis tests run`
      : "REDIS_URL is not set: tests that need Redis itself are skipped",
  );
}
