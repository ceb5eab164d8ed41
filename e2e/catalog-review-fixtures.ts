import { randomUUID } from "node:crypto";
import type { Client } from "pg";

/*
 * Catalog rows for the review tests, written with SQL: catalog's write API (vendors applying,
 * products and variants) is being built alongside reviews, so these builders stand in for it. Each
 * makes fresh, unique rows (slugs and SKUs carry a random tag); overrides set what a test is about.
 */

const tag = () => randomUUID().slice(0, 8);

/** A vendor, APPROVED unless said otherwise; its id. */
export async function buildVendor(
  db: Client,
  overrides: { status?: string; appliedBy?: string; name?: string } = {},
): Promise<string> {
  const slug = `review-shop-${tag()}`;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO catalog.vendors (name, slug, contact_email, address_line, city, country, currency, status, applied_by)
     VALUES ($1, $2, $3, 'Torstrasse 1', 'Berlin', 'DE', 'EUR', $4, $5) RETURNING id`,
    [
      overrides.name ?? `Review shop ${slug.slice(-8)}`,
      slug,
      `${slug}@example.test`,
      overrides.status ?? "APPROVED",
      overrides.appliedBy ?? randomUUID(),
    ],
  );
  return rows[0]!.id;
}

/** A root category; its id. */
export async function buildCategory(db: Client): Promise<string> {
  const slug = `reviewed-${tag()}`;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO catalog.categories (slug, name, path) VALUES ($1, 'Reviewed things', $1) RETURNING id`,
    [slug],
  );
  return rows[0]!.id;
}

/** A product of `vendorId` in `categoryId`, ACTIVE unless said otherwise; its id. */
export async function buildProduct(
  db: Client,
  product: { vendorId: string; categoryId: string; status?: string; title?: string },
): Promise<string> {
  const slug = `reviewed-product-${tag()}`;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO catalog.products (vendor_id, title, slug, description, brand, category_id, species, status, created_by, published_at)
     VALUES ($1, $2, $3, 'Crunchy and complete.', 'Pawgraph Test Foods', $4, '{DOG}', $5, $6, now()) RETURNING id`,
    [
      product.vendorId,
      product.title ?? "Chicken kibble for adult dogs",
      slug,
      product.categoryId,
      product.status ?? "ACTIVE",
      randomUUID(),
    ],
  );
  return rows[0]!.id;
}

/** A 2 kg variant of the product at 24.99 EUR; its id. */
export async function buildVariant(db: Client, variant: { productId: string; vendorId: string }): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO catalog.variants (product_id, vendor_id, sku, title, options, price_minor, currency, weight_grams)
     VALUES ($1, $2, $3, '2 kg', '[{"name":"size","value":"2 kg"}]', 2499, 'EUR', 2000) RETURNING id`,
    [variant.productId, variant.vendorId, `SKU-${tag()}`],
  );
  return rows[0]!.id;
}

/** A product on sale (an approved vendor, a category, one variant), or in the given states. */
export async function buildShopProduct(
  db: Client,
  states: { vendorStatus?: string; productStatus?: string } = {},
): Promise<{ vendorId: string; categoryId: string; productId: string; variantId: string }> {
  const vendorId = await buildVendor(db, { status: states.vendorStatus });
  const categoryId = await buildCategory(db);
  const productId = await buildProduct(db, { vendorId, categoryId, status: states.productStatus });
  const variantId = await buildVariant(db, { productId, vendorId });
  return { vendorId, categoryId, productId, variantId };
}

/**
 * Records that `userId` received `productId`: the row orders' `order.delivered` consumer will write
 * (catalog's DeliveredPurchaseRepository.record). The orders subgraph does not exist yet, so tests
 * write it here to stand in for a delivered order.
 */
export async function recordDelivery(db: Client, userId: string, productId: string): Promise<void> {
  await db.query(
    `INSERT INTO catalog.delivered_purchases (user_id, product_id, order_id, delivered_at) VALUES ($1, $2, $3, now())`,
    [userId, productId, `order-${tag()}`],
  );
}
