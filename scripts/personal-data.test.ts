import { PERSONAL_DATA as ai } from "@pawgraph/ai";
import { PERSONAL_DATA as bookings } from "@pawgraph/bookings";
import { PERSONAL_DATA as catalog } from "@pawgraph/catalog";
import { PERSONAL_DATA as ehr } from "@pawgraph/ehr";
import { PERSONAL_DATA as identity, PRIVACY_PARTICIPANTS } from "@pawgraph/identity";
import { PERSONAL_DATA as messaging } from "@pawgraph/messaging";
import { PERSONAL_DATA as orders } from "@pawgraph/orders";
import { PERSONAL_DATA as pets } from "@pawgraph/pets";
import { PERSONAL_DATA as reports } from "@pawgraph/reports";
import {
  collectPersonalData,
  erasePersonalData,
  KIT_OWNED_SCHEMAS,
  PERSONAL_COLUMN,
  type PersonalDataRegistry,
} from "@pawgraph/subgraph-kit";
import { randomUUID } from "node:crypto";
import { Client, Pool } from "pg";
import { startStack, type Stack } from "../e2e/harness";

// docs/decisions/0044: every subgraph lists where it keeps personal data; privacy requests are carried
// out from those lists, so a table the lists miss would be left out of a person's export and erasure.
const REGISTRIES: PersonalDataRegistry[] = [identity, pets, ehr, bookings, catalog, orders, messaging, ai, reports];

let stack: Stack;
let columns: { schema: string; table: string; column: string }[];

beforeAll(async () => {
  // A database of its own, migrated by every subgraph, and nothing else in it.
  stack = await startStack({ ownDatabase: true });
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ schema: string; table: string; column: string }>(
      `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
         FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema', 'public')`,
    );
    columns = rows;
  } finally {
    await db.end();
  }
});

afterAll(() => stack?.stop());

const listedColumns = (registry: PersonalDataRegistry): string[] => [
  ...Object.entries(registry.tables).flatMap(([table, entry]) =>
    [...entry.subject, ...(entry.subjectEmail ?? []), ...(entry.personal ?? [])].map((column) => `${table}.${column}`),
  ),
  ...Object.keys(registry.notPersonal ?? {}),
];

describe("where personal data lives", () => {
  it("every subgraph's schema has a list", () => {
    const schemas = new Set(columns.map((c) => c.schema).filter((schema) => !(schema in KIT_OWNED_SCHEMAS)));
    expect([...schemas].sort()).toEqual(REGISTRIES.map((r) => r.schema).sort());
  });

  it("every subgraph with a list takes part in privacy requests (identity waits for each one's answer)", () => {
    expect([...PRIVACY_PARTICIPANTS].sort()).toEqual(REGISTRIES.map((r) => r.schema).sort());
  });

  it.each(REGISTRIES.map((r) => [r.schema, r] as const))(
    "%s: every column that looks personal is listed, with what erasure does to it",
    (schema, registry) => {
      const listed = new Set(listedColumns(registry));
      const unlisted = columns
        .filter((c) => c.schema === schema && PERSONAL_COLUMN.test(c.column))
        .map((c) => `${c.table}.${c.column}`)
        .filter((column) => !listed.has(column));
      expect(unlisted).toEqual([]);
    },
  );

  it.each(REGISTRIES.map((r) => [r.schema, r] as const))("%s: every listed column exists", (schema, registry) => {
    const existing = new Set(columns.filter((c) => c.schema === schema).map((c) => `${c.table}.${c.column}`));
    expect(listedColumns(registry).filter((column) => !existing.has(column))).toEqual([]);
  });

  it.each(REGISTRIES.map((r) => [r.schema, r] as const))(
    "%s: a person's part of an export and their erasure run on the real tables",
    async (_schema, registry) => {
      const pool = new Pool({ connectionString: stack.databaseUrl, max: 1 });
      try {
        // Nobody's data: every statement is built and run (types, clearable columns), nothing changes.
        const subject = { userId: randomUUID(), email: `nobody-${randomUUID()}@example.test` };
        const part = await collectPersonalData(pool, registry, subject);
        expect(Object.entries(part).filter(([, rows]) => rows.length > 0)).toEqual([]);
        const changed = await erasePersonalData(pool, registry, subject);
        expect(Object.entries(changed).filter(([, n]) => n > 0)).toEqual([]);
      } finally {
        await pool.end();
      }
    },
  );

  it("is read correctly: a new table with a user id column is caught", () => {
    const withNewTable = [...columns, { schema: "pets", table: "pet_sitters", column: "sitter_user_id" }];
    // `sitter_user_id` is no known role: the pattern still has to see it.
    expect(PERSONAL_COLUMN.test("sitter_user_id")).toBe(true);
    const listed = new Set(listedColumns(pets));
    expect(
      withNewTable.filter(
        (c) => c.schema === "pets" && PERSONAL_COLUMN.test(c.column) && !listed.has(`${c.table}.${c.column}`),
      ),
    ).toEqual([{ schema: "pets", table: "pet_sitters", column: "sitter_user_id" }]);
  });
});
