import type { MigrationInterface, QueryRunner } from "typeorm";

/** When the clinic recorded that nobody came to a confirmed booking, and who recorded it. */
export class NoShows1766700000000 implements MigrationInterface {
  name = "NoShows1766700000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE bookings.appointments ADD COLUMN no_show_at timestamptz, ADD COLUMN no_show_marked_by uuid`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE bookings.appointments DROP COLUMN IF EXISTS no_show_at, DROP COLUMN IF EXISTS no_show_marked_by`,
    );
  }
}
