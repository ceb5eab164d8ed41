// Jest global teardown: drop this run's embedded test database, and stop the embedded Postgres if this run started it.
import pg from "pg";

export default async function globalTeardown() {
  const test = globalThis.__PAWGRAPH_TEST_DB__;
  if (!test) return;
  const admin = new pg.Client({ connectionString: test.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${test.database}" WITH (FORCE)`).catch(() => {});
  await admin.end();
  await test.stop();
}
