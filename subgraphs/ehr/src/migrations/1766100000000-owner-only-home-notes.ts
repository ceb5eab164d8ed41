import type { MigrationInterface, QueryRunner } from "typeorm";

/** The timeline view before this migration (1765600000000), for `down`. */
const TIMELINE_BEFORE = `
        SELECT 'VISIT' AS kind, id, seq, pet_id, occurred_at FROM ehr.visits
        UNION ALL SELECT 'VACCINATION', id, seq, pet_id, occurred_at FROM ehr.vaccinations
        UNION ALL SELECT 'MEDICATION', id, seq, pet_id, occurred_at FROM ehr.medications
        UNION ALL SELECT 'ALLERGY', id, seq, pet_id, occurred_at FROM ehr.allergies
        UNION ALL SELECT 'LAB_RESULT', id, seq, pet_id, occurred_at FROM ehr.lab_results
        UNION ALL SELECT 'CLINICAL_ALERT', id, seq, pet_id, occurred_at FROM ehr.clinical_alerts
        UNION ALL SELECT 'HOME_NOTE', id, seq, pet_id, occurred_at FROM ehr.home_notes
        UNION ALL SELECT 'DISPENSING', id, seq, pet_id, dispensed_at FROM ehr.prescription_dispensings`;

const TIMELINE_AFTER = `
        SELECT 'VISIT' AS kind, id, seq, pet_id, occurred_at, false AS owner_only FROM ehr.visits
        UNION ALL SELECT 'VACCINATION', id, seq, pet_id, occurred_at, false FROM ehr.vaccinations
        UNION ALL SELECT 'MEDICATION', id, seq, pet_id, occurred_at, false FROM ehr.medications
        UNION ALL SELECT 'ALLERGY', id, seq, pet_id, occurred_at, false FROM ehr.allergies
        UNION ALL SELECT 'LAB_RESULT', id, seq, pet_id, occurred_at, false FROM ehr.lab_results
        UNION ALL SELECT 'CLINICAL_ALERT', id, seq, pet_id, occurred_at, false FROM ehr.clinical_alerts
        UNION ALL SELECT 'HOME_NOTE', id, seq, pet_id, occurred_at, owner_only FROM ehr.home_notes
        UNION ALL SELECT 'DISPENSING', id, seq, pet_id, dispensed_at, false FROM ehr.prescription_dispensings`;

/**
 * Owners may keep a home note to themselves (`owner_only`): carers and clinics never see it. The
 * flag is carried into the timeline view (false for every other kind), so the filter sits in the
 * one statement that pages the record and a page never comes back short.
 */
export class OwnerOnlyHomeNotes1766100000000 implements MigrationInterface {
  name = "OwnerOnlyHomeNotes1766100000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE ehr.home_notes ADD COLUMN owner_only boolean NOT NULL DEFAULT false`);
    await db.query(`DROP VIEW ehr.timeline`);
    await db.query(`CREATE VIEW ehr.timeline AS ${TIMELINE_AFTER}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW ehr.timeline`);
    await db.query(`CREATE VIEW ehr.timeline AS ${TIMELINE_BEFORE}`);
    await db.query(`ALTER TABLE ehr.home_notes DROP COLUMN owner_only`);
  }
}
