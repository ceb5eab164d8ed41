import { randomUUID } from "node:crypto";
import { buildProduct, createCategory, createProduct } from "./catalog-fixtures";
import { post, type Stack } from "./harness";

/**
 * The orders side of the authorization sweep (e2e/authorization-sweep.fixtures.ts builds the rest):
 * A's shop sells a published, stocked product with a shipping method (and a deactivated one), a coupon
 * of its own, and a platform admin's tax rate and commission rule; A (the owner) placed and paid an
 * order there (offline provider: placeOrder pays at once) that A's shop shipped in part, and has a new
 * cart with a line. B buys the same way from B's own shop, which shipped part of it, so that every
 * case has B's own vendor order, order and cart line for the rest of its input.
 */
export interface OrdersSweepSides {
  admin: string;
  /** A's buyer (the owner) and A's shop, with its published product's variant and stock location. */
  a: {
    token: string;
    shop: { vendorId: string; token: string };
    variantId: string;
    locationId: string;
    /** A's pet: A's care plan is for it. */
    petId: string;
  };
  /** B's buyer and B's shop, with its stock location, and B's pet (B's own care plan). */
  b: { token: string; shop: { vendorId: string; token: string }; locationId: string; petId: string };
}

export interface OrdersSweepIds {
  a: Record<string, string>;
  b: Record<string, string>;
  secrets: string[];
}

const ADDRESS = { name: "Sweep Buyer", line1: "Hauptstraße 1", city: "Berlin", postalCode: "10115", country: "DE" };

/** Runs one operation and answers the string at `path` of its data, failing the fixture build otherwise. */
async function idOf(
  stack: Stack,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  path: string,
): Promise<string> {
  const result = await post(stack.gateway.url, { query, variables }, token);
  const value = path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], result.data);
  if (typeof value !== "string")
    throw new Error(`fixture failed: ${query.slice(0, 60)}: ${JSON.stringify(result.errors ?? result.data)}`);
  return value;
}

const input = (type: string, field: string, selection: string) =>
  `mutation($input: ${type}!) { ${field}(input: $input) { ${selection} } }`;

async function stock(stack: Stack, shop: { token: string }, variantId: string, locationId: string) {
  await idOf(
    stack,
    shop.token,
    input("AdjustStockInput", "adjustStock", "__typename"),
    { input: { variantId, locationId, delta: 10, reason: "Delivery" } },
    "adjustStock.__typename",
  );
}

const shipping = (stack: Stack, shop: { vendorId: string; token: string }, name: string) =>
  idOf(
    stack,
    shop.token,
    input("CreateShippingMethodInput", "createShippingMethod", "id"),
    { input: { vendorId: shop.vendorId, name, kind: "FLAT", priceMinor: 500, currency: "EUR" } },
    "createShippingMethod.id",
  );

const addToCart = (stack: Stack, token: string, variantId: string, quantity: number) =>
  idOf(
    stack,
    token,
    input("AddToCartInput", "addToCart", "cart { lines { id } }"),
    { input: { variantId, quantity } },
    "addToCart.cart.lines.0.id",
  );

/**
 * The buyer orders two units of the variant (paid at once), its shop ships one; then the buyer puts
 * the variant in a new cart. Answers the order, its vendor order, line and shipment, and the cart line.
 */
async function orderShippedInPart(
  stack: Stack,
  token: string,
  shop: { token: string },
  variantId: string,
): Promise<Record<string, string>> {
  await addToCart(stack, token, variantId, 2);
  await idOf(
    stack,
    token,
    input("ShippingAddressInput", "setShippingAddress", "cart { id }"),
    { input: ADDRESS },
    "setShippingAddress.cart.id",
  );
  const started = await idOf(stack, token, `mutation { startCheckout { __typename } }`, {}, "startCheckout.__typename");
  if (started !== "CheckoutStarted") throw new Error(`fixture failed: startCheckout answered ${started}`);
  const placed = await post<{
    placeOrder: { order?: { id: string; vendorOrders: { id: string; lines: { id: string }[] }[] } };
  }>(
    stack.gateway.url,
    {
      query: `mutation { placeOrder { ... on OrderPlaced { order { id status vendorOrders { id lines { id } } } } } }`,
    },
    token,
  );
  const order = placed.data?.placeOrder.order;
  if (!order) throw new Error(`fixture failed: placeOrder: ${JSON.stringify(placed.errors ?? placed.data)}`);
  const vendorOrder = order.vendorOrders[0]!;
  const shipmentId = await idOf(
    stack,
    shop.token,
    input("MarkShippedInput", "markShipped", "shipments { id }"),
    {
      input: {
        vendorOrderId: vendorOrder.id,
        carrier: "DHL",
        trackingNumber: "T-1",
        lines: [{ orderLineId: vendorOrder.lines[0]!.id, quantity: 1 }],
      },
    },
    "markShipped.shipments.0.id",
  );
  return {
    orderId: order.id,
    vendorOrderId: vendorOrder.id,
    orderLineId: vendorOrder.lines[0]!.id,
    shipmentId,
    cartLineId: await addToCart(stack, token, variantId, 1),
  };
}

/** A monthly care plan of one unit of the variant for the pet (offline: its first order is accepted at once). */
const carePlan = (stack: Stack, token: string, petId: string, variantId: string) =>
  idOf(
    stack,
    token,
    input("CreateCarePlanInput", "createCarePlan", "... on CarePlanCreated { carePlan { id } }"),
    {
      input: {
        petId,
        lines: [{ variantId, quantity: 1 }],
        interval: { unit: "MONTH", count: 1 },
        shippingAddress: ADDRESS,
      },
    },
    "createCarePlan.carePlan.id",
  );

export async function buildOrdersSweep(stack: Stack, sides: OrdersSweepSides): Promise<OrdersSweepIds> {
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const secrets = { method: `Secret method ${tag}`, coupon: `SECRET-${tag}` };
  const { a, b } = sides;
  // B sells a published product of its own, in a category of its own: A's category must keep
  // answering only A's published product to search (PUBLIC_SEARCH).
  const category = await createCategory(stack, sides.admin);
  const productB = await createProduct(stack, b.shop.token, buildProduct(b.shop.vendorId, category.id));
  await idOf(
    stack,
    b.shop.token,
    input("ProductIdInput", "publishProduct", "__typename"),
    { input: { productId: productB.id } },
    "publishProduct.__typename",
  );
  const variantB = productB.variants[0]!.id;
  await stock(stack, a.shop, a.variantId, a.locationId);
  await stock(stack, b.shop, variantB, b.locationId);
  const shippingMethodId = await shipping(stack, a.shop, "Standard");
  await shipping(stack, b.shop, "Standard");
  // A deactivated method: what the public list of A's methods must never show.
  const retired = await shipping(stack, a.shop, secrets.method);
  await idOf(
    stack,
    a.shop.token,
    `mutation($id: ID!) { deactivateShippingMethod(id: $id) { id } }`,
    { id: retired },
    "deactivateShippingMethod.id",
  );
  const couponId = await idOf(
    stack,
    a.shop.token,
    input("CreateCouponInput", "createCoupon", "... on Coupon { id }"),
    { input: { code: secrets.coupon, kind: "PERCENTAGE", percentBps: 1000, vendorId: a.shop.vendorId } },
    "createCoupon.id",
  );
  const taxRateId = await idOf(
    stack,
    sides.admin,
    input("SetTaxRateInput", "setTaxRate", "id"),
    { input: { country: "AT", taxCategory: "STANDARD", rateBps: 2000 } },
    "setTaxRate.id",
  );
  const commissionRuleId = await idOf(
    stack,
    sides.admin,
    input("SetCommissionRuleInput", "setCommissionRule", "id"),
    { input: { scope: "VENDOR", targetId: a.shop.vendorId, kind: "PERCENTAGE", rateBps: 500 } },
    "setCommissionRule.id",
  );
  const [ordersA, ordersB] = await Promise.all([
    orderShippedInPart(stack, a.token, a.shop, a.variantId),
    orderShippedInPart(stack, b.token, b.shop, variantB),
  ]);
  const [carePlanA, carePlanB] = await Promise.all([
    carePlan(stack, a.token, a.petId, a.variantId),
    carePlan(stack, b.token, b.petId, variantB),
  ]);
  return {
    a: {
      ...ordersA,
      carePlanId: carePlanA,
      shippingMethodId,
      retiredShippingMethodId: retired,
      couponId,
      taxRateId,
      commissionRuleId,
    },
    b: { ...ordersB, orderableVariantId: variantB, carePlanId: carePlanB },
    secrets: Object.values(secrets),
  };
}
