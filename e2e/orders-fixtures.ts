import { randomUUID } from "node:crypto";
import {
  AddToCartDocument,
  AdjustStockDocument,
  CreateShippingMethodDocument,
  CreateStockLocationDocument,
  PlaceOrderDocument,
  PublishProductDocument,
  SetShippingAddressDocument,
  StartCheckoutDocument,
  type CreateProductInput,
} from "../clients/__generated__/graphql";
import { adminToken, registerVerifiedUser } from "./fixtures";
import { approvedVendor, buildProduct, createCategory, createProduct } from "./catalog-fixtures";
import { execute } from "./graphql-client";
import type { Stack } from "./stack";

/*
 * Fixture builders for orders through the gateway: an approved shop with published, stocked variants
 * (catalog's real flow), buyers with a cart, orders paid with the offline provider, and the cart token header.
 */

export interface ShopVariant {
  priceMinor: number;
  stock: number;
  weightGrams?: number;
  taxCategory?: string;
}

/** The headers a guest (or a just-signed-in buyer) sends with a cart token. */
export function cartHeaders(cartToken: string | null | undefined): Record<string, string> {
  return cartToken ? { "x-cart-token": cartToken } : {};
}

/**
 * An approved vendor selling one published product with the given variants, each stocked at one
 * location. A USD shop in the US unless `currency`/`country` say otherwise.
 */
export async function shopWithStock(
  stack: Stack,
  variants: ShopVariant[],
  options: { label?: string; currency?: string; country?: string; product?: Partial<CreateProductInput> } = {},
) {
  const currency = options.currency ?? "USD";
  const country = options.country ?? "US";
  const vendor = await approvedVendor(stack, options.label ?? "shop", {
    currency,
    address: { line: "1 Main Street", city: "Austin", postalCode: "78701", country },
  });
  return productWithStock(stack, vendor, variants, { ...options, currency, country });
}

/** A published product of `vendor` (a token with VENDOR_ADMIN there) with the given variants, each stocked at one location. */
export async function productWithStock<V extends { vendorId: string; token: string }>(
  stack: Stack,
  vendor: V,
  variants: ShopVariant[],
  options: { currency: string; country: string; product?: Partial<CreateProductInput> },
) {
  const { currency, country } = options;
  const category = await createCategory(stack, await adminToken(stack));
  const tag = randomUUID().slice(0, 8);
  const product = await createProduct(
    stack,
    vendor.token,
    buildProduct(vendor.vendorId, category.id, {
      variants: variants.map((v, i) => ({
        sku: `SKU-${tag}-${i}`,
        title: `Size ${i + 1}`,
        priceMinor: v.priceMinor,
        currency,
        ...(v.weightGrams ? { weightGrams: v.weightGrams } : {}),
        ...(v.taxCategory ? { taxCategory: v.taxCategory } : {}),
      })),
      ...options.product,
    }),
  );
  const published = await execute(
    stack.gateway.url,
    PublishProductDocument,
    { input: { productId: product.id } },
    vendor.token,
  );
  if (published.data?.publishProduct.__typename !== "Product")
    throw new Error(`publishProduct failed: ${JSON.stringify(published.errors ?? published.data)}`);
  const location = await execute(
    stack.gateway.url,
    CreateStockLocationDocument,
    { input: { vendorId: vendor.vendorId, name: "Warehouse", country } },
    vendor.token,
  );
  if (!location.data) throw new Error(`createStockLocation failed: ${JSON.stringify(location.errors)}`);
  const variantIds = product.variants.map((v) => v.id);
  for (const [i, variantId] of variantIds.entries()) {
    const stocked = await execute(
      stack.gateway.url,
      AdjustStockDocument,
      {
        input: {
          variantId,
          locationId: location.data.createStockLocation!.id,
          delta: variants[i]!.stock,
          reason: "Delivery",
        },
      },
      vendor.token,
    );
    if (!stocked.data) throw new Error(`adjustStock failed: ${JSON.stringify(stocked.errors)}`);
  }
  return { vendor, productId: product.id, variantIds, locationId: location.data.createStockLocation!.id, currency };
}

/** A FLAT shipping method "Standard" of the vendor, created by its VENDOR_ADMIN; its id. */
export async function flatShipping(
  stack: Stack,
  vendor: { vendorId: string; token: string },
  priceMinor: number,
  currency = "USD",
): Promise<string> {
  const created = await execute(
    stack.gateway.url,
    CreateShippingMethodDocument,
    { input: { vendorId: vendor.vendorId, name: "Standard", kind: "FLAT", priceMinor, currency } },
    vendor.token,
  );
  if (!created.data) throw new Error(`createShippingMethod failed: ${JSON.stringify(created.errors)}`);
  return created.data.createShippingMethod.id;
}

export const US_ADDRESS = {
  name: "Sam Buyer",
  line1: "500 Congress Ave",
  city: "Austin",
  region: "TX",
  postalCode: "78701",
  country: "US",
};

/** A verified buyer whose cart holds `lines` and ships to Austin, TX (`US_ADDRESS`). */
export async function buyerWithCart(stack: Stack, label: string, lines: { variantId: string; quantity: number }[]) {
  const buyer = await registerVerifiedUser(stack, label);
  for (const line of lines) {
    const added = await execute(stack.gateway.url, AddToCartDocument, { input: line }, buyer.token);
    if (added.errors) throw new Error(JSON.stringify(added.errors));
  }
  await execute(stack.gateway.url, SetShippingAddressDocument, { input: US_ADDRESS }, buyer.token);
  return buyer;
}

/** A new buyer's order of `quantity` units of `variantId`, placed and paid at once (the stack's offline provider). */
export async function paidOfflineOrder(stack: Stack, variantId: string, label: string, quantity = 1) {
  const buyer = await buyerWithCart(stack, label, [{ variantId, quantity }]);
  const started = await execute(stack.gateway.url, StartCheckoutDocument, {}, buyer.token);
  if (started.data?.startCheckout.__typename !== "CheckoutStarted") throw new Error(JSON.stringify(started));
  const placed = await execute(stack.gateway.url, PlaceOrderDocument, {}, buyer.token);
  if (placed.data?.placeOrder.__typename !== "OrderPlaced") throw new Error(JSON.stringify(placed));
  const order = placed.data.placeOrder.order;
  if (order.status !== "PAID") throw new Error(`order ${order.number} is ${order.status}, not PAID`);
  return { buyer, order, vendorOrder: order.vendorOrders[0]! };
}
