import type { MigrationInterface, QueryRunner } from "typeorm";
import { outboxMigrationSql } from "@pawgraph/subgraph-kit";

/**
 * Everything orders keeps (docs/decisions/0036): the settings platform admins and vendors configure
 * (currencies, tax rates, shipping methods, coupons, commission rules), carts, orders with their
 * vendor orders, lines, history and shipments, payments, refunds, Stripe's webhook events, the outbox.
 * Money is integer minor units (bigint) next to its currency on every row.
 */
export class Initial1765500000000 implements MigrationInterface {
  name = "Initial1765500000000";

  async up(db: QueryRunner): Promise<void> {
    for (const statement of SETTINGS) await db.query(statement);
    for (const statement of CARTS) await db.query(statement);
    for (const statement of ORDERS) await db.query(statement);
    for (const statement of PAYMENTS) await db.query(statement);
    for (const statement of outboxMigrationSql("orders").up) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of outboxMigrationSql("orders").down) await db.query(statement);
    for (const table of [
      "webhook_events",
      "refunds",
      "payments",
      "shipments",
      "order_history",
      "order_lines",
      "vendor_orders",
      "orders",
      "cart_coupons",
      "cart_shipping_choices",
      "cart_lines",
      "carts",
      "coupon_redemptions",
      "coupons",
      "commission_rules",
      "shipping_methods",
      "tax_rates",
      "currency_settings",
    ])
      await db.query(`DROP TABLE IF EXISTS orders.${table}`);
    await db.query(`DROP SEQUENCE IF EXISTS orders.order_number_seq`);
  }
}

// placed_at is kept to the millisecond: it is a page cursor, and JavaScript dates hold milliseconds.
const CURRENCY = `text NOT NULL CHECK (currency ~ '^[A-Z]{3}$')`;

const SETTINGS = [
  `CREATE TABLE orders.currency_settings (
    currency text PRIMARY KEY CHECK (currency ~ '^[A-Z]{3}$'),
    prices_include_tax boolean NOT NULL,
    free_shipping_threshold_minor bigint CHECK (free_shipping_threshold_minor >= 0),
    updated_by uuid,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  // The defaults: US prices exclude sales tax, European ones include VAT; free shipping from 200.
  `INSERT INTO orders.currency_settings (currency, prices_include_tax, free_shipping_threshold_minor) VALUES
    ('USD', false, 20000), ('CAD', false, 20000), ('EUR', true, 20000), ('GBP', true, 20000)`,
  `CREATE TABLE orders.tax_rates (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    region text CHECK (region ~ '^[A-Z0-9]{1,3}$'),
    tax_category text NOT NULL CHECK (tax_category ~ '^[A-Z][A-Z0-9_]{0,39}$'),
    rate_bps integer NOT NULL CHECK (rate_bps BETWEEN 0 AND 10000),
    updated_by uuid,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE UNIQUE INDEX tax_rates_key ON orders.tax_rates (country, region, tax_category) NULLS NOT DISTINCT`,
  // A starting table a platform admin edits (setTaxRate): standard and reduced VAT, shipping taxed as standard.
  `INSERT INTO orders.tax_rates (country, region, tax_category, rate_bps) VALUES
    ('DE', NULL, 'STANDARD', 1900), ('DE', NULL, 'REDUCED', 700), ('DE', NULL, 'SHIPPING', 1900),
    ('FR', NULL, 'STANDARD', 2000), ('FR', NULL, 'REDUCED', 550), ('FR', NULL, 'SHIPPING', 2000),
    ('GB', NULL, 'STANDARD', 2000), ('GB', NULL, 'SHIPPING', 2000),
    ('US', 'CA', 'STANDARD', 725), ('US', 'NY', 'STANDARD', 400), ('US', 'TX', 'STANDARD', 625)`,
  `CREATE TABLE orders.shipping_methods (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    vendor_id uuid NOT NULL,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    kind text NOT NULL CHECK (kind IN ('FLAT', 'WEIGHT_BANDS', 'PICKUP')),
    currency ${CURRENCY},
    price_minor bigint CHECK (price_minor >= 0),
    bands jsonb,
    clinic_id uuid,
    active boolean NOT NULL DEFAULT true,
    created_by uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'FLAT') = (price_minor IS NOT NULL)),
    CHECK ((kind = 'WEIGHT_BANDS') = (bands IS NOT NULL)),
    CHECK ((kind = 'PICKUP') = (clinic_id IS NOT NULL))
  )`,
  `CREATE INDEX shipping_methods_vendor_idx ON orders.shipping_methods (vendor_id) WHERE active`,
  `CREATE TABLE orders.commission_rules (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    scope text NOT NULL CHECK (scope IN ('PRODUCT', 'CATEGORY', 'VENDOR')),
    target_id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('PERCENTAGE', 'FIXED')),
    rate_bps integer CHECK (rate_bps BETWEEN 0 AND 10000),
    fixed_minor bigint CHECK (fixed_minor >= 0),
    minimum_minor bigint CHECK (minimum_minor >= 0),
    currency text CHECK (currency ~ '^[A-Z]{3}$'),
    created_by uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (scope, target_id),
    CHECK ((kind = 'PERCENTAGE') = (rate_bps IS NOT NULL)),
    CHECK ((kind = 'FIXED') = (fixed_minor IS NOT NULL))
  )`,
  `CREATE TABLE orders.coupons (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code text NOT NULL CHECK (code ~ '^[A-Z0-9_-]{3,32}$'),
    kind text NOT NULL CHECK (kind IN ('PERCENTAGE', 'FIXED', 'FREE_SHIPPING')),
    percent_bps integer CHECK (percent_bps BETWEEN 1 AND 10000),
    amount_minor bigint CHECK (amount_minor > 0),
    currency text CHECK (currency ~ '^[A-Z]{3}$'),
    minimum_subtotal_minor bigint CHECK (minimum_subtotal_minor >= 0),
    starts_at timestamptz,
    ends_at timestamptz,
    usage_limit integer CHECK (usage_limit > 0),
    per_customer_limit integer CHECK (per_customer_limit > 0),
    times_used integer NOT NULL DEFAULT 0,
    vendor_id uuid,
    exclusive boolean NOT NULL DEFAULT false,
    active boolean NOT NULL DEFAULT true,
    created_by uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'PERCENTAGE') = (percent_bps IS NOT NULL)),
    CHECK ((kind = 'FIXED') = (amount_minor IS NOT NULL AND currency IS NOT NULL)),
    CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at),
    CHECK (usage_limit IS NULL OR times_used <= usage_limit)
  )`,
  `CREATE UNIQUE INDEX coupons_code_key ON orders.coupons (code)`,
  `CREATE TABLE orders.coupon_redemptions (
    coupon_id uuid NOT NULL REFERENCES orders.coupons (id),
    order_id uuid NOT NULL,
    user_id uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (coupon_id, order_id)
  )`,
  `CREATE INDEX coupon_redemptions_user_idx ON orders.coupon_redemptions (coupon_id, user_id)`,
];

const CARTS = [
  `CREATE TABLE orders.carts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid,
    guest_token_hash text UNIQUE,
    status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ORDERED', 'MERGED')),
    currency text CHECK (currency ~ '^[A-Z]{3}$'),
    version integer NOT NULL DEFAULT 1,
    shipping_address jsonb,
    checkout jsonb,
    checkout_expires_at timestamptz,
    merged_into uuid REFERENCES orders.carts (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (user_id IS NOT NULL OR guest_token_hash IS NOT NULL)
  )`,
  // One cart a signed-in user is filling at a time.
  `CREATE UNIQUE INDEX carts_active_user_key ON orders.carts (user_id) WHERE status = 'ACTIVE' AND user_id IS NOT NULL`,
  `CREATE INDEX carts_abandoned_idx ON orders.carts (updated_at) WHERE status = 'ACTIVE'`,
  `CREATE TABLE orders.cart_lines (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    cart_id uuid NOT NULL REFERENCES orders.carts (id) ON DELETE CASCADE,
    variant_id uuid NOT NULL,
    pet_id uuid,
    quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    added_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE UNIQUE INDEX cart_lines_key ON orders.cart_lines (cart_id, variant_id, pet_id) NULLS NOT DISTINCT`,
  `CREATE TABLE orders.cart_shipping_choices (
    cart_id uuid NOT NULL REFERENCES orders.carts (id) ON DELETE CASCADE,
    vendor_id uuid NOT NULL,
    shipping_method_id uuid NOT NULL REFERENCES orders.shipping_methods (id),
    PRIMARY KEY (cart_id, vendor_id)
  )`,
  `CREATE TABLE orders.cart_coupons (
    cart_id uuid NOT NULL REFERENCES orders.carts (id) ON DELETE CASCADE,
    coupon_id uuid NOT NULL REFERENCES orders.coupons (id),
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cart_id, coupon_id)
  )`,
];

const ORDERS = [
  `CREATE SEQUENCE orders.order_number_seq START 100001`,
  `CREATE TABLE orders.orders (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq bigserial NOT NULL UNIQUE,
    number text NOT NULL UNIQUE DEFAULT ('PG-' || nextval('orders.order_number_seq')),
    buyer_id uuid NOT NULL,
    cart_id uuid NOT NULL UNIQUE REFERENCES orders.carts (id),
    stock_key text NOT NULL,
    status text NOT NULL CHECK (status IN ('PAYMENT_PENDING', 'PAID', 'PARTIALLY_FULFILLED', 'FULFILLED',
      'COMPLETED', 'CANCELLED', 'NEEDS_ATTENTION')),
    currency ${CURRENCY},
    prices_include_tax boolean NOT NULL,
    subtotal_minor bigint NOT NULL CHECK (subtotal_minor >= 0),
    discount_minor bigint NOT NULL CHECK (discount_minor >= 0),
    shipping_minor bigint NOT NULL CHECK (shipping_minor >= 0),
    tax_minor bigint NOT NULL CHECK (tax_minor >= 0),
    total_minor bigint NOT NULL CHECK (total_minor >= 0),
    paid_minor bigint NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
    refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= paid_minor),
    shipping_address jsonb NOT NULL,
    coupon_codes text[] NOT NULL DEFAULT '{}',
    payment_provider text NOT NULL CHECK (payment_provider IN ('STRIPE', 'OFFLINE')),
    payment_reference text UNIQUE,
    attention_reason text,
    placed_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
    paid_at timestamptz,
    cancelled_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX orders_buyer_idx ON orders.orders (buyer_id, placed_at DESC, id)`,
  `CREATE INDEX orders_status_idx ON orders.orders (status, placed_at)`,
  `CREATE TABLE orders.vendor_orders (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id uuid NOT NULL REFERENCES orders.orders (id),
    vendor_id uuid NOT NULL,
    status text NOT NULL CHECK (status IN ('AWAITING_PAYMENT', 'TO_FULFIL', 'PARTIALLY_SHIPPED', 'SHIPPED',
      'DELIVERED', 'CANCELLED')),
    currency ${CURRENCY},
    subtotal_minor bigint NOT NULL,
    discount_minor bigint NOT NULL,
    shipping_minor bigint NOT NULL,
    tax_minor bigint NOT NULL,
    total_minor bigint NOT NULL,
    commission_minor bigint NOT NULL,
    shipping_method jsonb,
    placed_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (order_id, vendor_id)
  )`,
  `CREATE INDEX vendor_orders_vendor_idx ON orders.vendor_orders (vendor_id, placed_at DESC, id)`,
  `CREATE TABLE orders.order_lines (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id uuid NOT NULL REFERENCES orders.orders (id),
    vendor_order_id uuid NOT NULL REFERENCES orders.vendor_orders (id),
    position integer NOT NULL,
    variant_id uuid NOT NULL,
    product_id uuid NOT NULL,
    vendor_id uuid NOT NULL,
    sku text NOT NULL,
    title text NOT NULL,
    pet_id uuid,
    prescription_id text,
    quantity integer NOT NULL CHECK (quantity > 0),
    currency ${CURRENCY},
    unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
    subtotal_minor bigint NOT NULL,
    discount_minor bigint NOT NULL,
    tax_minor bigint NOT NULL,
    tax_rate_bps integer NOT NULL,
    total_minor bigint NOT NULL,
    commission_minor bigint NOT NULL,
    commission_rule jsonb NOT NULL,
    quantity_shipped integer NOT NULL DEFAULT 0 CHECK (quantity_shipped BETWEEN 0 AND quantity),
    quantity_refunded integer NOT NULL DEFAULT 0 CHECK (quantity_refunded BETWEEN 0 AND quantity),
    UNIQUE (order_id, position)
  )`,
  `CREATE INDEX order_lines_vendor_order_idx ON orders.order_lines (vendor_order_id)`,
  `CREATE TABLE orders.order_history (
    id bigserial PRIMARY KEY,
    order_id uuid NOT NULL REFERENCES orders.orders (id),
    vendor_order_id uuid REFERENCES orders.vendor_orders (id),
    from_status text,
    to_status text NOT NULL,
    actor_id uuid,
    actor_role text NOT NULL,
    reason text,
    at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX order_history_order_idx ON orders.order_history (order_id, id)`,
  `CREATE TABLE orders.shipments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    vendor_order_id uuid NOT NULL REFERENCES orders.vendor_orders (id),
    carrier text NOT NULL CHECK (length(carrier) BETWEEN 1 AND 60),
    tracking_number text NOT NULL CHECK (length(tracking_number) BETWEEN 1 AND 80),
    lines jsonb NOT NULL,
    shipped_by uuid NOT NULL,
    shipped_at timestamptz NOT NULL DEFAULT now(),
    delivered_at timestamptz
  )`,
  `CREATE INDEX shipments_vendor_order_idx ON orders.shipments (vendor_order_id, shipped_at)`,
];

const PAYMENTS = [
  `CREATE TABLE orders.payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id uuid NOT NULL REFERENCES orders.orders (id),
    provider text NOT NULL CHECK (provider IN ('STRIPE', 'OFFLINE')),
    provider_reference text NOT NULL UNIQUE,
    amount_minor bigint NOT NULL CHECK (amount_minor > 0),
    currency ${CURRENCY},
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX payments_order_idx ON orders.payments (order_id)`,
  `CREATE TABLE orders.refunds (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id uuid NOT NULL REFERENCES orders.orders (id),
    amount_minor bigint NOT NULL CHECK (amount_minor > 0),
    currency ${CURRENCY},
    include_shipping boolean NOT NULL,
    lines jsonb NOT NULL DEFAULT '[]',
    restock boolean NOT NULL,
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    status text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    provider_reference text UNIQUE,
    failure_reason text,
    requested_by uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX refunds_order_idx ON orders.refunds (order_id, created_at)`,
  `CREATE TABLE orders.webhook_events (
    id text PRIMARY KEY,
    type text NOT NULL,
    payload jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error text
  )`,
  `CREATE INDEX webhook_events_pending_idx ON orders.webhook_events (next_attempt_at) WHERE processed_at IS NULL`,
];
