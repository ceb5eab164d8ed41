import type { MigrationInterface, QueryRunner } from "typeorm";

/** Platform admins page clinics of one status (`clinics(status: PENDING)`) oldest first, by `seq`. */
export class ClinicReviewQueue1766810000000 implements MigrationInterface {
  name = "ClinicReviewQueue1766810000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS clinics_status_seq_idx ON bookings.clinics (status, seq)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS bookings.clinics_status_seq_idx`);
  }
}
