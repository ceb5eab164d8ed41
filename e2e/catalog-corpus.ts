import { randomUUID } from "node:crypto";
import type { Client } from "pg";

/**
 * Builders of catalog rows written straight into the stack's database with SQL, for tests whose
 * subject is not the catalog's write API (search and its benchmark, reviews, recommendations; the
 * write API has its own tests through the gateway, and e2e/catalog-fixtures.ts makes vendors the real
 * way). Each builder takes overrides and returns the row's id; slugs and SKUs carry a random tag, and
 * the search triggers fill in documents and prices as for any writer.
 */

const uniq = () => randomUUID().slice(0, 8);

export interface VendorRow {
  name?: string;
  slug?: string;
  status?: "PENDING" | "APPROVED" | "REJECTED" | "SUSPENDED";
  currency?: string;
  /** The user who applied (a random id unless given). */
  appliedBy?: string;
}

/** A vendor, APPROVED unless said otherwise. */
export async function buildVendor(db: Client, overrides: VendorRow = {}): Promise<string> {
  const name = overrides.name ?? `Vendor ${uniq()}`;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO catalog.vendors (name, slug, contact_email, address_line, city, country, currency, status, applied_by)
     VALUES ($1, $2, 'shop@example.com', '1 Market Street', 'Berlin', 'DE', $3, $4, $5) RETURNING id`,
    [
      name,
      overrides.slug ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${uniq()}`,
      overrides.currency ?? "EUR",
      overrides.status ?? "APPROVED",
      overrides.appliedBy ?? randomUUID(),
    ],
  );
  return rows[0]!.id;
}

/** A category under `parent` (a path), or a root; returns its id. */
export async function buildCategory(
  db: Client,
  name = "Things",
  slug = `things-${uniq()}`,
  parent?: string,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO catalog.categories (parent_id, slug, name, path)
     VALUES ((SELECT id FROM catalog.categories WHERE path = $3::text), $1, $2,
             CASE WHEN $3::text IS NULL THEN $1 ELSE $3::text || '/' || $1 END)
     RETURNING id`,
    [slug, name, parent ?? null],
  );
  return rows[0]!.id;
}

export interface ProductRow {
  vendorId: string;
  categoryId: string;
  /** "Chicken kibble for adult dogs" unless given. */
  title?: string;
  description?: string;
  brand?: string | null;
  species?: string[];
  lifeStages?: string[];
  status?: "DRAFT" | "ACTIVE" | "ARCHIVED";
  /** A prescription medicine (ATCvet code QP53BE02 unless `medicationCodes` are given). */
  prescriptionOnly?: boolean;
  /** The ATCvet codes of a prescription medicine: prescription only when any is given. */
  medicationCodes?: string[];
  /** Reviews as [count, sum of ratings]. */
  ratings?: [number, number];
  createdAt?: Date;
}

/** A product, ACTIVE (published when created) unless said otherwise. */
export async function buildProduct(db: Client, row: ProductRow): Promise<string> {
  const title = row.title ?? "Chicken kibble for adult dogs";
  const status = row.status ?? "ACTIVE";
  const createdAt = row.createdAt ?? new Date();
  const codes = row.medicationCodes ?? (row.prescriptionOnly ? ["QP53BE02"] : []);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO catalog.products (vendor_id, category_id, title, slug, description, brand, species, life_stages,
                                   status, prescription_only, medication_codes, rating_count, rating_sum,
                                   created_by, created_at, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
    [
      row.vendorId,
      row.categoryId,
      title,
      `${title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")}-${uniq()}`,
      row.description ?? "",
      row.brand ?? null,
      row.species ?? [],
      row.lifeStages ?? [],
      status,
      row.prescriptionOnly ?? codes.length > 0,
      codes,
      row.ratings?.[0] ?? 0,
      row.ratings?.[1] ?? 0,
      randomUUID(),
      createdAt,
      status === "ACTIVE" ? createdAt : null,
    ],
  );
  return rows[0]!.id;
}

export interface VariantRow {
  productId: string;
  priceMinor: number;
  currency?: string;
  active?: boolean;
  outOfStockThreshold?: number;
  /** Units on hand at the vendor's first stock location (none: no stock level at all). */
  onHand?: number;
  allocated?: number;
}

/** A variant of a product, with its stock level at its vendor's location "Main" when `onHand` is given. */
export async function buildVariant(db: Client, row: VariantRow): Promise<{ variantId: string; locationId?: string }> {
  const { rows } = await db.query<{ id: string; vendor_id: string }>(
    `INSERT INTO catalog.variants (product_id, vendor_id, sku, price_minor, currency, active, out_of_stock_threshold)
     SELECT p.id, p.vendor_id, $2, $3, $4, $5, $6 FROM catalog.products p WHERE p.id = $1
     RETURNING id, vendor_id`,
    [
      row.productId,
      `SKU-${uniq()}`,
      row.priceMinor,
      row.currency ?? "EUR",
      row.active ?? true,
      row.outOfStockThreshold ?? 0,
    ],
  );
  const variant = rows[0]!;
  if (row.onHand === undefined) return { variantId: variant.id };
  const location = await db.query<{ id: string }>(
    `INSERT INTO catalog.stock_locations (vendor_id, name, country) VALUES ($1, 'Main', 'DE')
     ON CONFLICT (vendor_id, name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [variant.vendor_id],
  );
  const locationId = location.rows[0]!.id;
  await db.query(
    `INSERT INTO catalog.stock_levels (variant_id, location_id, on_hand, allocated) VALUES ($1, $2, $3, $4)`,
    [variant.id, locationId, row.onHand, row.allocated ?? 0],
  );
  return { variantId: variant.id, locationId };
}

/** A cart's reservation of `quantity` units, expiring in `expiresInSeconds` (negative: already expired). */
export async function buildReservation(
  db: Client,
  at: { variantId: string; locationId: string },
  quantity: number,
  expiresInSeconds: number,
): Promise<void> {
  await db.query(
    `INSERT INTO catalog.stock_reservations (cart_id, line_id, variant_id, location_id, quantity, expires_at)
     VALUES ($1, 'line-1', $2, $3, $4, now() + make_interval(secs => $5))`,
    [`cart-${uniq()}`, at.variantId, at.locationId, quantity, expiresInSeconds],
  );
}
