import { randomUUID } from "node:crypto";
import {
  AddProductVariantDocument,
  ArchiveProductDocument,
  CreateCategoryDocument,
  CreateProductDocument,
  ProductPageDocument,
  PublishProductDocument,
  SetVariantActiveDocument,
  SuspendVendorDocument,
  UnpublishProductDocument,
  UpdateProductDocument,
  VendorProductsDocument,
  type CreateProductInput,
} from "../clients/__generated__/graphql";
import { approvedVendor, buildProduct, createCategory, createProduct as create, sql } from "./catalog-fixtures";
import { adminToken, execute, onlyError, startStack, type Stack } from "./harness";

/**
 * Vendors' products through the gateway: vendor staff create DRAFTs and publish them, nobody else
 * edits them (NOT_FOUND), anonymous visitors see only active products of approved vendors, bad input
 * names its field and writes nothing, platform admins unpublish with a reason.
 */
let stack: Stack;
let admin: string;
let categoryId: string;
let shopA: Awaited<ReturnType<typeof approvedVendor>>;
let shopB: Awaited<ReturnType<typeof approvedVendor>>;

const newProduct = (vendorId: string, overrides: Partial<CreateProductInput> = {}): CreateProductInput =>
  buildProduct(vendorId, categoryId, overrides);
const createProduct = (token: string, input: CreateProductInput) => create(stack, token, input);
const productsOf = async (vendorId: string) =>
  (
    await sql<{ n: number }>(stack, `SELECT count(*)::int AS n FROM catalog.products WHERE vendor_id = $1`, [vendorId])
  )[0]!.n;

beforeAll(async () => {
  stack = await startStack();
  admin = await adminToken(stack);
  categoryId = (await createCategory(stack, admin)).id;
  [shopA, shopB] = await Promise.all([approvedVendor(stack, "shop-a"), approvedVendor(stack, "shop-b")]);
}, 120_000);

afterAll(() => stack?.stop());

describe("categories", () => {
  it("platform admins add a category under a parent; its path follows; a duplicate slug names input.slug", async () => {
    const parent = await execute(
      stack.gateway.url,
      CreateCategoryDocument,
      { input: { slug: `cats-${randomUUID().slice(0, 6)}`, name: "Cats" } },
      admin,
    );
    const parentPath = parent.data!.createCategory.path;
    const child = await execute(
      stack.gateway.url,
      CreateCategoryDocument,
      { input: { parentId: parent.data!.createCategory.id, slug: "dry-food", name: "Dry food" } },
      admin,
    );
    expect(child.data?.createCategory).toMatchObject({ path: `${parentPath}/dry-food`, depth: 1 });
    const again = await execute(
      stack.gateway.url,
      CreateCategoryDocument,
      { input: { parentId: parent.data!.createCategory.id, slug: "dry-food", name: "Again" } },
      admin,
    );
    expect(onlyError(again).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.slug" });
    const byVendor = await execute(
      stack.gateway.url,
      CreateCategoryDocument,
      { input: { slug: "mine", name: "Mine" } },
      shopA.token,
    );
    expect(onlyError(byVendor).extensions?.code).toBe("FORBIDDEN");
  });
});

describe("products from draft to shop", () => {
  it("vendor staff create a DRAFT that only they see, then publish it for everyone", async () => {
    const draft = await createProduct(shopA.token, newProduct(shopA.vendorId));
    expect(draft).toMatchObject({
      status: "DRAFT",
      category: { id: categoryId },
      variants: [{ gtin: "4006381333931", price: { amountMinor: 1999, currency: "EUR" }, active: true }],
    });

    const anonymous = await execute(stack.gateway.url, ProductPageDocument, { id: draft.id });
    expect(onlyError(anonymous).extensions?.code).toBe("NOT_FOUND");
    const listed = await execute(stack.gateway.url, VendorProductsDocument, { id: shopA.vendorId });
    expect(listed.data?.vendor?.products.edges.map((e) => e.node.id)).not.toContain(draft.id);
    const insider = await execute(
      stack.gateway.url,
      VendorProductsDocument,
      { id: shopA.vendorId, status: "DRAFT" },
      shopA.token,
    );
    expect(insider.data?.vendor?.products.edges.map((e) => e.node.id)).toContain(draft.id);

    const published = await execute(
      stack.gateway.url,
      PublishProductDocument,
      { input: { productId: draft.id } },
      shopA.token,
    );
    expect(published.data?.publishProduct).toEqual({ __typename: "Product", id: draft.id, status: "ACTIVE" });
    const visible = await execute(stack.gateway.url, ProductPageDocument, { id: draft.id });
    expect(visible.data?.product).toMatchObject({ id: draft.id, status: "ACTIVE", vendor: { id: shopA.vendorId } });
    const events = await sql<{ type: string }>(stack, `SELECT type FROM catalog.outbox WHERE aggregate_id = $1`, [
      draft.id,
    ]);
    expect(events.map((e) => e.type)).toEqual(["product.published"]);
  });

  it("lists a vendor's products to its people newest first, a page at a time", async () => {
    const older = await createProduct(shopB.token, newProduct(shopB.vendorId));
    const newer = await createProduct(shopB.token, newProduct(shopB.vendorId));
    const page = (after?: string | null) =>
      execute(stack.gateway.url, VendorProductsDocument, { id: shopB.vendorId, first: 1, after }, shopB.token);
    const first = (await page()).data?.vendor?.products;
    expect(first?.edges.map((e) => e.node.id)).toEqual([newer.id]);
    expect(first?.pageInfo.hasNextPage).toBe(true);
    const second = (await page(first?.pageInfo.endCursor)).data?.vendor?.products;
    expect(second?.edges.map((e) => e.node.id)).toEqual([older.id]);
  });

  it("refuses to publish a product without an active variant, saying why", async () => {
    const draft = await createProduct(shopA.token, newProduct(shopA.vendorId));
    await execute(
      stack.gateway.url,
      SetVariantActiveDocument,
      { input: { variantId: draft.variants[0]!.id, active: false } },
      shopA.token,
    );
    const refused = await execute(
      stack.gateway.url,
      PublishProductDocument,
      { input: { productId: draft.id } },
      shopA.token,
    );
    expect(refused.data?.publishProduct).toMatchObject({
      __typename: "ProductNotPublishableError",
      reason: "NO_ACTIVE_VARIANT",
    });
  });

  it("another vendor's staff get NOT_FOUND for every edit of a product that is not theirs", async () => {
    const product = await createProduct(shopA.token, newProduct(shopA.vendorId));
    const productId = product.id;
    const variantId = product.variants[0]!.id;
    const attempts = [
      execute(stack.gateway.url, UpdateProductDocument, { input: { productId, title: "Taken over" } }, shopB.token),
      execute(stack.gateway.url, PublishProductDocument, { input: { productId } }, shopB.token),
      execute(stack.gateway.url, ArchiveProductDocument, { input: { productId } }, shopB.token),
      execute(
        stack.gateway.url,
        AddProductVariantDocument,
        { input: { productId, variant: { sku: "X1", priceMinor: 1, currency: "EUR" } } },
        shopB.token,
      ),
      execute(stack.gateway.url, SetVariantActiveDocument, { input: { variantId, active: false } }, shopB.token),
    ];
    for (const attempt of await Promise.all(attempts)) expect(onlyError(attempt).extensions?.code).toBe("NOT_FOUND");
    const intoA = await execute(
      stack.gateway.url,
      CreateProductDocument,
      { input: newProduct(shopA.vendorId) },
      shopB.token,
    );
    expect(onlyError(intoA).extensions?.code).toBe("FORBIDDEN");
    const unchanged = await execute(stack.gateway.url, ProductPageDocument, { id: productId }, shopA.token);
    expect(unchanged.data?.product).toMatchObject({
      title: product.title,
      status: "DRAFT",
      variants: [{ active: true }],
    });
  });

  it("platform admins unpublish any product with a reason the vendor sees; the vendor cannot publish it again", async () => {
    const product = await createProduct(shopA.token, newProduct(shopA.vendorId));
    await execute(stack.gateway.url, PublishProductDocument, { input: { productId: product.id } }, shopA.token);
    const byVendor = await execute(
      stack.gateway.url,
      UnpublishProductDocument,
      { input: { productId: product.id, reason: "Mine" } },
      shopB.token,
    );
    expect(onlyError(byVendor).extensions?.code).toBe("FORBIDDEN");
    const reason = "Recalled by the manufacturer";
    const unpublished = await execute(
      stack.gateway.url,
      UnpublishProductDocument,
      { input: { productId: product.id, reason } },
      admin,
    );
    expect(unpublished.data?.unpublishProduct).toEqual({
      id: product.id,
      status: "ARCHIVED",
      unpublishedReason: reason,
    });
    expect(onlyError(await execute(stack.gateway.url, ProductPageDocument, { id: product.id })).extensions?.code).toBe(
      "NOT_FOUND",
    );
    const seen = await execute(
      stack.gateway.url,
      UpdateProductDocument,
      { input: { productId: product.id } },
      shopA.token,
    );
    expect(seen.data?.updateProduct.unpublishedReason).toBe(reason);
    const again = await execute(
      stack.gateway.url,
      PublishProductDocument,
      { input: { productId: product.id } },
      shopA.token,
    );
    expect(again.data?.publishProduct).toMatchObject({ reason: "UNPUBLISHED_BY_ADMIN" });
    const events = await sql<{ type: string; reason: string | null }>(
      stack,
      `SELECT type, payload->>'reason' AS reason FROM catalog.outbox WHERE aggregate_id = $1 ORDER BY seq`,
      [product.id],
    );
    expect(events).toEqual([
      { type: "product.published", reason: null },
      { type: "product.archived", reason },
    ]);
  });

  it("anonymous visitors never see a suspended vendor's products", async () => {
    const shop = await approvedVendor(stack, "shop-c");
    const product = await createProduct(shop.token, newProduct(shop.vendorId));
    await execute(stack.gateway.url, PublishProductDocument, { input: { productId: product.id } }, shop.token);
    expect((await execute(stack.gateway.url, ProductPageDocument, { id: product.id })).data?.product?.id).toBe(
      product.id,
    );
    const suspended = await execute(
      stack.gateway.url,
      SuspendVendorDocument,
      { input: { vendorId: shop.vendorId, reason: "Expired products sold" } },
      admin,
    );
    expect(suspended.errors).toBeUndefined();
    expect(onlyError(await execute(stack.gateway.url, ProductPageDocument, { id: product.id })).extensions?.code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("bad input: BAD_USER_INPUT naming the field, nothing written", () => {
  const variant = { sku: "OK-1", priceMinor: 1000, currency: "EUR" };
  it.each<[string, (vendorId: string) => Partial<CreateProductInput>, string]>([
    ["a negative price", () => ({ variants: [{ ...variant, priceMinor: -1 }] }), "input.variants.0.priceMinor"],
    [
      "a compare-at price below the price",
      () => ({ variants: [{ ...variant, compareAtMinor: 999 }] }),
      "input.variants.0.compareAtMinor",
    ],
    ["an unknown currency", () => ({ variants: [{ ...variant, currency: "XYZ" }] }), "input.variants.0.currency"],
    [
      "another currency than the vendor's",
      () => ({ variants: [{ ...variant, currency: "USD" }] }),
      "input.variants.0.currency",
    ],
    [
      "a GTIN with a bad check digit",
      () => ({ variants: [{ ...variant, gtin: "4006381333932" }] }),
      "input.variants.0.gtin",
    ],
    ["a SKU twice in the input", () => ({ variants: [variant, { ...variant, title: "b" }] }), "input.variants.1.sku"],
    [
      "prescription-only without medication codes",
      () => ({ prescriptionOnly: true, variants: [variant] }),
      "input.medicationCodes",
    ],
    ["a bad slug", () => ({ slug: "Not A Slug", variants: [variant] }), "input.slug"],
    ["a too-long title", () => ({ title: "x".repeat(201), variants: [variant] }), "input.title"],
    ["a species twice", () => ({ species: ["DOG", "DOG"], variants: [variant] }), "input.species.1"],
    ["no variant", () => ({ variants: [] }), "input.variants"],
  ])("%s", async (_what, overrides, field) => {
    const before = await productsOf(shopB.vendorId);
    const result = await execute(
      stack.gateway.url,
      CreateProductDocument,
      { input: newProduct(shopB.vendorId, { ...overrides(shopB.vendorId) }) },
      shopB.token,
    );
    expect(onlyError(result).extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await productsOf(shopB.vendorId)).toBe(before);
  });

  it("a SKU the vendor already uses, on create and on a new variant", async () => {
    const first = await createProduct(shopB.token, newProduct(shopB.vendorId));
    const sku = first.variants[0]!.sku;
    const before = await productsOf(shopB.vendorId);
    const clash = await execute(
      stack.gateway.url,
      CreateProductDocument,
      { input: newProduct(shopB.vendorId, { variants: [{ ...variant, sku }] }) },
      shopB.token,
    );
    expect(onlyError(clash).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.variants.0.sku" });
    expect(await productsOf(shopB.vendorId)).toBe(before);
    const added = await execute(
      stack.gateway.url,
      AddProductVariantDocument,
      { input: { productId: first.id, variant: { ...variant, sku } } },
      shopB.token,
    );
    expect(onlyError(added).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.variant.sku" });
    const gtin = await execute(
      stack.gateway.url,
      AddProductVariantDocument,
      { input: { productId: first.id, variant: { ...variant, sku: `${sku}-2`, gtin: "96385075" } } },
      shopB.token,
    );
    expect(onlyError(gtin).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.variant.gtin" });
  });
});
