import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Clinics' wellness plans (docs/decisions/0041): what a clinic offers — products from its own shop
 * every month and a yearly allowance of its services — from which owners start care plans.
 */
export class WellnessOffers1766800000000 implements MigrationInterface {
  name = "WellnessOffers1766800000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE orders.wellness_offers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      vendor_id uuid NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
      currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      monthly_price_minor integer NOT NULL CHECK (monthly_price_minor >= 0),
      lines jsonb NOT NULL,
      service_credits jsonb NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX wellness_offers_clinic_idx ON orders.wellness_offers (clinic_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS orders.wellness_offers`);
  }
}
