import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A microchip number belongs to one living pet (docs/decisions/0027): a partial unique index over
 * the pets that are neither deceased nor archived, so two concurrent registrations of one chip cannot
 * both succeed. Numbers are stored normalized (no spaces, upper case); the CHECK now also admits the
 * older 9-10 character chips. Living pets that already share a number keep it on the first registered;
 * the later ones lose it from `pets` and keep it in `microchip_conflicts`, for support to sort out.
 */
export class LivingMicrochips1765300000000 implements MigrationInterface {
  name = "LivingMicrochips1765300000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE pets.pets DROP CONSTRAINT IF EXISTS pets_microchip_id_check`);
    await db.query(
      `ALTER TABLE pets.pets ADD CONSTRAINT pets_microchip_id_check CHECK (microchip_id ~ '^([0-9]{15}|[0-9A-Z]{9,10})$')`,
    );
    await db.query(`
      CREATE TABLE pets.microchip_conflicts (
        pet_id uuid PRIMARY KEY REFERENCES pets.pets(id) ON DELETE CASCADE,
        microchip_id text NOT NULL,
        set_aside_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      INSERT INTO pets.microchip_conflicts (pet_id, microchip_id)
      SELECT id, microchip_id FROM (
        SELECT id, microchip_id, row_number() OVER (PARTITION BY microchip_id ORDER BY seq) AS n
        FROM pets.pets WHERE microchip_id IS NOT NULL AND deceased_on IS NULL AND archived_at IS NULL
      ) ranked WHERE n > 1`);
    await db.query(`UPDATE pets.pets p SET microchip_id = NULL FROM pets.microchip_conflicts c WHERE c.pet_id = p.id`);
    await db.query(
      `CREATE UNIQUE INDEX pets_living_microchip_idx ON pets.pets (microchip_id) WHERE microchip_id IS NOT NULL AND deceased_on IS NULL AND archived_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX pets.pets_living_microchip_idx`);
    await db.query(
      `UPDATE pets.pets p SET microchip_id = c.microchip_id FROM pets.microchip_conflicts c WHERE c.pet_id = p.id`,
    );
    await db.query(`DROP TABLE pets.microchip_conflicts`);
    await db.query(`ALTER TABLE pets.pets DROP CONSTRAINT pets_microchip_id_check`);
    await db.query(`ALTER TABLE pets.pets ADD CONSTRAINT pets_microchip_id_check CHECK (microchip_id ~ '^[0-9]{15}$')`);
  }
}
