import type { MigrationInterface, QueryRunner } from "typeorm";

const TIMELINE_KINDS = `
        SELECT 'VISIT' AS kind, id, seq, pet_id, occurred_at FROM ehr.visits
        UNION ALL SELECT 'VACCINATION', id, seq, pet_id, occurred_at FROM ehr.vaccinations
        UNION ALL SELECT 'MEDICATION', id, seq, pet_id, occurred_at FROM ehr.medications
        UNION ALL SELECT 'ALLERGY', id, seq, pet_id, occurred_at FROM ehr.allergies
        UNION ALL SELECT 'LAB_RESULT', id, seq, pet_id, occurred_at FROM ehr.lab_results
        UNION ALL SELECT 'CLINICAL_ALERT', id, seq, pet_id, occurred_at FROM ehr.clinical_alerts
        UNION ALL SELECT 'HOME_NOTE', id, seq, pet_id, occurred_at FROM ehr.home_notes`;

/**
 * Prescriptions dispensed by shop orders (orders' `order.shipped`): one row per order line, whatever
 * how often the event arrives (`order_line_id` UNIQUE), and an entry on the pet's timeline.
 * `refills_exhausted` marks a dispensing of a prescription that had no refills left: it happened
 * (the parcel left), so it is recorded, and `refills_left` stays at 0.
 */
export class PrescriptionDispensings1765600000000 implements MigrationInterface {
  name = "PrescriptionDispensings1765600000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ehr.prescription_dispensings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        medication_id uuid NOT NULL REFERENCES ehr.medications(id) ON DELETE CASCADE,
        pet_id uuid NOT NULL,
        order_line_id text NOT NULL UNIQUE,
        order_id text NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        dispensed_at timestamptz NOT NULL,
        refills_exhausted boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX prescription_dispensings_timeline_idx ON ehr.prescription_dispensings (pet_id, dispensed_at DESC, seq DESC)`,
    );
    await db.query(
      `CREATE INDEX prescription_dispensings_medication_idx ON ehr.prescription_dispensings (medication_id, dispensed_at DESC)`,
    );
    await db.query(`DROP VIEW ehr.timeline`);
    await db.query(`
      CREATE VIEW ehr.timeline AS ${TIMELINE_KINDS}
        UNION ALL SELECT 'DISPENSING', id, seq, pet_id, dispensed_at FROM ehr.prescription_dispensings`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW ehr.timeline`);
    await db.query(`CREATE VIEW ehr.timeline AS ${TIMELINE_KINDS}`);
    await db.query(`DROP TABLE ehr.prescription_dispensings`);
  }
}
