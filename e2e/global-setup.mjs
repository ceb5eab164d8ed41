// Jest global setup: without DATABASE_URL, start the embedded Postgres with a fresh test database.
import { resolve } from "node:path";
import { ensureEmbeddedPostgres } from "../scripts/embedded-postgres.mjs";

export default async function globalSetup() {
  process.env.NODE_ENV ??= "test";
  if (process.env.DATABASE_URL) {
    console.log(`\nTests use DATABASE_URL (${process.env.DATABASE_URL.replace(/\/\/[^@]*@/, "//***@")})`);
  } else {
    const port = Number(process.env.PAWGRAPH_TEST_PG_PORT ?? 54330);
    const db = await ensureEmbeddedPostgres({
      dataDir: resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "../.data/test-postgres"),
      port,
      database: "pawgraph_test",
      fresh: true,
    });
    process.env.DATABASE_URL = db.url;
    globalThis.__PAWGRAPH_PG_STOP__ = db.stop;
    console.log(`\nTests use the embedded PostgreSQL on port ${port} (no DATABASE_URL set)`);
  }
  console.log(process.env.REDIS_URL ? `REDIS_URL is set: Redis tests run` : "REDIS_URL is not set: tests that need Redis itself are skipped");
}
