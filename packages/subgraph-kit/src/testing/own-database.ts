// Test support, not exported from the kit's index: integration tests import it by path
// (`@pawgraph/subgraph-kit/src/testing/own-database`).
import { Client } from "pg";

const baseUrl = () => process.env.DATABASE_URL!;
const urlOf = (name: string) => baseUrl().replace(/\/[^/?]+(\?|$)/, `/${name}$1`);

async function asAdmin(sql: string): Promise<void> {
  const admin = new Client({ connectionString: urlOf("postgres") });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * A database of the calling test file's own, for tables the e2e stacks running beside it share
 * (a delivery worker there would take this file's rows). Returns its URL and how to drop it.
 */
export async function createOwnDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const database = `pawgraph_${label}_${process.pid}_${Date.now()}`;
  await asAdmin(`CREATE DATABASE "${database}"`);
  return { url: urlOf(database), drop: () => asAdmin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`) };
}
