import { randomUUID } from "node:crypto";
import type { Pool } from "pg";
import type { EntityManager } from "typeorm";
import { withTransaction } from "./pg-pool";
import type { PersonalDataRegistry, PersonalDataTable } from "./personal-data";

/** Whose data: the account's id, and its email address for rows that name the person by address. */
export interface PersonalDataSubject {
  userId: string;
  email: string | null;
}

/** Columns a copy of one's data never carries: password and token hashes are secrets, not information. */
export const SECRET_COLUMN = /(^|_)(hash|password|secret)(_|$)/;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The condition selecting a table's rows about the subject, with its parameters after `before` others:
 * a subject column holds their id, or an email column their address (case-insensitively). Columns are
 * compared as text, so uuid and text columns are alike.
 */
function aboutSubject(
  entry: PersonalDataTable,
  subject: PersonalDataSubject,
  before = 0,
): { where: string; params: (string | null)[] } {
  const byEmail = (entry.subjectEmail ?? []).length > 0 && subject.email !== null;
  const id = `$${before + 1}::text`;
  const email = `$${before + 2}::text`;
  const where = [
    ...entry.subject.map((column) => `${ident(column)}::text = ${id}`),
    ...(byEmail ? (entry.subjectEmail ?? []).map((column) => `lower(${ident(column)}) = lower(${email})`) : []),
  ].join(" OR ");
  return { where: where || "false", params: byEmail ? [subject.userId, subject.email] : [subject.userId] };
}

/**
 * One subgraph's part of a person's data export: every listed table's rows about them, as JSON-ready
 * objects keyed by column name, secret columns left out. Read in one snapshot (REPEATABLE READ).
 */
export async function collectPersonalData(
  pool: Pool,
  registry: PersonalDataRegistry,
  subject: PersonalDataSubject,
): Promise<Record<string, Record<string, unknown>[]>> {
  return withTransaction(pool, async (client) => {
    await client.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const part: Record<string, Record<string, unknown>[]> = {};
    for (const [table, entry] of Object.entries(registry.tables)) {
      const about = aboutSubject(entry, subject);
      const { rows } = await client.query<Record<string, unknown>>(
        `SELECT * FROM ${ident(registry.schema)}.${ident(table)} WHERE ${about.where}`,
        about.params,
      );
      part[table] = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([c]) => !SECRET_COLUMN.test(c))));
    }
    return part;
  });
}

/** Runs statements in one transaction: a pg client's or a TypeORM manager's (an event consumer's). */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
}

/** A TypeORM transaction as an executor (its `query` returns the rows of a SELECT). */
export const managerExecutor = (manager: EntityManager): SqlExecutor => ({
  query: (text, params) => manager.query(text, params),
});

interface ColumnInfo {
  nullable: boolean;
  type: string;
}

async function columnsOf(sql: SqlExecutor, schema: string): Promise<Map<string, ColumnInfo>> {
  const rows = await sql.query<{
    table_name: string;
    column_name: string;
    is_nullable: string;
    data_type: string;
  }>(`SELECT table_name, column_name, is_nullable, data_type FROM information_schema.columns WHERE table_schema = $1`, [
    schema,
  ]);
  return new Map(
    rows.map((r) => [`${r.table_name}.${r.column_name}`, { nullable: r.is_nullable === "YES", type: r.data_type }]),
  );
}

/** What a cleared personal column holds: NULL where allowed, else its type's empty value. */
function clearedValue(where: string, column: ColumnInfo | undefined): string {
  if (!column) throw new Error(`personal data: ${where} does not exist`);
  if (column.nullable) return "NULL";
  if (column.type === "jsonb" || column.type === "json") return `'{}'::${column.type}`;
  if (column.type === "text" || column.type === "character varying") return "''";
  throw new Error(`personal data: ${where} (${column.type}, NOT NULL) has no empty value to clear it to`);
}

/**
 * Erases the person from one subgraph's listed tables by their rules, in one transaction: `delete`
 * removes their rows; `anonymise` keeps them, replacing the person's id in the subject columns with
 * a random id made for this erasure (the same across this subgraph's tables, so counts and unique
 * keys still hold, and linked to nobody) and clearing the personal columns; `expire` leaves rows that
 * lapse by themselves. Running it again finds nothing left: idempotent. Returns rows changed per table.
 */
export function erasePersonalData(
  pool: Pool,
  registry: PersonalDataRegistry,
  subject: PersonalDataSubject,
): Promise<Record<string, number>> {
  return withTransaction(pool, (client) =>
    erasePersonalDataIn({ query: async (text, params) => (await client.query(text, params)).rows }, registry, subject),
  );
}

/** `erasePersonalData` inside the caller's transaction (an event consumer's, with what it records alongside). */
export async function erasePersonalDataIn(
  sql: SqlExecutor,
  registry: PersonalDataRegistry,
  subject: PersonalDataSubject,
  /** The id put in the person's place (a caller that wrote events naming it first passes its own). */
  erasedId: string = randomUUID(),
): Promise<Record<string, number>> {
  const columns = await columnsOf(sql, registry.schema);
  const changed: Record<string, number> = {};
  // Each statement reports its count as a row, so a pg client and a TypeORM manager read it alike.
  const count = async (statement: string, params: unknown[]) =>
    (
      await sql.query<{ n: number }>(
        `WITH changed AS (${statement} RETURNING 1) SELECT count(*)::int AS n FROM changed`,
        params,
      )
    )[0]?.n ?? 0;
  for (const [table, entry] of Object.entries(registry.tables)) {
    const target = `${ident(registry.schema)}.${ident(table)}`;
    if (entry.erasure === "expire") continue;
    if (entry.erasure === "delete") {
      const about = aboutSubject(entry, subject);
      changed[table] = await count(`DELETE FROM ${target} WHERE ${about.where}`, about.params);
      continue;
    }
    const assignments = [
      ...entry.subject.map((column) => {
        const cast = columns.get(`${table}.${column}`)?.type === "uuid" ? "::uuid" : "";
        return `${ident(column)} = CASE WHEN ${ident(column)}::text = $2::text THEN $1::text${cast} ELSE ${ident(column)} END`;
      }),
      ...[...(entry.subjectEmail ?? []), ...(entry.personal ?? [])].map(
        (column) =>
          `${ident(column)} = ${clearedValue(`${registry.schema}.${table}.${column}`, columns.get(`${table}.${column}`))}`,
      ),
    ];
    // $1 is the erased id; the condition's own parameters follow it ($2 is the person's id).
    const about = aboutSubject(entry, subject, 1);
    changed[table] = await count(`UPDATE ${target} SET ${assignments.join(", ")} WHERE ${about.where}`, [
      erasedId,
      ...about.params,
    ]);
  }
  return changed;
}
