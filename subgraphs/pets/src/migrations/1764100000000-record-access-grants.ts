import type { MigrationInterface, QueryRunner } from "typeorm";

/** Clinics an owner has let see (and add to) a pet's health record. */
export class RecordAccessGrants1764100000000 implements MigrationInterface {
  name = "RecordAccessGrants1764100000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE pets.record_access_grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pet_id uuid NOT NULL REFERENCES pets.pets(id) ON DELETE CASCADE,
        clinic_id uuid NOT NULL,
        granted_by uuid NOT NULL,
        until timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // At most one live grant per pet and clinic; revoked ones stay as history.
    await db.query(
      `CREATE UNIQUE INDEX record_access_grants_live_key ON pets.record_access_grants (pet_id, clinic_id) WHERE revoked_at IS NULL`,
    );
    await db.query(
      `CREATE INDEX record_access_grants_clinic_idx ON pets.record_access_grants (clinic_id) WHERE revoked_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE pets.record_access_grants`);
  }
}
