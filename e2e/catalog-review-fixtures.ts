import { randomUUID } from "node:crypto";
import type { Client } from "pg";
import { buildCategory, buildProduct, buildVariant, buildVendor } from "./catalog-corpus";

/*
 * What the review tests need beyond catalog's rows (e2e/catalog-corpus.ts builds those): a product on
 * sale in one call, and the delivered purchase that lets a buyer review it.
 */

/** A product on sale (an approved vendor, a category, a dog product with one variant), or in the given states. */
export async function buildShopProduct(
  db: Client,
  states: {
    vendorStatus?: "PENDING" | "APPROVED" | "REJECTED" | "SUSPENDED";
    productStatus?: "DRAFT" | "ACTIVE" | "ARCHIVED";
  } = {},
): Promise<{ vendorId: string; categoryId: string; productId: string; variantId: string }> {
  const vendorId = await buildVendor(db, { status: states.vendorStatus });
  const categoryId = await buildCategory(db);
  const productId = await buildProduct(db, { vendorId, categoryId, species: ["DOG"], status: states.productStatus });
  const { variantId } = await buildVariant(db, { productId, priceMinor: 2499 });
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
    [userId, productId, `order-${randomUUID().slice(0, 8)}`],
  );
}
