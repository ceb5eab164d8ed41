import { randomUUID } from "node:crypto";
import {
  createLogger,
  erasePersonalDataIn,
  managerExecutor,
  type PersonalDataSubject,
  type SubgraphDatabase,
} from "@pawgraph/subgraph-kit";
import { openPetsDatabase } from "../src/data-source";
import { PERSONAL_DATA } from "../src/personal-data";
import { eraseSolePets } from "../src/privacy/erase-sole-pets";

/**
 * pets' share of an account erasure as its privacy consumer runs it (docs/decisions/0048): the
 * sole-owned pets go first, then the registry's rules, in one transaction.
 */
let database: SubgraphDatabase;

beforeAll(async () => {
  database = await openPetsDatabase(process.env.DATABASE_URL!, createLogger("pets").child({}, { level: "silent" }));
});
afterAll(() => database.dataSource.destroy());

const query = <T>(sql: string, params: unknown[] = []): Promise<T[]> => database.dataSource.query(sql, params);

/** A pet with its owners, one weight, a carer, an invitation and a clinic's grant. */
async function petOwnedBy(name: string, ...owners: string[]): Promise<string> {
  const [pet] = await query<{ id: string }>(
    `INSERT INTO pets.pets (name, species, created_by) VALUES ($1, 'DOG', $2) RETURNING id`,
    [name, owners[0]],
  );
  const id = pet!.id;
  for (const owner of owners) await query(`INSERT INTO pets.pet_owners (pet_id, user_id) VALUES ($1, $2)`, [id, owner]);
  await query(
    `INSERT INTO pets.weight_records (pet_id, weight_kg, measured_at, recorded_by) VALUES ($1, 12.5, now(), $2)`,
    [id, owners[0]],
  );
  await query(`INSERT INTO pets.pet_carers (pet_id, email, added_by) VALUES ($1, $2, $3)`, [
    id,
    `sitter-${randomUUID()}@example.test`,
    owners[0],
  ]);
  await query(
    `INSERT INTO pets.pet_invitations (pet_id, email, kind, invited_by, expires_at)
     VALUES ($1, $2, 'CO_OWNER', $3, now() + interval '7 days')`,
    [id, `friend-${randomUUID()}@example.test`, owners[0]],
  );
  await query(`INSERT INTO pets.record_access_grants (pet_id, clinic_id, granted_by) VALUES ($1, $2, $3)`, [
    id,
    randomUUID(),
    owners[0],
  ]);
  return id;
}

const erase = (subject: PersonalDataSubject) =>
  database.dataSource.transaction(async (manager) => {
    const before = await eraseSolePets(manager, subject);
    const changed = await erasePersonalDataIn(managerExecutor(manager), PERSONAL_DATA, subject);
    return { before, changed };
  });

const count = async (table: string, petId: string) =>
  (await query<{ n: number }>(`SELECT count(*)::int AS n FROM pets.${table} WHERE pet_id = $1`, [petId]))[0]!.n;

describe("erasing a person from pets", () => {
  it("deletes the pets only they owned, with their rows, and leaves a co-owned pet with its other owner", async () => {
    const [maria, ben] = [randomUUID(), randomUUID()];
    const rex = await petOwnedBy("Rex", maria);
    const luna = await petOwnedBy("Luna", maria, ben);
    const bensOwn = await petOwnedBy("Bo", ben);

    const { before } = await erase({ userId: maria, email: null });

    expect(before).toBe(1);
    expect(await query(`SELECT id FROM pets.pets WHERE id = $1`, [rex])).toEqual([]);
    for (const table of ["pet_owners", "weight_records", "pet_carers", "pet_invitations", "record_access_grants"])
      expect([table, await count(table, rex)]).toEqual([table, 0]);

    // Luna stays Ben's, with her history; only what named Maria is gone or anonymised.
    expect(await query(`SELECT user_id FROM pets.pet_owners WHERE pet_id = $1`, [luna])).toEqual([{ user_id: ben }]);
    expect(await count("weight_records", luna)).toBe(1);
    expect(await query(`SELECT 1 FROM pets.pets WHERE id = $1 AND created_by = $2`, [luna, maria])).toEqual([]);
    expect(await query(`SELECT 1 FROM pets.weight_records WHERE recorded_by = $1`, [maria])).toEqual([]);
    expect(await query(`SELECT 1 FROM pets.pet_owners WHERE user_id = $1`, [maria])).toEqual([]);
    expect(await count("pet_owners", bensOwn)).toBe(1);

    // A repeat (a redelivered erasure_due) finds nothing more to delete.
    expect((await erase({ userId: maria, email: null })).before).toBe(0);
    expect(await query(`SELECT 1 FROM pets.pets WHERE id IN ($1, $2)`, [luna, bensOwn])).toHaveLength(2);
  });
});
