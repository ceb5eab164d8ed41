// Stock through the front doors: a vendor's people manage stock through the gateway, shoppers see
// `inStock`, and orders' internal stock mutations answer only at catalog with the gateway secret.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Client } from "pg";
import {
  AdjustStockDocument,
  CreateStockLocationDocument,
  ProductStockDocument,
  SetLowStockLevelDocument,
} from "../clients/__generated__/graphql";
import { buildCategory, buildProduct, buildVariant } from "./catalog-corpus";
import { approvedVendor } from "./catalog-fixtures";
import { execute, onlyError, post, startStack, type Stack } from "./harness";

let stack: Stack;
let db: Client;
let vendor: Awaited<ReturnType<typeof approvedVendor>>;

beforeAll(async () => {
  stack = await startStack();
  db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  vendor = await approvedVendor(stack, "stock-vendor");
});

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

/** An ACTIVE dog product of `vendorId` with one variant and no stock yet (catalog-corpus rows: products are not this test's subject). */
async function buildProductWithVariant(vendorId: string): Promise<{ productId: string; variantId: string }> {
  const categoryId = await buildCategory(db, "Dog food");
  const productId = await buildProduct(db, {
    vendorId,
    categoryId,
    title: "Grain-free chicken kibble",
    species: ["DOG"],
  });
  const { variantId } = await buildVariant(db, { productId, priceMinor: 1999 });
  return { productId, variantId };
}

const asService = () => ({ "x-gateway-secret": stack.gatewaySecret.secret });

const RESERVE = `mutation($input: ReserveStockInput!) {
  reserveStock(input: $input) {
    __typename
    ... on StockReserved { cartId lines { lineId variantId locationId quantity } }
    ... on StockShortfallError { variantId requested available }
  }
}`;

const ALLOCATE = `mutation($input: AllocateStockInput!) {
  allocateStock(input: $input) {
    __typename
    ... on StockAllocated { lines { variantId locationId quantity } }
    ... on ReservationExpiredError { variantId requested available }
  }
}`;

describe("a vendor's stock through the gateway", () => {
  let productId: string;
  let variantId: string;
  let locationId: string;

  beforeAll(async () => {
    ({ productId, variantId } = await buildProductWithVariant(vendor.vendorId));
  });

  it("lets the vendor create a location and receive stock; shoppers then see the variant in stock", async () => {
    const before = await execute(stack.gateway.url, ProductStockDocument, { id: productId });
    expect(before.data?.product?.variants).toEqual([{ id: variantId, inStock: false, stockLevels: null }]);

    const created = await execute(
      stack.gateway.url,
      CreateStockLocationDocument,
      { input: { vendorId: vendor.vendorId, name: "Berlin warehouse", country: "DE" } },
      vendor.token,
    );
    expect(created.errors).toBeUndefined();
    locationId = created.data!.createStockLocation!.id;

    const adjusted = await execute(
      stack.gateway.url,
      AdjustStockDocument,
      { input: { variantId, locationId, delta: 10, reason: "Delivery from the mill" } },
      vendor.token,
    );
    expect(adjusted.data?.adjustStock).toEqual({
      location: { id: locationId, name: "Berlin warehouse", country: "DE" },
      onHand: 10,
      allocated: 0,
      reserved: 0,
      available: 10,
      lowLevel: null,
    });

    const anonymous = await execute(stack.gateway.url, ProductStockDocument, { id: productId });
    expect(anonymous.data?.product?.variants).toEqual([{ id: variantId, inStock: true, stockLevels: null }]);
    const insider = await execute(stack.gateway.url, ProductStockDocument, { id: productId }, vendor.token);
    expect(insider.data?.product?.variants[0]?.stockLevels).toEqual([adjusted.data?.adjustStock]);
  });

  it("answers another vendor's people NOT_FOUND for this variant, and writes nothing", async () => {
    const other = await approvedVendor(stack, "other-vendor");
    const result = await execute(
      stack.gateway.url,
      AdjustStockDocument,
      { input: { variantId, locationId, delta: -10, reason: "Not mine" } },
      other.token,
    );
    expect(onlyError(result)).toMatchObject({ extensions: { code: "NOT_FOUND", field: "input.variantId" } });
    const { rows } = await db.query(`SELECT on_hand FROM catalog.stock_levels WHERE variant_id = $1`, [variantId]);
    expect(rows).toEqual([{ on_hand: 10 }]);
  });

  it("refuses to drop on hand below what carts hold (BAD_USER_INPUT on the field), and sets the low-stock level", async () => {
    const cartId = randomUUID();
    const reserved = await post<{ reserveStock: { __typename: string } }>(
      stack.catalog.url,
      {
        query: RESERVE,
        variables: {
          input: { cartId, idempotencyKey: `${cartId}:1`, lines: [{ lineId: "l1", variantId, quantity: 4 }] },
        },
      },
      undefined,
      asService(),
    );
    expect(reserved.data?.reserveStock.__typename).toBe("StockReserved");
    const refused = await execute(
      stack.gateway.url,
      AdjustStockDocument,
      { input: { variantId, locationId, setOnHand: 3, reason: "Stock count" } },
      vendor.token,
    );
    expect(onlyError(refused)).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "input.setOnHand" } });
    const low = await execute(
      stack.gateway.url,
      SetLowStockLevelDocument,
      { input: { variantId, locationId, lowLevel: 5 } },
      vendor.token,
    );
    expect(low.data?.setLowStockLevel).toMatchObject({ onHand: 10, reserved: 4, available: 6, lowLevel: 5 });
  });
});

describe("stock fields are batched", () => {
  it("reads inStock and stockLevels of all a product's variants in the same statements, whether 1 or 6", async () => {
    const statementsFor = async (variants: number) => {
      // Each variant with 3 units at the vendor's location "Main".
      const productId = await buildProduct(db, { vendorId: vendor.vendorId, categoryId: await buildCategory(db) });
      for (let i = 0; i < variants; i++) await buildVariant(db, { productId, priceMinor: 999, onHand: 3 });
      stack.catalog.sql.take();
      const result = await execute(stack.gateway.url, ProductStockDocument, { id: productId }, vendor.token);
      const statements = stack.catalog.sql.take();
      expect(result.data?.product?.variants).toHaveLength(variants);
      expect(result.data?.product?.variants.every((v) => v.inStock && v.stockLevels?.[0]?.onHand === 3)).toBe(true);
      return statements;
    };
    expect(await statementsFor(6)).toBe(await statementsFor(1));
  });
});

describe("orders' internal stock mutations", () => {
  let variantId: string;
  let locationId: string;

  beforeAll(async () => {
    ({ variantId } = await buildProductWithVariant(vendor.vendorId));
    const created = await execute(
      stack.gateway.url,
      CreateStockLocationDocument,
      { input: { vendorId: vendor.vendorId, name: `Shop ${randomUUID().slice(0, 8)}`, country: "DE" } },
      vendor.token,
    );
    locationId = created.data!.createStockLocation!.id;
    await execute(
      stack.gateway.url,
      AdjustStockDocument,
      { input: { variantId, locationId, setOnHand: 2, reason: "Opening stock" } },
      vendor.token,
    );
  });

  const reserve = (cartId: string, quantity: number, headers = asService()) =>
    post<{ reserveStock: Record<string, unknown> }>(
      stack.catalog.url,
      {
        query: RESERVE,
        variables: { input: { cartId, idempotencyKey: `${cartId}:1`, lines: [{ lineId: "l1", variantId, quantity }] } },
      },
      undefined,
      headers,
    );

  it("reserve and allocate at catalog with the gateway secret, answering the union members", async () => {
    const cartId = randomUUID();
    expect((await reserve(cartId, 2)).data?.reserveStock).toEqual({
      __typename: "StockReserved",
      cartId,
      lines: [{ lineId: "l1", variantId, locationId, quantity: 2 }],
    });
    expect((await reserve(randomUUID(), 1)).data?.reserveStock).toEqual({
      __typename: "StockShortfallError",
      variantId,
      requested: 1,
      available: 0,
    });
    const allocated = await post<{ allocateStock: Record<string, unknown> }>(
      stack.catalog.url,
      {
        query: ALLOCATE,
        variables: {
          input: { cartId, idempotencyKey: `${cartId}:1`, lines: [{ lineId: "l1", variantId, quantity: 2 }] },
        },
      },
      undefined,
      asService(),
    );
    expect(allocated.data?.allocateStock).toEqual({
      __typename: "StockAllocated",
      lines: [{ variantId, locationId, quantity: 2 }],
    });
  });

  it("refuses them at catalog without the secret, even with a vendor's token", async () => {
    for (const token of [undefined, vendor.token]) {
      const response = await post(
        stack.catalog.url,
        {
          query: RESERVE,
          variables: { input: { cartId: "c", idempotencyKey: "k", lines: [{ lineId: "l", variantId, quantity: 1 }] } },
        },
        token,
      );
      expect(response.status).toBe(401);
      expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(response.data).toBeUndefined();
    }
    const { rows } = await db.query(`SELECT COUNT(*)::int AS count FROM catalog.stock_operations WHERE cart_id = 'c'`);
    expect(rows[0].count).toBe(0);
  });

  it("are absent from the gateway and from the client-facing schema", async () => {
    const response = await post(
      stack.gateway.url,
      { query: RESERVE, variables: { input: { cartId: "c", idempotencyKey: "k", lines: [] } } },
      vendor.token,
    );
    expect(response.data ?? undefined).toBeUndefined();
    expect(response.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const clientSchema = readFileSync(resolve(__dirname, "../schema.graphql"), "utf8");
    for (const name of ["reserveStock", "allocateStock", "releaseStock", "ReserveStockResult", "StockLineInput"])
      expect(clientSchema).not.toContain(name);
  });
});
