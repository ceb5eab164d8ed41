import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { createLogger, openSubgraphDatabase } from "@pawgraph/subgraph-kit";
import { Initial1764000000000 } from "../src/migrations/1764000000000-initial";
import { RecordAccessGrants1764100000000 } from "../src/migrations/1764100000000-record-access-grants";
import { BookingAccess1764500000000 } from "../src/migrations/1764500000000-booking-access";
import { ConversationAccess1765000000000 } from "../src/migrations/1765000000000-conversation-access";
import { LivingMicrochips1765300000000 } from "../src/migrations/1765300000000-living-microchips";

// Its own database: the migration runs on pets that already share chips, as a live one would meet them.
const baseUrl = process.env.DATABASE_URL!;
const database = `pawgraph_microchips_${process.pid}_${Date.now()}`;
const url = (name: string) => baseUrl.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
const log = createLogger("pets").child({}, { level: "silent" });
const BEFORE = [
  Initial1764000000000,
  RecordAccessGrants1764100000000,
  BookingAccess1764500000000,
  ConversationAccess1765000000000,
];

async function admin(sql: string) {
  const client = new Client({ connectionString: url("postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(() => admin(`CREATE DATABASE "${database}"`));
afterAll(() => admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));

describe("the living-microchips migration", () => {
  it("keeps a shared chip on the first living pet, sets the others' aside, and then refuses a second living pet", async () => {
    const before = await openSubgraphDatabase({
      schema: "pets",
      url: url(database),
      log,
      entities: [],
      migrations: BEFORE,
    });
    const chip = "276098106123456";
    const insert = (name: string, extra = "") =>
      before.dataSource.query(
        `INSERT INTO pets.pets (name, species, microchip_id, created_by${extra ? ", deceased_on" : ""}) VALUES ($1, 'DOG', $2, $3${extra ? ", $4" : ""}) RETURNING id`,
        [name, chip, randomUUID(), ...(extra ? [extra] : [])],
      ) as Promise<{ id: string }[]>;
    const [[first], [second], [third], [dead]] = [
      await insert("First"),
      await insert("Second"),
      await insert("Third"),
      await insert("Dead", "2020-01-01"),
    ];
    await before.dataSource.destroy();

    const after = await openSubgraphDatabase({
      schema: "pets",
      url: url(database),
      log,
      entities: [],
      migrations: [...BEFORE, LivingMicrochips1765300000000],
    });
    try {
      const chips: { id: string; microchip_id: string | null }[] = await after.dataSource.query(
        `SELECT id, microchip_id FROM pets.pets`,
      );
      expect(Object.fromEntries(chips.map((row) => [row.id, row.microchip_id]))).toEqual({
        [first!.id]: chip,
        [second!.id]: null,
        [third!.id]: null,
        [dead!.id]: chip,
      });
      const setAside: { pet_id: string; microchip_id: string }[] = await after.dataSource.query(
        `SELECT pet_id, microchip_id FROM pets.microchip_conflicts ORDER BY pet_id`,
      );
      expect(setAside).toEqual([second!.id, third!.id].sort().map((id) => ({ pet_id: id, microchip_id: chip })));
      await expect(
        after.dataSource.query(`UPDATE pets.pets SET microchip_id = $1 WHERE id = $2`, [chip, second!.id]),
      ).rejects.toMatchObject({
        driverError: expect.objectContaining({ code: "23505", constraint: "pets_living_microchip_idx" }),
      });
      await expect(
        after.dataSource.query(`UPDATE pets.pets SET microchip_id = '276 098 106 123 457' WHERE id = $1`, [second!.id]),
      ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: "23514" }) });
    } finally {
      await after.dataSource.destroy();
    }
  });
});
