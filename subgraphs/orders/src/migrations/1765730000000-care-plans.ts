import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Care plans (docs/decisions/0038): a plan, its lines, and one run per plan and period under the
 * unique key `careplan:{planId}:{periodStart}`, which is what keeps several scheduler instances from
 * ordering or charging a period twice. A run's order is a normal order placed from a cart of its own
 * (status CARE_PLAN, so it never collides with the owner's active cart).
 */
export class CarePlans1765730000000 implements MigrationInterface {
  name = "CarePlans1765730000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders.carts DROP CONSTRAINT IF EXISTS carts_status_check`);
    await db.query(
      `ALTER TABLE orders.carts ADD CONSTRAINT carts_status_check CHECK (status IN ('ACTIVE', 'ORDERED', 'MERGED', 'CARE_PLAN'))`,
    );
    await db.query(`CREATE TABLE orders.care_plans (
      id uuid PRIMARY KEY,
      owner_id uuid NOT NULL,
      pet_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('PRODUCTS', 'WELLNESS')),
      clinic_id uuid,
      status text NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'PAST_DUE', 'CANCELLED')),
      currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      interval_unit text NOT NULL CHECK (interval_unit IN ('WEEK', 'MONTH')),
      interval_count integer NOT NULL CHECK (interval_count BETWEEN 1 AND 52),
      anchor_on date NOT NULL,
      next_run_index integer NOT NULL DEFAULT 1 CHECK (next_run_index >= 0),
      next_run_on date NOT NULL,
      reminded_for date,
      shipping_address jsonb NOT NULL,
      shipping_choices jsonb NOT NULL DEFAULT '{}',
      pay_on_delivery boolean NOT NULL,
      payment_customer text,
      payment_method text,
      past_due_at timestamptz,
      cancel_reason text CHECK (cancel_reason IN ('OWNER', 'DUNNING', 'ADMIN')),
      cancelled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX care_plans_owner_idx ON orders.care_plans (owner_id, created_at DESC, id)`);
    await db.query(`CREATE INDEX care_plans_due_idx ON orders.care_plans (next_run_on) WHERE status = 'ACTIVE'`);
    await db.query(`CREATE TABLE orders.care_plan_lines (
      plan_id uuid NOT NULL REFERENCES orders.care_plans (id) ON DELETE CASCADE,
      variant_id uuid NOT NULL,
      quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
      position integer NOT NULL,
      PRIMARY KEY (plan_id, variant_id)
    )`);
    await db.query(`CREATE TABLE orders.care_plan_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      plan_id uuid NOT NULL REFERENCES orders.care_plans (id),
      period_start date NOT NULL,
      run_key text NOT NULL UNIQUE,
      status text NOT NULL DEFAULT 'CLAIMED' CHECK (status IN ('CLAIMED', 'ORDERED', 'PAID', 'PAYMENT_FAILED',
        'REQUIRES_ACTION', 'SKIPPED', 'FAILED', 'ABANDONED')),
      order_id uuid REFERENCES orders.orders (id),
      attempts integer NOT NULL DEFAULT 0,
      first_failed_at timestamptz,
      next_attempt_at timestamptz NOT NULL,
      lease_until timestamptz,
      client_secret text,
      last_error text,
      skipped_lines jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (plan_id, period_start)
    )`);
    await db.query(
      `CREATE INDEX care_plan_runs_pending_idx ON orders.care_plan_runs (next_attempt_at)
        WHERE status IN ('CLAIMED', 'ORDERED', 'PAYMENT_FAILED', 'REQUIRES_ACTION')`,
    );
    await db.query(`CREATE INDEX care_plan_runs_plan_idx ON orders.care_plan_runs (plan_id, period_start DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS orders.care_plan_runs`);
    await db.query(`DROP TABLE IF EXISTS orders.care_plan_lines`);
    await db.query(`DROP TABLE IF EXISTS orders.care_plans`);
    await db.query(`ALTER TABLE orders.carts DROP CONSTRAINT IF EXISTS carts_status_check`);
    await db.query(
      `ALTER TABLE orders.carts ADD CONSTRAINT carts_status_check CHECK (status IN ('ACTIVE', 'ORDERED', 'MERGED'))`,
    );
  }
}
