import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Which wellness offer a WELLNESS care plan was started from, and the bookings it covers: one row per
 * covered booking (released when the booking is cancelled), counted per plan year against the offer's
 * yearly allowance of that service (docs/decisions/0041).
 */
export class WellnessCoverage1766900000000 implements MigrationInterface {
  name = "WellnessCoverage1766900000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE orders.care_plans ADD COLUMN wellness_offer_id uuid REFERENCES orders.wellness_offers (id)`,
    );
    await db.query(`CREATE INDEX care_plans_wellness_idx ON orders.care_plans (pet_id, clinic_id)
      WHERE kind = 'WELLNESS' AND status = 'ACTIVE'`);
    await db.query(`CREATE TABLE orders.wellness_coverages (
      booking_id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES orders.care_plans (id),
      service_id uuid NOT NULL,
      service_name text NOT NULL,
      clinic_id uuid NOT NULL,
      owner_id uuid NOT NULL,
      plan_year_start date NOT NULL,
      status text NOT NULL CHECK (status IN ('COVERED', 'RELEASED')),
      covered_at timestamptz NOT NULL DEFAULT now(),
      released_at timestamptz
    )`);
    await db.query(`CREATE INDEX wellness_coverages_plan_idx ON orders.wellness_coverages (plan_id, service_id, plan_year_start)
      WHERE status = 'COVERED'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS orders.wellness_coverages`);
    await db.query(`ALTER TABLE orders.care_plans DROP COLUMN IF EXISTS wellness_offer_id`);
  }
}
