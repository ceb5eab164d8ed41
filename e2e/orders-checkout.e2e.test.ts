// Checkout through the gateway with the offline provider (no Stripe key): a cart from two vendors becomes
// one order with two vendor orders, paid at once, commission frozen per line by the most specific rule;
// vendors see only their part; stock cannot be oversold by 20 buyers at once.
import {
  AddToCartDocument,
  MyOrdersDocument,
  OrderDocument,
  PaymentSettingsDocument,
  PlaceOrderDocument,
  StartCheckoutDocument,
  VendorOrderDocument,
  VendorOrdersDocument,
} from "../clients/__generated__/graphql";
import { sql } from "./catalog-fixtures";
import { registerVerifiedUser } from "./fixtures";
import { execute, onlyError, startStack, type Stack } from "./harness";
import { buyerWithCart, flatShipping, shopWithStock } from "./orders-fixtures";

let stack: Stack;
const gateway = () => stack.gateway.url;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.stop();
});

async function checkout(token: string) {
  const started = await execute(gateway(), StartCheckoutDocument, {}, token);
  expect(started.errors).toBeUndefined();
  return started.data!.startCheckout;
}

async function place(token: string) {
  const placed = await execute(gateway(), PlaceOrderDocument, {}, token);
  expect(placed.errors).toBeUndefined();
  return placed.data!.placeOrder;
}

describe("a cart from two vendors, paid offline", () => {
  it("becomes one paid order with one vendor order per vendor, commission per line, and each vendor sees only its part", async () => {
    const food = await shopWithStock(stack, [{ priceMinor: 12000, stock: 10 }], { label: "food-shop" });
    const toys = await shopWithStock(stack, [{ priceMinor: 3000, stock: 10 }], { label: "toy-shop" });
    await flatShipping(stack, food.vendor, 500);
    await flatShipping(stack, toys.vendor, 700);
    // The toy shop pays 5 %; its product 2.5 %: the product's rule wins for that line.
    await sql(
      stack,
      `INSERT INTO orders.commission_rules (scope, target_id, kind, rate_bps, created_by) VALUES ('VENDOR', $1, 'PERCENTAGE', 500, $1), ('PRODUCT', $2, 'PERCENTAGE', 250, $1)`,
      [toys.vendor.vendorId, toys.productId],
    );

    expect((await execute(gateway(), PaymentSettingsDocument, {})).data!.paymentSettings).toEqual({
      provider: "OFFLINE",
      publishableKey: null,
    });

    const buyer = await buyerWithCart(stack, "two-vendor-buyer", [
      { variantId: food.variantIds[0]!, quantity: 1 },
      { variantId: toys.variantIds[0]!, quantity: 2 },
    ]);
    const started = await checkout(buyer.token);
    expect(started.__typename).toBe("CheckoutStarted");
    const placed = await place(buyer.token);
    if (placed.__typename !== "OrderPlaced") throw new Error(JSON.stringify(placed));
    const { order, payment } = placed;
    // 120.00 + 2 × 30.00 = 180.00 < 200.00: shipping is charged; Texas 6.25 % on goods.
    expect(order).toMatchObject({
      status: "PAID",
      paymentStatus: "FULL",
      paymentProvider: "OFFLINE",
      subtotal: { amountMinor: 18000, currency: "USD" },
      shipping: { amountMinor: 1200 },
      tax: { amountMinor: 1125 },
      total: { amountMinor: 18000 + 1200 + 1125 },
      paid: { amountMinor: 18000 + 1200 + 1125 },
    });
    expect(order.number).toMatch(/^PG-\d+$/);
    expect(payment).toMatchObject({ provider: "OFFLINE", status: "SUCCEEDED", clientSecret: null });
    expect(order.vendorOrders).toHaveLength(2);
    const byVendor = Object.fromEntries(order.vendorOrders.map((v) => [v.vendor!.id, v]));
    expect(byVendor[food.vendor.vendorId]).toMatchObject({ status: "TO_FULFIL", shipping: { amountMinor: 500 } });
    expect(byVendor[toys.vendor.vendorId]).toMatchObject({ status: "TO_FULFIL", shipping: { amountMinor: 700 } });
    // The buyer does not see commission.
    expect(order.vendorOrders.flatMap((v) => v.lines.map((l) => l.commission))).toEqual([null, null]);

    // Commission, frozen per line: the platform default 10 % for food; the toy product's own 2.5 %.
    const foodPart = await execute(
      gateway(),
      VendorOrderDocument,
      { id: byVendor[food.vendor.vendorId]!.id },
      food.vendor.token,
    );
    expect(foodPart.data!.vendorOrder!.lines[0]!.commission).toMatchObject({ amount: { amountMinor: 1200 } });
    expect(foodPart.data!.vendorOrder!.commission).toMatchObject({ amountMinor: 1200 });
    const toyPart = await execute(
      gateway(),
      VendorOrderDocument,
      { id: byVendor[toys.vendor.vendorId]!.id },
      toys.vendor.token,
    );
    expect(toyPart.data!.vendorOrder!.lines[0]!.commission).toMatchObject({ amount: { amountMinor: 150 } });

    // Each vendor sees only its own part: the other's and the whole order are NOT_FOUND.
    const foreign = await execute(
      gateway(),
      VendorOrderDocument,
      { id: byVendor[toys.vendor.vendorId]!.id },
      food.vendor.token,
    );
    expect(onlyError(foreign).extensions).toMatchObject({ code: "NOT_FOUND" });
    const whole = await execute(gateway(), OrderDocument, { id: order.id }, food.vendor.token);
    expect(onlyError(whole).extensions).toMatchObject({ code: "NOT_FOUND" });
    const list = await execute(gateway(), VendorOrdersDocument, { vendorId: food.vendor.vendorId }, food.vendor.token);
    expect(list.data!.vendorOrders!.edges.map((e) => e.node.orderId)).toEqual([order.id]);
    const otherList = await execute(
      gateway(),
      VendorOrdersDocument,
      { vendorId: food.vendor.vendorId },
      toys.vendor.token,
    );
    expect(onlyError(otherList).extensions).toMatchObject({ code: "NOT_FOUND" });

    // Another user's order is NOT_FOUND; the buyer's own list has it with its history.
    const stranger = await registerVerifiedUser(stack, "stranger");
    expect(
      onlyError(await execute(gateway(), OrderDocument, { id: order.id }, stranger.token)).extensions,
    ).toMatchObject({ code: "NOT_FOUND" });
    const mine = await execute(gateway(), MyOrdersDocument, {}, buyer.token);
    expect(mine.data!.myOrders!.edges.map((e) => e.node.id)).toEqual([order.id]);
    const read = await execute(gateway(), OrderDocument, { id: order.id }, buyer.token);
    expect(read.data!.order!.history.map((h) => `${h.from}->${h.to}`)).toEqual(
      expect.arrayContaining(["null->PAYMENT_PENDING", "PAYMENT_PENDING->PAID", "AWAITING_PAYMENT->TO_FULFIL"]),
    );

    // Stock is allocated, not just reserved; the outbox holds one order.placed and one order.paid.
    const [level] = await sql<{ allocated: number }>(
      stack,
      `SELECT allocated FROM catalog.stock_levels WHERE variant_id = $1`,
      [toys.variantIds[0]],
    );
    expect(level!.allocated).toBe(2);
    const events = await sql<{ type: string }>(
      stack,
      `SELECT type FROM orders.outbox WHERE aggregate_id = $1 ORDER BY id`,
      [order.id],
    );
    expect(events.map((e) => e.type).sort()).toEqual(["order.paid", "order.placed"]);
  });

  it("refuses to place an order without a started checkout, and again after it was placed", async () => {
    const shop = await shopWithStock(stack, [{ priceMinor: 1000, stock: 5 }], { label: "once-shop" });
    await flatShipping(stack, shop.vendor, 300);
    const buyer = await buyerWithCart(stack, "once-buyer", [{ variantId: shop.variantIds[0]!, quantity: 1 }]);
    expect((await place(buyer.token)).__typename).toBe("CheckoutRequiredError");
    await checkout(buyer.token);
    expect((await place(buyer.token)).__typename).toBe("OrderPlaced");
    expect((await place(buyer.token)).__typename).toBe("CheckoutRequiredError");
  });

  it("refuses checkout with the cart's problems, and to guests", async () => {
    const shop = await shopWithStock(stack, [{ priceMinor: 1000, stock: 5 }], { label: "problem-shop" });
    const buyer = await registerVerifiedUser(stack, "problem-buyer");
    await execute(
      gateway(),
      AddToCartDocument,
      { input: { variantId: shop.variantIds[0]!, quantity: 1 } },
      buyer.token,
    );
    const started = await checkout(buyer.token);
    if (started.__typename !== "CartNotReadyError") throw new Error(started.__typename);
    expect(started.problems.map((p) => p.code).sort()).toEqual(["NO_SHIPPING_ADDRESS", "NO_SHIPPING_METHOD"].sort());
    const guest = await execute(gateway(), StartCheckoutDocument, {});
    expect(onlyError(guest).extensions).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("stock under contention", () => {
  it("20 buyers checking out the last unit at once: exactly one order, 19 InsufficientStockError, stock never negative", async () => {
    const shop = await shopWithStock(stack, [{ priceMinor: 4500, stock: 1 }], { label: "last-unit" });
    await flatShipping(stack, shop.vendor, 500);
    const buyers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        buyerWithCart(stack, `rush-${i}`, [{ variantId: shop.variantIds[0]!, quantity: 1 }]),
      ),
    );
    const outcomes = await Promise.all(
      buyers.map(async (b) => {
        const started = await checkout(b.token);
        if (started.__typename !== "CheckoutStarted") return started.__typename;
        return (await place(b.token)).__typename;
      }),
    );
    expect(outcomes.filter((o) => o === "OrderPlaced")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "InsufficientStockError")).toHaveLength(19);
    const [level] = await sql<{ onHand: number; allocated: number }>(
      stack,
      `SELECT on_hand AS "onHand", allocated FROM catalog.stock_levels WHERE variant_id = $1`,
      [shop.variantIds[0]],
    );
    expect(level).toEqual({ onHand: 1, allocated: 1 });
    const [orders] = await sql<{ n: number }>(
      stack,
      `SELECT count(*)::int AS n FROM orders.order_lines WHERE variant_id = $1`,
      [shop.variantIds[0]],
    );
    expect(orders!.n).toBe(1);
  });
});
