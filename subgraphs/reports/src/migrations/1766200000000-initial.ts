import type { MigrationInterface, QueryRunner } from "typeorm";
import { outboxMigrationSql } from "@pawgraph/subgraph-kit";

/**
 * reports' fact tables (docs/decisions/0040): one row per booking, vendor, order, vendor order, order
 * line, refund, payout entry, care plan, reminder and low-stock variant, plus who was active on which
 * day, each written from other subgraphs' events by the facts consumer. Ids are text: they are
 * copied from events, and an id this table cannot hold must never stop the consumer. The outbox
 * tables bring the processed_events ledger that applies each event once.
 */
export class Initial1766200000000 implements MigrationInterface {
  name = "Initial1766200000000";

  async up(db: QueryRunner): Promise<void> {
    for (const statement of outboxMigrationSql("reports").up) await db.query(statement);
    for (const statement of STATEMENTS) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of TABLES) await db.query(`DROP TABLE IF EXISTS reports.${table}`);
    for (const statement of outboxMigrationSql("reports").down) await db.query(statement);
  }
}

const TABLES = [
  "booking_facts",
  "vendor_facts",
  "order_facts",
  "vendor_order_facts",
  "order_line_facts",
  "refund_facts",
  "payout_facts",
  "care_plan_facts",
  "reminder_facts",
  "stock_low_facts",
  "user_activity",
];

const STATEMENTS = [
  `CREATE TABLE reports.booking_facts (
    booking_id text PRIMARY KEY,
    clinic_id text NOT NULL,
    clinic_time_zone text NOT NULL,
    service_id text NOT NULL,
    service_name text,
    pet_id text,
    owner_id text NOT NULL,
    starts_at timestamptz NOT NULL,
    sequence integer NOT NULL,
    price_minor bigint,
    currency text,
    confirmed_at timestamptz,
    cancelled_at timestamptz,
    cancelled_by text,
    cancelled_by_role text,
    no_show_at timestamptz,
    marked_by text
  )`,
  `CREATE INDEX booking_facts_clinic_idx ON reports.booking_facts (clinic_id, starts_at)`,
  `CREATE INDEX booking_facts_pet_idx ON reports.booking_facts (clinic_id, pet_id, confirmed_at)`,
  `CREATE INDEX booking_facts_confirmed_idx ON reports.booking_facts (confirmed_at)`,
  `CREATE TABLE reports.vendor_facts (
    vendor_id text PRIMARY KEY,
    name text NOT NULL,
    clinic_id text
  )`,
  `CREATE INDEX vendor_facts_clinic_idx ON reports.vendor_facts (clinic_id) WHERE clinic_id IS NOT NULL`,
  `CREATE TABLE reports.order_facts (
    order_id text PRIMARY KEY,
    order_number text NOT NULL,
    buyer_id text NOT NULL,
    currency text NOT NULL,
    amount_minor bigint,
    placed_at timestamptz,
    paid_at timestamptz,
    cancelled_at timestamptz
  )`,
  `CREATE INDEX order_facts_paid_idx ON reports.order_facts (paid_at) WHERE paid_at IS NOT NULL`,
  `CREATE TABLE reports.vendor_order_facts (
    vendor_order_id text PRIMARY KEY,
    order_id text NOT NULL,
    vendor_id text NOT NULL,
    currency text NOT NULL,
    total_minor bigint NOT NULL,
    items_minor bigint,
    shipping_minor bigint,
    commission_minor bigint,
    paid_at timestamptz NOT NULL
  )`,
  `CREATE INDEX vendor_order_facts_vendor_idx ON reports.vendor_order_facts (vendor_id, paid_at)`,
  `CREATE INDEX vendor_order_facts_order_idx ON reports.vendor_order_facts (order_id)`,
  `CREATE INDEX vendor_order_facts_paid_idx ON reports.vendor_order_facts (paid_at)`,
  `CREATE TABLE reports.order_line_facts (
    vendor_order_id text NOT NULL,
    line_no integer NOT NULL,
    vendor_id text NOT NULL,
    product_id text NOT NULL,
    variant_id text NOT NULL,
    title text NOT NULL,
    quantity integer NOT NULL,
    total_minor bigint NOT NULL,
    currency text NOT NULL,
    paid_at timestamptz NOT NULL,
    PRIMARY KEY (vendor_order_id, line_no)
  )`,
  `CREATE INDEX order_line_facts_vendor_idx ON reports.order_line_facts (vendor_id, paid_at)`,
  `CREATE TABLE reports.refund_facts (
    refund_id text PRIMARY KEY,
    order_id text NOT NULL,
    amount_minor bigint NOT NULL,
    currency text NOT NULL,
    refunded_at timestamptz NOT NULL
  )`,
  `CREATE INDEX refund_facts_order_idx ON reports.refund_facts (order_id)`,
  `CREATE INDEX refund_facts_refunded_idx ON reports.refund_facts (refunded_at)`,
  `CREATE TABLE reports.payout_facts (
    entry_id text PRIMARY KEY,
    vendor_id text NOT NULL,
    order_id text NOT NULL,
    vendor_order_id text NOT NULL,
    direction text NOT NULL,
    amount_minor bigint NOT NULL,
    commission_minor bigint NOT NULL,
    currency text NOT NULL,
    settlement text NOT NULL,
    occurred_at timestamptz NOT NULL
  )`,
  `CREATE INDEX payout_facts_vendor_idx ON reports.payout_facts (vendor_id, occurred_at)`,
  `CREATE TABLE reports.care_plan_facts (
    plan_id text PRIMARY KEY,
    owner_id text NOT NULL,
    pet_id text NOT NULL,
    kind text NOT NULL,
    clinic_id text,
    currency text,
    started_at timestamptz,
    cancelled_at timestamptz,
    cancel_reason text
  )`,
  `CREATE TABLE reports.reminder_facts (
    reminder_id text PRIMARY KEY,
    pet_id text NOT NULL,
    code text NOT NULL,
    title text NOT NULL,
    due_on date NOT NULL,
    sent_at timestamptz NOT NULL
  )`,
  `CREATE INDEX reminder_facts_pet_idx ON reports.reminder_facts (pet_id, due_on)`,
  `CREATE TABLE reports.stock_low_facts (
    vendor_id text NOT NULL,
    variant_id text NOT NULL,
    location_id text NOT NULL,
    product_id text NOT NULL,
    product_title text NOT NULL,
    sku text NOT NULL,
    available integer NOT NULL,
    low_level integer NOT NULL,
    reported_at timestamptz NOT NULL,
    PRIMARY KEY (vendor_id, variant_id, location_id)
  )`,
  `CREATE TABLE reports.user_activity (
    day date NOT NULL,
    user_id text NOT NULL,
    PRIMARY KEY (day, user_id)
  )`,
];
