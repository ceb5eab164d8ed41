import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";

/**
 * Builders for stock tests: each inserts one row by SQL with realistic defaults and returns its id.
 * A level starts with an ADJUSTMENT movement, so the ledger sums to it from the first row.
 */
export function stockBuilders(db: DataSource) {
  const suffix = () => randomUUID().slice(0, 8);

  async function buildVendor(overrides: { name?: string; status?: string } = {}): Promise<string> {
    const name = overrides.name ?? `Happy Tails ${suffix()}`;
    const [{ id }] = await db.query(
      `INSERT INTO catalog.vendors (name, slug, contact_email, address_line, city, country, currency, status, applied_by)
       VALUES ($1, $2, 'shop@example.com', '1 Bark Street', 'Berlin', 'DE', 'EUR', $3, $4) RETURNING id`,
      [name, `shop-${suffix()}`, overrides.status ?? "APPROVED", randomUUID()],
    );
    return id;
  }

  async function buildCategory(): Promise<string> {
    const slug = `food-${suffix()}`;
    const [{ id }] = await db.query(
      `INSERT INTO catalog.categories (slug, name, path) VALUES ($1, 'Dog food', $1) RETURNING id`,
      [slug],
    );
    return id;
  }

  async function buildProduct(vendorId: string, overrides: { title?: string; status?: string } = {}): Promise<string> {
    const [{ id }] = await db.query(
      `INSERT INTO catalog.products (vendor_id, title, slug, category_id, status, created_by, species)
       VALUES ($1, $2, $3, $4, $5, $6, '{DOG}') RETURNING id`,
      [
        vendorId,
        overrides.title ?? "Grain-free chicken kibble",
        `kibble-${suffix()}`,
        await buildCategory(),
        overrides.status ?? "ACTIVE",
        randomUUID(),
      ],
    );
    return id;
  }

  async function buildVariant(
    vendorId: string,
    overrides: { productId?: string; threshold?: number; sku?: string } = {},
  ): Promise<string> {
    const productId = overrides.productId ?? (await buildProduct(vendorId));
    const [{ id }] = await db.query(
      `INSERT INTO catalog.variants (product_id, vendor_id, sku, title, price_minor, currency, out_of_stock_threshold)
       VALUES ($1, $2, $3, '2 kg bag', 1999, 'EUR', $4) RETURNING id`,
      [productId, vendorId, overrides.sku ?? `SKU-${suffix()}`, overrides.threshold ?? 0],
    );
    return id;
  }

  async function buildLocation(vendorId: string, name = `Warehouse ${suffix()}`): Promise<string> {
    const [{ id }] = await db.query(
      `INSERT INTO catalog.stock_locations (vendor_id, name, country) VALUES ($1, $2, 'DE') RETURNING id`,
      [vendorId, name],
    );
    return id;
  }

  async function buildLevel(
    variantId: string,
    locationId: string,
    onHand: number,
    lowLevel: number | null = null,
  ): Promise<void> {
    await db.query(
      `INSERT INTO catalog.stock_levels (variant_id, location_id, on_hand, low_level) VALUES ($1, $2, $3, $4)`,
      [variantId, locationId, onHand, lowLevel],
    );
    await db.query(
      `INSERT INTO catalog.stock_movements (variant_id, location_id, kind, on_hand_delta, reference)
       VALUES ($1, $2, 'ADJUSTMENT', $3, 'test setup')`,
      [variantId, locationId, onHand],
    );
  }

  /** A vendor, one location, and a variant with `onHand` units there. */
  async function buildStockedVariant(
    onHand: number,
    overrides: { threshold?: number; lowLevel?: number | null } = {},
  ): Promise<{ vendorId: string; variantId: string; locationId: string }> {
    const vendorId = await buildVendor();
    const locationId = await buildLocation(vendorId);
    const variantId = await buildVariant(vendorId, { threshold: overrides.threshold });
    await buildLevel(variantId, locationId, onHand, overrides.lowLevel ?? null);
    return { vendorId, variantId, locationId };
  }

  return { buildVendor, buildProduct, buildVariant, buildLocation, buildLevel, buildStockedVariant };
}

/** The levels next to what the ledger and the reservations say; an invariant test compares the columns. */
export async function ledgerCheck(
  db: DataSource,
  variantIds: readonly string[],
): Promise<
  Array<{
    onHand: number;
    allocated: number;
    ledgerOnHand: number;
    ledgerAllocated: number;
    reserved: number;
    ledgerReserved: number;
  }>
> {
  return db.query(
    `SELECT l.on_hand AS "onHand", l.allocated,
       COALESCE((SELECT SUM(m.on_hand_delta) FROM catalog.stock_movements m
                 WHERE m.variant_id = l.variant_id AND m.location_id = l.location_id), 0)::int AS "ledgerOnHand",
       COALESCE((SELECT SUM(m.allocated_delta) FROM catalog.stock_movements m
                 WHERE m.variant_id = l.variant_id AND m.location_id = l.location_id), 0)::int AS "ledgerAllocated",
       COALESCE((SELECT SUM(r.quantity) FROM catalog.stock_reservations r
                 WHERE r.variant_id = l.variant_id AND r.location_id = l.location_id), 0)::int AS reserved,
       COALESCE((SELECT SUM(m.reserved_delta) FROM catalog.stock_movements m
                 WHERE m.variant_id = l.variant_id AND m.location_id = l.location_id), 0)::int AS "ledgerReserved"
     FROM catalog.stock_levels l WHERE l.variant_id = ANY($1::uuid[]) ORDER BY l.variant_id, l.location_id`,
    [[...variantIds]],
  );
}
