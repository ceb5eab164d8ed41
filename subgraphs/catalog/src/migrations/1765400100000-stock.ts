import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Stock: locations per vendor, a level per (variant, location) that can never go negative, the
 * append-only movement ledger that sums to the levels, reservations held for carts at checkout, and
 * the idempotency ledger of stock operations (one row per caller key).
 */
export class Stock1765400100000 implements MigrationInterface {
  name = "Stock1765400100000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE catalog.stock_locations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        vendor_id uuid NOT NULL REFERENCES catalog.vendors(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
        country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (vendor_id, name)
      )`);
    await db.query(`
      CREATE TABLE catalog.stock_levels (
        variant_id uuid NOT NULL REFERENCES catalog.variants(id) ON DELETE CASCADE,
        location_id uuid NOT NULL REFERENCES catalog.stock_locations(id),
        on_hand integer NOT NULL DEFAULT 0,
        allocated integer NOT NULL DEFAULT 0,
        -- The vendor's low-stock level: stock.low is published when available stock falls to it.
        low_level integer CHECK (low_level >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (variant_id, location_id),
        CHECK (on_hand >= 0 AND allocated >= 0 AND allocated <= on_hand)
      )`);
    await db.query(`
      CREATE TABLE catalog.stock_movements (
        id bigserial PRIMARY KEY,
        variant_id uuid NOT NULL,
        location_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ADJUSTMENT', 'RESERVE', 'RELEASE', 'ALLOCATE', 'SALE', 'CANCEL', 'RETURN')),
        -- Signed changes this movement made to the level's columns; the ledger sums to stock_levels.
        on_hand_delta integer NOT NULL DEFAULT 0,
        allocated_delta integer NOT NULL DEFAULT 0,
        -- Units reserved (+) or released (-) by RESERVE/RELEASE, which change neither column.
        reserved_delta integer NOT NULL DEFAULT 0,
        reference text NOT NULL,
        note text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (variant_id, location_id) REFERENCES catalog.stock_levels(variant_id, location_id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX stock_movements_level_idx ON catalog.stock_movements (variant_id, location_id, id)`);
    await db.query(`CREATE INDEX stock_movements_reference_idx ON catalog.stock_movements (reference)`);
    await db.query(`
      CREATE TABLE catalog.stock_reservations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cart_id text NOT NULL,
        line_id text NOT NULL,
        variant_id uuid NOT NULL,
        location_id uuid NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        expires_at timestamptz NOT NULL,
        extended boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (variant_id, location_id) REFERENCES catalog.stock_levels(variant_id, location_id) ON DELETE CASCADE
      )`);
    await db.query(
      `CREATE INDEX stock_reservations_level_idx ON catalog.stock_reservations (variant_id, location_id, expires_at)`,
    );
    await db.query(`CREATE INDEX stock_reservations_cart_idx ON catalog.stock_reservations (cart_id)`);
    await db.query(`CREATE INDEX stock_reservations_expiry_idx ON catalog.stock_reservations (expires_at)`);
    await db.query(`
      CREATE TABLE catalog.stock_operations (
        idempotency_key text PRIMARY KEY,
        kind text NOT NULL,
        cart_id text,
        outcome jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      "stock_operations",
      "stock_reservations",
      "stock_movements",
      "stock_levels",
      "stock_locations",
    ])
      await db.query(`DROP TABLE catalog.${table}`);
  }
}
