import type { DataSource, EntityManager } from "typeorm";
import type { LineTake } from "./availability";
import { reservedAtLevel } from "./available-stock.sql";

/** A stock level row, locked or read, with its variant's threshold. */
export interface LevelRow {
  variantId: string;
  locationId: string;
  onHand: number;
  allocated: number;
  lowLevel: number | null;
  threshold: number;
}

/** Units held by one cart's unexpired reservations at one level. */
export interface HeldRow {
  variantId: string;
  locationId: string;
  cartId: string;
  quantity: number;
}

/** One reservation row of a cart. */
export interface ReservationRow extends LineTake {
  expired: boolean;
  extended: boolean;
  expiresAt: Date;
}

export type MovementKind = "ADJUSTMENT" | "RESERVE" | "RELEASE" | "ALLOCATE" | "SALE" | "CANCEL" | "RETURN";

/** One ledger line: the signed changes it made to a level. */
export interface Movement {
  variantId: string;
  locationId: string;
  kind: MovementKind;
  onHandDelta: number;
  allocatedDelta: number;
  reservedDelta: number;
  reference: string;
  note?: string | null;
  createdBy?: string | null;
}

/** A level for display: its figures with the units all unexpired reservations hold. */
export interface LevelView extends LevelRow {
  reserved: number;
  locationName: string;
  locationCountry: string;
  locationCreatedAt: Date;
  vendorId: string;
}

export interface LocationRow {
  id: string;
  vendorId: string;
  name: string;
  country: string;
  createdAt: Date;
}

/** What a `stock.low` event says about the variant. */
export interface LowStockFacts {
  vendorId: string;
  vendorName: string;
  productId: string;
  productTitle: string;
  sku: string;
}

const LEVEL_COLUMNS = `l.variant_id AS "variantId", l.location_id AS "locationId", l.on_hand AS "onHand",
  l.allocated, l.low_level AS "lowLevel", v.out_of_stock_threshold AS threshold`;

/** Every SQL statement of stock: levels, reservations, the ledger, the idempotency ledger, locations. */
export class StockRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * Claims an idempotency key: the row is written first, so a concurrent call with the same key waits
   * on it and then reads the outcome the first one stored. Returns null when the key is new.
   */
  async claim(
    tx: EntityManager,
    key: string,
    kind: string,
    cartId: string | null,
  ): Promise<{ kind: string; outcome: unknown } | null> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO catalog.stock_operations (idempotency_key, kind, cart_id, outcome) VALUES ($1, $2, $3, '{}')
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key`,
      [key, kind, cartId],
    );
    if (inserted.length > 0) return null;
    const [row] = await tx.query(`SELECT kind, outcome FROM catalog.stock_operations WHERE idempotency_key = $1`, [
      key,
    ]);
    return row as { kind: string; outcome: unknown };
  }

  async storeOutcome(tx: EntityManager, key: string, outcome: unknown): Promise<void> {
    await tx.query(`UPDATE catalog.stock_operations SET outcome = $2::jsonb WHERE idempotency_key = $1`, [
      key,
      JSON.stringify(outcome),
    ]);
  }

  /** The outcomes of a cart's operations of one kind that succeeded, oldest first. */
  async succeededOperations(
    tx: EntityManager,
    cartId: string,
    kinds: readonly string[],
  ): Promise<Array<{ kind: string; outcome: unknown }>> {
    return tx.query(
      `SELECT kind, outcome FROM catalog.stock_operations
       WHERE cart_id = $1 AND kind = ANY($2) AND outcome->>'ok' = 'true' ORDER BY created_at, idempotency_key`,
      [cartId, kinds],
    );
  }

  async variantsReservedBy(tx: EntityManager, cartId: string): Promise<string[]> {
    const rows: Array<{ variantId: string }> = await tx.query(
      `SELECT DISTINCT variant_id AS "variantId" FROM catalog.stock_reservations WHERE cart_id = $1`,
      [cartId],
    );
    return rows.map((r) => r.variantId);
  }

  /**
   * Locks every level of these variants in the one fixed order (variant, location), so two
   * operations touching the same levels queue instead of deadlocking. FOR NO KEY UPDATE excludes
   * every other stock operation as FOR UPDATE would, but lets foreign-key checks of new ledger and
   * reservation rows (KEY SHARE) through, so the sweeper never waits on a reserving transaction.
   */
  lockLevels(tx: EntityManager, variantIds: readonly string[]): Promise<LevelRow[]> {
    return tx.query(
      `SELECT ${LEVEL_COLUMNS} FROM catalog.stock_levels l JOIN catalog.variants v ON v.id = l.variant_id
       WHERE l.variant_id = ANY($1::uuid[]) ORDER BY l.variant_id, l.location_id FOR NO KEY UPDATE OF l`,
      [[...variantIds]],
    );
  }

  /** Locks one level (after creating it at zero when missing). */
  async lockLevel(tx: EntityManager, variantId: string, locationId: string): Promise<LevelRow> {
    await tx.query(
      `INSERT INTO catalog.stock_levels (variant_id, location_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [variantId, locationId],
    );
    const [row] = await tx.query(
      `SELECT ${LEVEL_COLUMNS} FROM catalog.stock_levels l JOIN catalog.variants v ON v.id = l.variant_id
       WHERE l.variant_id = $1 AND l.location_id = $2 FOR NO KEY UPDATE OF l`,
      [variantId, locationId],
    );
    return row as LevelRow;
  }

  /** Creates missing levels (at zero) for pairs whose location belongs to the variant's vendor; others are left out. */
  async ensureLevels(
    tx: EntityManager,
    pairs: ReadonlyArray<{ variantId: string; locationId: string }>,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO catalog.stock_levels (variant_id, location_id)
       SELECT p.variant_id, p.location_id FROM unnest($1::uuid[], $2::uuid[]) AS p(variant_id, location_id)
       JOIN catalog.variants v ON v.id = p.variant_id
       JOIN catalog.stock_locations sl ON sl.id = p.location_id AND sl.vendor_id = v.vendor_id
       ORDER BY 1, 2 ON CONFLICT DO NOTHING`,
      [pairs.map((p) => p.variantId), pairs.map((p) => p.locationId)],
    );
  }

  /**
   * Units held per (variant, location, cart) by unexpired reservations. Always a statement of its
   * own after `lockLevels`: in READ COMMITTED a new statement sees what the previous lock holder
   * committed, whereas a subquery in the locking statement would read the snapshot taken before
   * it waited for the lock and miss those reservations (an oversell).
   */
  held(tx: EntityManager, variantIds: readonly string[]): Promise<HeldRow[]> {
    return tx.query(
      `SELECT variant_id AS "variantId", location_id AS "locationId", cart_id AS "cartId", SUM(quantity)::int AS quantity
       FROM catalog.stock_reservations WHERE variant_id = ANY($1::uuid[]) AND expires_at > now()
       GROUP BY variant_id, location_id, cart_id`,
      [[...variantIds]],
    );
  }

  cartReservations(tx: EntityManager, cartId: string): Promise<ReservationRow[]> {
    return tx.query(
      `SELECT line_id AS "lineId", variant_id AS "variantId", location_id AS "locationId", quantity,
         expires_at <= now() AS expired, extended, expires_at AS "expiresAt"
       FROM catalog.stock_reservations WHERE cart_id = $1 ORDER BY variant_id, location_id, line_id`,
      [cartId],
    );
  }

  /** Deletes the cart's reservations and, on these variants, everyone's expired ones (the lazy sweep). */
  async deleteReservations(
    tx: EntityManager,
    cartId: string,
    variantIds: readonly string[],
  ): Promise<Array<{ cartId: string; variantId: string; locationId: string; quantity: number }>> {
    // TypeORM answers a DELETE ... RETURNING with [rows, rowCount].
    const [rows] = await tx.query(
      `DELETE FROM catalog.stock_reservations
       WHERE cart_id = $1 OR (variant_id = ANY($2::uuid[]) AND expires_at <= now())
       RETURNING cart_id AS "cartId", variant_id AS "variantId", location_id AS "locationId", quantity`,
      [cartId, [...variantIds]],
    );
    return rows;
  }

  async insertReservations(
    tx: EntityManager,
    cartId: string,
    rows: readonly LineTake[],
    ttlSeconds: number,
  ): Promise<Date> {
    const [{ expiresAt }] = await tx.query(
      `INSERT INTO catalog.stock_reservations (cart_id, line_id, variant_id, location_id, quantity, expires_at)
       SELECT $1, r.line_id, r.variant_id, r.location_id, r.quantity, now() + make_interval(secs => $6)
       FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::int[]) AS r(line_id, variant_id, location_id, quantity)
       RETURNING expires_at AS "expiresAt"`,
      [
        cartId,
        rows.map((r) => r.lineId),
        rows.map((r) => r.variantId),
        rows.map((r) => r.locationId),
        rows.map((r) => r.quantity),
        ttlSeconds,
      ],
    );
    return expiresAt;
  }

  /** Extends the cart's unexpired reservations to `ttlSeconds` from now; their new expiry, or null if none was left. */
  async extendReservations(tx: EntityManager, cartId: string, ttlSeconds: number): Promise<Date | null> {
    const [result] = await tx.query(
      `UPDATE catalog.stock_reservations SET expires_at = now() + make_interval(secs => $2), extended = true
       WHERE cart_id = $1 AND expires_at > now() RETURNING expires_at AS "expiresAt"`,
      [cartId, ttlSeconds],
    );
    const rows = result as Array<{ expiresAt: Date }>;
    return rows[0]?.expiresAt ?? null;
  }

  async insertMovements(tx: EntityManager, movements: readonly Movement[]): Promise<void> {
    if (movements.length === 0) return;
    await tx.query(
      `INSERT INTO catalog.stock_movements
         (variant_id, location_id, kind, on_hand_delta, allocated_delta, reserved_delta, reference, note, created_by)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::int[], $6::int[], $7::text[], $8::text[], $9::uuid[])`,
      [
        movements.map((m) => m.variantId),
        movements.map((m) => m.locationId),
        movements.map((m) => m.kind),
        movements.map((m) => m.onHandDelta),
        movements.map((m) => m.allocatedDelta),
        movements.map((m) => m.reservedDelta),
        movements.map((m) => m.reference),
        movements.map((m) => m.note ?? null),
        movements.map((m) => m.createdBy ?? null),
      ],
    );
  }

  /** Applies the on_hand and allocated deltas of these movements to their (locked) levels. */
  async applyToLevels(tx: EntityManager, movements: readonly Movement[]): Promise<void> {
    const changing = movements.filter((m) => m.onHandDelta !== 0 || m.allocatedDelta !== 0);
    if (changing.length === 0) return;
    await tx.query(
      `UPDATE catalog.stock_levels l SET on_hand = l.on_hand + d.on_hand, allocated = l.allocated + d.allocated, updated_at = now()
       FROM (SELECT variant_id, location_id, SUM(on_hand)::int AS on_hand, SUM(allocated)::int AS allocated
             FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[]) AS m(variant_id, location_id, on_hand, allocated)
             GROUP BY variant_id, location_id) d
       WHERE l.variant_id = d.variant_id AND l.location_id = d.location_id`,
      [
        changing.map((m) => m.variantId),
        changing.map((m) => m.locationId),
        changing.map((m) => m.onHandDelta),
        changing.map((m) => m.allocatedDelta),
      ],
    );
  }

  async setLowLevel(tx: EntityManager, variantId: string, locationId: string, lowLevel: number | null): Promise<void> {
    await tx.query(
      `UPDATE catalog.stock_levels SET low_level = $3, updated_at = now() WHERE variant_id = $1 AND location_id = $2`,
      [variantId, locationId, lowLevel],
    );
  }

  /**
   * The periodic sweep: deletes up to `limit` expired reservations with their RELEASE movements in
   * one statement. SKIP LOCKED leaves rows a stock operation is deleting to it; the sweeper never waits.
   */
  async sweepExpired(limit: number): Promise<number> {
    const [{ swept }] = await this.db.query(
      `WITH gone AS (
         DELETE FROM catalog.stock_reservations WHERE id IN (
           SELECT id FROM catalog.stock_reservations WHERE expires_at <= now() ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING cart_id, variant_id, location_id, quantity
       ), ledger AS (
         INSERT INTO catalog.stock_movements (variant_id, location_id, kind, reserved_delta, reference)
         SELECT variant_id, location_id, 'RELEASE', -SUM(quantity)::int, 'expired:' || cart_id FROM gone
         GROUP BY variant_id, location_id, cart_id
       )
       SELECT COUNT(*)::int AS swept FROM gone`,
      [limit],
    );
    return swept;
  }

  lowStockFacts(tx: EntityManager, variantId: string): Promise<LowStockFacts[]> {
    return tx.query(
      `SELECT vd.id AS "vendorId", vd.name AS "vendorName", p.id AS "productId", p.title AS "productTitle", v.sku
       FROM catalog.variants v JOIN catalog.products p ON p.id = v.product_id JOIN catalog.vendors vd ON vd.id = v.vendor_id
       WHERE v.id = $1`,
      [variantId],
    );
  }

  /** Every level of these variants with what unexpired reservations hold there (for the loaders). */
  levelsOfVariants(variantIds: readonly string[]): Promise<LevelView[]> {
    return this.db.query(
      `SELECT ${LEVEL_COLUMNS}, sl.name AS "locationName", sl.country AS "locationCountry",
         sl.created_at AS "locationCreatedAt", sl.vendor_id AS "vendorId",
         ${reservedAtLevel("l")}::int AS reserved
       FROM catalog.stock_levels l JOIN catalog.variants v ON v.id = l.variant_id
       JOIN catalog.stock_locations sl ON sl.id = l.location_id
       WHERE l.variant_id = ANY($1::uuid[]) ORDER BY l.variant_id, sl.name, l.location_id`,
      [[...variantIds]],
    );
  }

  async variantVendor(variantId: string): Promise<string | null> {
    const [row] = await this.db.query(`SELECT vendor_id AS "vendorId" FROM catalog.variants WHERE id = $1`, [
      variantId,
    ]);
    return (row as { vendorId: string } | undefined)?.vendorId ?? null;
  }

  /** The vendor's status and applicant, to tell who may know it exists; null when there is none. */
  async vendor(id: string): Promise<{ id: string; status: string; appliedBy: string } | null> {
    const [row] = await this.db.query(
      `SELECT id, status, applied_by AS "appliedBy" FROM catalog.vendors WHERE id = $1`,
      [id],
    );
    return (row as { id: string; status: string; appliedBy: string } | undefined) ?? null;
  }

  async location(id: string): Promise<LocationRow | null> {
    const [row] = await this.db.query(`SELECT ${LOCATION_COLUMNS} FROM catalog.stock_locations WHERE id = $1`, [id]);
    return (row as LocationRow | undefined) ?? null;
  }

  locationsOfVendors(vendorIds: readonly string[]): Promise<LocationRow[]> {
    return this.db.query(
      `SELECT ${LOCATION_COLUMNS} FROM catalog.stock_locations WHERE vendor_id = ANY($1::uuid[]) ORDER BY vendor_id, name`,
      [[...vendorIds]],
    );
  }

  /** The new location, or null when the vendor already has one by that name. */
  async insertLocation(vendorId: string, name: string, country: string): Promise<LocationRow | null> {
    const rows: LocationRow[] = await this.db.query(
      `INSERT INTO catalog.stock_locations (vendor_id, name, country) VALUES ($1, $2, $3)
       ON CONFLICT (vendor_id, name) DO NOTHING RETURNING ${LOCATION_COLUMNS}`,
      [vendorId, name, country],
    );
    return rows[0] ?? null;
  }
}

const LOCATION_COLUMNS = `id, vendor_id AS "vendorId", name, country, created_at AS "createdAt"`;
