import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Medications gain an optional ATCvet code (the WHO's veterinary Anatomical Therapeutic Chemical
 * classification, e.g. QM01AE91 for carprofen): the vocabulary catalog's prescription-only products
 * name, so a shop can tell whether a pet holds a prescription for what it sells.
 */
export class MedicationCodes1765400500000 implements MigrationInterface {
  name = "MedicationCodes1765400500000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE ehr.medications ADD COLUMN code text CHECK (code ~ '^Q[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$')`,
    );
    await db.query(
      `CREATE INDEX medications_active_prescriptions_idx ON ehr.medications (pet_id) WHERE kind = 'PRESCRIPTION' AND code IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ehr.medications_active_prescriptions_idx`);
    await db.query(`ALTER TABLE ehr.medications DROP COLUMN code`);
  }
}
