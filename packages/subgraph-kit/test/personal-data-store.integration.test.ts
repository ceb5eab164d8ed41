import { randomUUID } from "node:crypto";
import type { Pool } from "pg";
import { createLogger } from "../src/logger";
import { definePersonalData, type PersonalDataRegistry } from "../src/personal-data";
import { collectPersonalData, erasePersonalData } from "../src/personal-data-store";
import { openPgPool } from "../src/pg-pool";

// docs/decisions/0044: a subgraph's part of an export and its erasure, carried out from its list.
const schema = `personal_data_${randomUUID().slice(0, 8)}`;
const registry: PersonalDataRegistry = definePersonalData({
  schema,
  tables: {
    notes: { subject: ["written_by"], erasure: "delete", reason: "the person's own words" },
    shares: {
      subject: ["added_by"],
      subjectEmail: ["email"],
      erasure: "delete",
      reason: "shares by and with the person",
    },
    orders: {
      subject: ["buyer_id"],
      personal: ["shipping_address", "phone"],
      erasure: "anonymise",
      reason: "bookkeeping",
    },
    activity: { subject: ["user_id"], erasure: "anonymise", reason: "counts stay right" },
    sessions: { subject: ["user_id"], erasure: "expire", reason: "lapses by itself" },
  },
});

const anna = { userId: randomUUID(), email: "Anna@Example.test" };
const ben = { userId: randomUUID(), email: "ben@example.test" };
let pool: Pool;

const rows = async (sql: string) => (await pool.query(sql)).rows;

beforeAll(async () => {
  pool = openPgPool({ connectionString: process.env.DATABASE_URL, max: 2 }, createLogger("personal-data-test"));
  await pool.query(`CREATE SCHEMA "${schema}"`);
  await pool.query(`
    CREATE TABLE "${schema}".notes (id serial PRIMARY KEY, written_by uuid NOT NULL, text text NOT NULL);
    CREATE TABLE "${schema}".shares (id serial PRIMARY KEY, added_by uuid NOT NULL, email text NOT NULL);
    CREATE TABLE "${schema}".orders (id serial PRIMARY KEY, buyer_id uuid NOT NULL, total int NOT NULL,
      shipping_address jsonb NOT NULL, phone text);
    CREATE TABLE "${schema}".activity (day date NOT NULL, user_id text NOT NULL, PRIMARY KEY (day, user_id));
    CREATE TABLE "${schema}".sessions (id serial PRIMARY KEY, user_id uuid NOT NULL, token_hash text NOT NULL);`);
});

beforeEach(async () => {
  await pool.query(
    `TRUNCATE "${schema}".notes, "${schema}".shares, "${schema}".orders, "${schema}".activity, "${schema}".sessions`,
  );
  for (const [who, other] of [
    [anna, ben],
    [ben, anna],
  ] as const) {
    await pool.query(`INSERT INTO "${schema}".notes (written_by, text) VALUES ($1, $2)`, [
      who.userId,
      `note by ${who.email}`,
    ]);
    await pool.query(`INSERT INTO "${schema}".shares (added_by, email) VALUES ($1, $2)`, [
      who.userId,
      other.email.toLowerCase(),
    ]);
    await pool.query(
      `INSERT INTO "${schema}".orders (buyer_id, total, shipping_address, phone) VALUES ($1, 4200, $2, '+49 30 1234')`,
      [who.userId, { name: who.email, line1: "Hauptstr. 1" }],
    );
    await pool.query(`INSERT INTO "${schema}".activity (day, user_id) VALUES ('2026-11-30', $1)`, [who.userId]);
    await pool.query(`INSERT INTO "${schema}".sessions (user_id, token_hash) VALUES ($1, 'secret-hash')`, [who.userId]);
  }
});

afterAll(async () => {
  await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  await pool.end();
});

describe("collectPersonalData", () => {
  it("answers every listed table's rows about the person, matching their email in any case, and no secret", async () => {
    const part = await collectPersonalData(pool, registry, anna);
    expect(part.notes).toEqual([expect.objectContaining({ written_by: anna.userId, text: `note by ${anna.email}` })]);
    // Anna's own share, and Ben's share with her address (stored lower case).
    expect(part.shares!.map((s) => s.added_by).sort()).toEqual([anna.userId, ben.userId].sort());
    expect(part.orders).toEqual([expect.objectContaining({ buyer_id: anna.userId, total: 4200 })]);
    expect(part.sessions).toEqual([expect.not.objectContaining({ token_hash: expect.anything() })]);
    // Ben's address is in Anna's part only as the share she made with him; nothing of Ben's own is.
    expect(JSON.stringify(part)).not.toContain(`note by ${ben.email}`);
    expect(part.orders!.map((o) => o.buyer_id)).not.toContain(ben.userId);
  });
});

describe("erasePersonalData", () => {
  it("deletes the person's own rows, anonymises kept ones, leaves expiring ones and everyone else's", async () => {
    const changed = await erasePersonalData(pool, registry, anna);
    expect(changed).toEqual({ notes: 1, shares: 2, orders: 1, activity: 1 });

    expect(await rows(`SELECT written_by FROM "${schema}".notes`)).toEqual([{ written_by: ben.userId }]);
    expect(await rows(`SELECT added_by, email FROM "${schema}".shares`)).toEqual([]);
    const orders = await rows(`SELECT buyer_id, total, shipping_address, phone FROM "${schema}".orders ORDER BY id`);
    expect(orders[0]).toEqual({ buyer_id: expect.any(String), total: 4200, shipping_address: {}, phone: null });
    expect(orders[0].buyer_id).not.toBe(anna.userId);
    expect(orders[1]).toMatchObject({ buyer_id: ben.userId, phone: "+49 30 1234" });
    // One erasure, one id across the subgraph's tables: what Anna did still counts as one person's.
    const activity = await rows(`SELECT user_id FROM "${schema}".activity ORDER BY user_id`);
    expect(activity.map((a) => a.user_id)).toEqual(expect.arrayContaining([orders[0].buyer_id, ben.userId]));
    expect(await rows(`SELECT count(*)::int AS n FROM "${schema}".sessions WHERE user_id = '${anna.userId}'`)).toEqual([
      { n: 1 },
    ]);
    expect(JSON.stringify(await collectPersonalData(pool, registry, anna))).not.toContain("Hauptstr");
  });

  it("is idempotent, and two erased people on the same day keep distinct rows under a unique key", async () => {
    await erasePersonalData(pool, registry, anna);
    expect(await erasePersonalData(pool, registry, anna)).toEqual({ notes: 0, shares: 0, orders: 0, activity: 0 });
    await erasePersonalData(pool, registry, ben);
    expect(await rows(`SELECT count(DISTINCT user_id)::int AS n FROM "${schema}".activity`)).toEqual([{ n: 2 }]);
  });

  it("changes nothing when a rule cannot be carried out", async () => {
    const broken = definePersonalData({
      schema,
      tables: {
        notes: registry.tables.notes!,
        orders: {
          subject: ["buyer_id"],
          personal: ["total"],
          erasure: "anonymise",
          reason: "an int cannot be cleared",
        },
      },
    });
    await expect(erasePersonalData(pool, broken, anna)).rejects.toThrow(/orders\.total .*no empty value/);
    expect(await rows(`SELECT count(*)::int AS n FROM "${schema}".notes`)).toEqual([{ n: 2 }]);
  });
});
