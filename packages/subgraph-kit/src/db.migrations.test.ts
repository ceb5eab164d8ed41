import { randomUUID } from "node:crypto";
import type { MigrationInterface, QueryRunner } from "typeorm";
import { openSubgraphDatabase } from "./db";
import { createLogger } from "./logger";
import { openPgPool, withClient } from "./pg-pool";

const log = createLogger("migrations-test");

// Subgraphs start together on a fresh database and share what lives outside their schemas (catalog
// and ai both create pg_trgm). Two `CREATE EXTENSION IF NOT EXISTS` in transactions at once fail one
// with a unique violation: the first `npm start` on a new machine lost the ai subgraph that way.

/** A migration that creates an extension and holds its transaction open a moment, as a slower one would. */
function creatingExtension(name: string): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = `${name}1700000000000`;
    async up(db: QueryRunner): Promise<void> {
      await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
      await db.query(`SELECT pg_sleep(0.3)`);
    }
    async down(): Promise<void> {}
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(sql: string): Promise<void> {
  const pool = openPgPool({ connectionString: withDatabase(process.env.DATABASE_URL!, "postgres"), max: 1 }, log);
  try {
    await withClient(pool, (client) => client.query(sql));
  } finally {
    await pool.end();
  }
}

it("two subgraphs migrating a fresh database at once both succeed when both create the same extension", async () => {
  const database = `pawgraph_migrate_${randomUUID().slice(0, 8)}`;
  await admin(`CREATE DATABASE "${database}"`);
  const url = withDatabase(process.env.DATABASE_URL!, database);
  try {
    const opened = await Promise.allSettled(
      ["first", "second"].map((schema) =>
        openSubgraphDatabase({ schema, url, log, entities: [], migrations: [creatingExtension(schema)], poolSize: 2 }),
      ),
    );
    for (const result of opened) if (result.status === "fulfilled") await result.value.dataSource.destroy();
    expect(opened.map((r) => (r.status === "rejected" ? String(r.reason) : "migrated"))).toEqual([
      "migrated",
      "migrated",
    ]);
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
});
