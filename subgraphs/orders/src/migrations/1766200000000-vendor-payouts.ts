import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Vendor payouts (docs/decisions/0039): each vendor's Stripe Connect account, the payout ledger (every
 * credit and debit with its order) and the durable queue of transfers and reversals that settle it.
 */
export class VendorPayouts1766200000000 implements MigrationInterface {
  name = "VendorPayouts1766200000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE orders.payout_accounts (
      vendor_id uuid PRIMARY KEY,
      stripe_account_id text NOT NULL UNIQUE,
      payouts_enabled boolean NOT NULL DEFAULT false,
      details_submitted boolean NOT NULL DEFAULT false,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // The queue: a TRANSFER per credited vendor order, a REVERSAL per debit against a transfer sent.
    await db.query(`CREATE TABLE orders.payout_transfers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('TRANSFER', 'REVERSAL')),
      parent_id uuid REFERENCES orders.payout_transfers (id),
      order_id uuid NOT NULL REFERENCES orders.orders (id),
      vendor_order_id uuid NOT NULL REFERENCES orders.vendor_orders (id),
      vendor_id uuid NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      destination text NOT NULL,
      idempotency_key text NOT NULL UNIQUE,
      status text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'SKIPPED')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      source_transaction text,
      stripe_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'REVERSAL') = (parent_id IS NOT NULL))
    )`);
    await db.query(
      `CREATE UNIQUE INDEX payout_transfers_vendor_order_key ON orders.payout_transfers (vendor_order_id) WHERE kind = 'TRANSFER'`,
    );
    await db.query(
      `CREATE INDEX payout_transfers_due_idx ON orders.payout_transfers (next_attempt_at) WHERE status = 'PENDING'`,
    );
    await db.query(`CREATE INDEX payout_transfers_status_idx ON orders.payout_transfers (status, created_at, id)`);
    await db.query(`CREATE TABLE orders.payout_ledger (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigserial NOT NULL UNIQUE,
      vendor_id uuid NOT NULL,
      order_id uuid NOT NULL REFERENCES orders.orders (id),
      vendor_order_id uuid NOT NULL REFERENCES orders.vendor_orders (id),
      refund_id uuid REFERENCES orders.refunds (id),
      direction text NOT NULL CHECK (direction IN ('CREDIT', 'DEBIT')),
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      commission_minor bigint NOT NULL CHECK (commission_minor >= 0),
      currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      settlement text NOT NULL CHECK (settlement IN ('STRIPE_TRANSFER', 'MANUAL')),
      netted boolean NOT NULL DEFAULT false,
      transfer_id uuid REFERENCES orders.payout_transfers (id),
      created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
      CHECK ((direction = 'DEBIT') = (refund_id IS NOT NULL))
    )`);
    // One credit per vendor order and one debit per refund and vendor order, however often asked.
    await db.query(
      `CREATE UNIQUE INDEX payout_ledger_credit_key ON orders.payout_ledger (vendor_order_id) WHERE direction = 'CREDIT'`,
    );
    await db.query(
      `CREATE UNIQUE INDEX payout_ledger_debit_key ON orders.payout_ledger (refund_id, vendor_order_id) WHERE direction = 'DEBIT'`,
    );
    await db.query(`CREATE INDEX payout_ledger_vendor_idx ON orders.payout_ledger (vendor_id, seq DESC)`);
    await db.query(`CREATE INDEX payout_ledger_created_idx ON orders.payout_ledger (created_at)`);
    await db.query(`CREATE INDEX payout_ledger_transfer_idx ON orders.payout_ledger (transfer_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS orders.payout_ledger`);
    await db.query(`DROP TABLE IF EXISTS orders.payout_transfers`);
    await db.query(`DROP TABLE IF EXISTS orders.payout_accounts`);
  }
}
