import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Platform admins page clinics of one status (`clinics(status: PENDING)`) oldest first, by `seq`, and
 * say why they reject one (`reviewClinic(input: { reason })`, `Clinic.statusReason`).
 */
export class ClinicReviewQueue1766810000000 implements MigrationInterface {
  name = "ClinicReviewQueue1766810000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS clinics_status_seq_idx ON bookings.clinics (status, seq)`);
    await db.query(`ALTER TABLE bookings.clinics ADD COLUMN IF NOT EXISTS status_reason text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE bookings.clinics DROP COLUMN IF EXISTS status_reason`);
    await db.query(`DROP INDEX IF EXISTS bookings.clinics_status_seq_idx`);
  }
}
