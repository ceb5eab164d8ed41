import type { MigrationInterface, QueryRunner } from "typeorm";

/** Pets, their owners and carers, and weight history. */
export class Initial1764000000000 implements MigrationInterface {
  name = "Initial1764000000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE pets.pets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
        species text NOT NULL,
        breed text,
        sex text NOT NULL DEFAULT 'UNKNOWN',
        neutered boolean,
        date_of_birth date,
        colour text,
        microchip_id text CHECK (microchip_id ~ '^[0-9]{15}$'),
        photo_url text,
        deceased_on date,
        archived_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE pets.pet_owners (
        pet_id uuid NOT NULL REFERENCES pets.pets(id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (pet_id, user_id)
      )`);
    await db.query(`CREATE INDEX pet_owners_user_id_idx ON pets.pet_owners (user_id, pet_id)`);
    await db.query(`
      CREATE TABLE pets.pet_carers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pet_id uuid NOT NULL REFERENCES pets.pets(id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        until timestamptz,
        added_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (pet_id, email)
      )`);
    await db.query(`CREATE INDEX pet_carers_email_idx ON pets.pet_carers (email)`);
    await db.query(`
      CREATE TABLE pets.weight_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        pet_id uuid NOT NULL REFERENCES pets.pets(id) ON DELETE CASCADE,
        weight_kg double precision NOT NULL CHECK (weight_kg > 0),
        measured_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX weight_records_pet_idx ON pets.weight_records (pet_id, measured_at DESC, seq DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE pets.weight_records`);
    await db.query(`DROP TABLE pets.pet_carers`);
    await db.query(`DROP TABLE pets.pet_owners`);
    await db.query(`DROP TABLE pets.pets`);
  }
}
