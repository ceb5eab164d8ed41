import type { MigrationInterface, QueryRunner } from "typeorm";

/** Clinics an owner wrote to about a pet see its profile (not its record), fed by messaging's events. */
export class ConversationAccess1765000000000 implements MigrationInterface {
  name = "ConversationAccess1765000000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE pets.conversation_access (
        conversation_id uuid PRIMARY KEY,
        pet_id uuid NOT NULL REFERENCES pets.pets(id) ON DELETE CASCADE,
        clinic_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX conversation_access_pet_clinic_idx ON pets.conversation_access (pet_id, clinic_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE pets.conversation_access`);
  }
}
