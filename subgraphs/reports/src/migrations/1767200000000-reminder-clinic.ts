import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * ehr's `reminder.due` names the clinic whose vaccination set the reminder: a clinic's report counts
 * its own reminders, and only reminders naming no clinic for every clinic the pet has booked with.
 */
export class ReminderClinic1767200000000 implements MigrationInterface {
  name = "ReminderClinic1767200000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE reports.reminder_facts ADD COLUMN clinic_id text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE reports.reminder_facts DROP COLUMN clinic_id`);
  }
}
