import { z } from "zod";
import { defineEvent, privacyAnswersOf } from "@pawgraph/subgraph-kit";

/** The domain events catalog publishes through its outbox: name, version, payload schema and example. */
export const CATALOG_SCHEMA = "catalog";

const id = (what: string) => z.string().describe(what);

const vendorReviewed = z.strictObject({
  vendorId: id("The vendor (Vendor.id)."),
  name: z.string().describe("The vendor's name."),
  appliedBy: id("The user who applied as this vendor; becomes its VENDOR_ADMIN when approved."),
  reviewedBy: id("The platform admin who decided."),
  clinicId: z.string().nullable().describe("The clinic whose shop this vendor is (Clinic.id); null for other vendors."),
});
const vendorRefused = z.strictObject({
  vendorId: id("The vendor (Vendor.id)."),
  name: z.string().describe("The vendor's name."),
  appliedBy: id("The user who applied as this vendor."),
  reason: z.string().describe("Why, as the platform admin wrote it; shown to the applicant."),
});
const productChanged = z.strictObject({
  productId: id("The product (Product.id)."),
  vendorId: id("The vendor selling it."),
  title: z.string().describe("The product's title."),
  reason: z.string().nullable().describe("Why it was archived or unpublished, when someone said; null otherwise."),
});
const stockLine = z.strictObject({
  variantId: id("The variant (ProductVariant.id)."),
  locationId: id("The stock location."),
  quantity: z.number().int().positive().describe("Units."),
});
const stockMoved = z.strictObject({
  cartId: id("The cart (orders' cart id) the stock was held for."),
  reference: z.string().describe("The caller's idempotency key for the operation (cart id and version)."),
  lines: z.array(stockLine).describe("Units per variant and location, summed."),
});
const stockLow = z.strictObject({
  vendorId: id("The vendor."),
  vendorName: z.string().describe("The vendor's name."),
  productId: id("The product."),
  productTitle: z.string().describe("The product's title."),
  variantId: id("The variant running low."),
  sku: z.string().describe("The variant's SKU."),
  locationId: id("The stock location."),
  available: z.number().int().describe("Units available for sale after the change."),
  lowLevel: z.number().int().nonnegative().describe("The vendor's low-stock level that was crossed."),
});

const exampleVendor = {
  vendorId: "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e01",
  name: "Happy Tails Pet Food",
  appliedBy: "2c4e6a8b-0d2f-4b6d-8f1a-3c5e7a9b1d66",
};
const exampleProduct = {
  productId: "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e02",
  vendorId: exampleVendor.vendorId,
  title: "Grain-free chicken kibble for adult dogs",
};
const exampleLines = [
  {
    variantId: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c03",
    locationId: "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b04",
    quantity: 2,
  },
];

export const VENDOR_APPROVED = defineEvent({
  source: CATALOG_SCHEMA,
  name: "vendor.approved",
  description: "A platform admin approved a vendor: the applicant becomes its VENDOR_ADMIN and is told.",
  payload: vendorReviewed,
  example: { ...exampleVendor, reviewedBy: "8a2b4c6d-1e3f-4a5b-9c7d-0e2f4a6b8c44", clinicId: null },
});

export const VENDOR_REJECTED = defineEvent({
  source: CATALOG_SCHEMA,
  name: "vendor.rejected",
  description: "A platform admin rejected a vendor application; the applicant is told why.",
  payload: vendorRefused,
  example: { ...exampleVendor, reason: "The business registration number could not be verified." },
});

export const VENDOR_SUSPENDED = defineEvent({
  source: CATALOG_SCHEMA,
  name: "vendor.suspended",
  description:
    "A platform admin suspended an approved vendor: its products leave the shop and its staff lose their roles.",
  payload: vendorRefused,
  example: { ...exampleVendor, reason: "Repeated complaints about expired products." },
});

export const PRODUCT_PUBLISHED = defineEvent({
  source: CATALOG_SCHEMA,
  name: "product.published",
  description: "A product became ACTIVE: visible in the shop and in search.",
  payload: productChanged,
  example: { ...exampleProduct, reason: null },
});

export const PRODUCT_ARCHIVED = defineEvent({
  source: CATALOG_SCHEMA,
  name: "product.archived",
  description: "A product left the shop: archived by its vendor or unpublished by a platform admin (with the reason).",
  payload: productChanged,
  example: { ...exampleProduct, reason: "Recalled by the manufacturer." },
});

export const STOCK_LOW = defineEvent({
  source: CATALOG_SCHEMA,
  name: "stock.low",
  description: "A variant's available stock at a location fell to or below the vendor's low-stock level.",
  payload: stockLow,
  example: {
    vendorId: exampleVendor.vendorId,
    vendorName: exampleVendor.name,
    productId: exampleProduct.productId,
    productTitle: exampleProduct.title,
    variantId: exampleLines[0]!.variantId,
    sku: "HT-CHK-2KG",
    locationId: exampleLines[0]!.locationId,
    available: 3,
    lowLevel: 5,
  },
});

export const STOCK_RESERVED = defineEvent({
  source: CATALOG_SCHEMA,
  name: "stock.reserved",
  description: "Stock was reserved for a cart at checkout (for analytics).",
  payload: stockMoved,
  example: {
    cartId: "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a05",
    reference: "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a05:4",
    lines: exampleLines,
  },
});

export const STOCK_RELEASED = defineEvent({
  source: CATALOG_SCHEMA,
  name: "stock.released",
  description: "A cart's reservations were released (cart changed or abandoned; expiry frees stock without an event).",
  payload: stockMoved,
  example: {
    cartId: "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a05",
    reference: "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a05:5",
    lines: exampleLines,
  },
});

export const STOCK_ALLOCATED = defineEvent({
  source: CATALOG_SCHEMA,
  name: "stock.allocated",
  description: "A paid cart's reservations became allocated stock (for analytics).",
  payload: stockMoved,
  example: {
    cartId: "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a05",
    reference: "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a05:4",
    lines: exampleLines,
  },
});

export const STOREFRONT_CHANGED = defineEvent({
  source: CATALOG_SCHEMA,
  name: "storefront.changed",
  description:
    "Something anonymous shoppers can see changed (a product, variant, image, category, vendor, review or stock level): " +
    "written by database triggers, once per transaction, whatever made the change. Catalog counts them into its public " +
    "data version, which the gateway's response cache is keyed by (docs/decisions/0054).",
  payload: z.strictObject({
    table: z.string().describe("The first table the transaction changed (one event per transaction, however many)."),
  }),
  example: { table: "products" },
});

/** Every event catalog publishes; `npm run generate` writes each one's JSON Schema under events/catalog/. */
export const PUBLISHED_EVENTS = [
  VENDOR_APPROVED,
  VENDOR_REJECTED,
  VENDOR_SUSPENDED,
  PRODUCT_PUBLISHED,
  PRODUCT_ARCHIVED,
  STOCK_LOW,
  STOCK_RESERVED,
  STOCK_RELEASED,
  STOCK_ALLOCATED,
  STOREFRONT_CHANGED,
  // Its answers to identity's privacy requests (docs/decisions/0048).
  ...Object.values(privacyAnswersOf("catalog")),
];
