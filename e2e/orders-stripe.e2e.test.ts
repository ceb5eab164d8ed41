// Stripe payments through the gateway against a local stand-in of Stripe's API (Stripe cannot be
// reached from here): real PaymentIntents with idempotency keys from our ids, webhooks signed with
// stripe-node's generateTestHeaderString and verified by the real constructEvent, and one idempotent
// finalizePayment whatever the number or order of deliveries.
import { StripePaymentProvider } from "@pawgraph/orders";
import {
  AddToCartDocument,
  FinalizePaymentDocument,
  OrderDocument,
  PaymentSettingsDocument,
  PlaceOrderDocument,
  SetShippingAddressDocument,
  StartCheckoutDocument,
} from "../clients/__generated__/graphql";
import { StripeStandIn } from "../subgraphs/orders/test/stripe-stand-in";
import { sql } from "./catalog-fixtures";
import { registerVerifiedUser } from "./fixtures";
import { eventually, execute, onlyError, startStack, type Stack } from "./harness";
import { flatShipping, shopWithStock, US_ADDRESS } from "./orders-fixtures";

const WEBHOOK_SECRET = "whsec_test_pawgraph";
const stripe = new StripeStandIn();
let stack: Stack;
let shop: Awaited<ReturnType<typeof shopWithStock>>;

beforeAll(async () => {
  await stripe.start();
  stack = await startStack({
    orders: {
      payments: () =>
        new StripePaymentProvider(stripe.settings(WEBHOOK_SECRET, { publishableKey: "pk_test_pawgraph" })),
      webhooks: { pollMs: 200, maxBackoffMs: 1_000 },
    },
  });
  shop = await shopWithStock(stack, [{ priceMinor: 5000, stock: 100 }], { label: "stripe-shop" });
  await flatShipping(stack, shop.vendor, 500);
});

afterAll(async () => {
  await stack?.stop();
  await stripe.stop();
});

const gateway = () => stack.gateway.url;
const webhookUrl = () => new URL("/webhooks/stripe", stack.gateway.url).toString();

/** A buyer's placed order awaiting its Stripe payment: the order and its PaymentIntent id. */
async function pendingOrder(label: string, quantity = 1) {
  const buyer = await registerVerifiedUser(stack, label);
  await execute(gateway(), AddToCartDocument, { input: { variantId: shop.variantIds[0]!, quantity } }, buyer.token);
  await execute(gateway(), SetShippingAddressDocument, { input: US_ADDRESS }, buyer.token);
  const started = await execute(gateway(), StartCheckoutDocument, {}, buyer.token);
  expect(started.data!.startCheckout.__typename).toBe("CheckoutStarted");
  const placed = await execute(gateway(), PlaceOrderDocument, {}, buyer.token);
  const result = placed.data!.placeOrder;
  if (result.__typename !== "OrderPlaced") throw new Error(JSON.stringify(placed));
  const intent = [...stripe.paymentIntents.values()].find((pi) => pi.metadata.orderId === result.order.id)!;
  return { buyer, order: result.order, payment: result.payment!, intentId: intent.id };
}

/** Delivers a Stripe event to the gateway's webhook endpoint as Stripe would. */
async function deliver(event: Record<string, unknown>, options: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify(event);
  const response = await fetch(webhookUrl(), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "stripe-signature": stripe.signedHeader(payload, options.secret ?? WEBHOOK_SECRET, options.timestamp),
    },
    body: payload,
  });
  return response.status;
}

const paidEvents = (orderId: string) =>
  sql<{ n: number }>(
    stack,
    `SELECT count(*)::int AS n FROM orders.outbox WHERE aggregate_id = $1 AND type = 'order.paid'`,
    [orderId],
  ).then((rows) => rows[0]!.n);
const payments = (orderId: string) =>
  sql<{ n: number }>(stack, `SELECT count(*)::int AS n FROM orders.payments WHERE order_id = $1`, [orderId]).then(
    (rows) => rows[0]!.n,
  );
const orderStatus = async (token: string, id: string) =>
  (await execute(gateway(), OrderDocument, { id }, token)).data!.order!.status;

it("creates one PaymentIntent per order with our idempotency key, transfer group and metadata; the client gets its secret", async () => {
  expect((await execute(gateway(), PaymentSettingsDocument, {})).data!.paymentSettings).toEqual({
    provider: "STRIPE",
    publishableKey: "pk_test_pawgraph",
  });
  const { order, payment, intentId } = await pendingOrder("pi-buyer");
  expect(order).toMatchObject({ status: "PAYMENT_PENDING", paymentStatus: "NONE", paymentProvider: "STRIPE" });
  expect(payment).toMatchObject({ provider: "STRIPE", status: "REQUIRES_ACTION", publishableKey: "pk_test_pawgraph" });
  expect(payment.clientSecret).toMatch(new RegExp(`^${intentId}_secret_`));
  const intent = stripe.paymentIntents.get(intentId)!;
  expect(intent).toMatchObject({ amount: order.total.amountMinor, currency: "usd", transfer_group: order.id });
  expect(intent.metadata).toMatchObject({ orderId: order.id, orderNumber: order.number });
  const create = stripe.requests.find(
    (r) => r.method === "POST" && r.path === "/v1/payment_intents" && r.body.transfer_group === order.id,
  )!;
  expect(create.idempotencyKey).toBe(`pi:${order.id}:${order.total.amountMinor}:USD`);
});

it("the same payment_intent.succeeded delivered 100 times, after the client's finalize: one payment, one allocation, one order.paid", async () => {
  const { buyer, order, intentId } = await pendingOrder("hundred-buyer", 2);
  const intent = stripe.succeed(intentId);
  const finalized = await execute(gateway(), FinalizePaymentDocument, { paymentIntentId: intentId }, buyer.token);
  expect(finalized.data!.finalizePayment).toMatchObject({ status: "PAID", paymentStatus: "FULL" });
  const event = stripe.eventFor("payment_intent.succeeded", intent);
  const statuses = await Promise.all(Array.from({ length: 100 }, () => deliver(event)));
  expect(new Set(statuses)).toEqual(new Set([200]));
  await eventually(
    () =>
      sql<{ n: number }>(
        stack,
        `SELECT count(*)::int AS n FROM orders.webhook_events WHERE id = $1 AND processed_at IS NOT NULL`,
        [event.id],
      ),
    (rows) => rows[0]!.n === 1,
  );
  expect(await payments(order.id)).toBe(1);
  expect(await paidEvents(order.id)).toBe(1);
  // One allocation in catalog: one ALLOCATE movement for the order's stock, of the 2 units bought.
  const [row] = await sql<{ cartId: string }>(stack, `SELECT cart_id AS "cartId" FROM orders.orders WHERE id = $1`, [
    order.id,
  ]);
  const movements = await sql<{ quantity: number }>(
    stack,
    `SELECT allocated_delta AS quantity FROM catalog.stock_movements WHERE kind = 'ALLOCATE' AND reference LIKE $1`,
    [`${row!.cartId}:%`],
  );
  expect(movements).toEqual([{ quantity: 2 }]);
  expect(await orderStatus(buyer.token, order.id)).toBe("PAID");
});

it("the webhook before the client's finalize call records the payment once too", async () => {
  const { buyer, order, intentId } = await pendingOrder("webhook-first-buyer");
  const event = stripe.eventFor("payment_intent.succeeded", stripe.succeed(intentId));
  await Promise.all(Array.from({ length: 20 }, () => deliver(event)));
  await eventually(
    () => orderStatus(buyer.token, order.id),
    (status) => status === "PAID",
  );
  const finalized = await execute(gateway(), FinalizePaymentDocument, { paymentIntentId: intentId }, buyer.token);
  expect(finalized.data!.finalizePayment.status).toBe("PAID");
  expect(await payments(order.id)).toBe(1);
  expect(await paidEvents(order.id)).toBe(1);
});

it("events out of order (succeeded before processing) end PAID", async () => {
  const { buyer, order, intentId } = await pendingOrder("out-of-order-buyer");
  const processing = stripe.eventFor("payment_intent.processing", { ...stripe.process(intentId) });
  const succeeded = stripe.eventFor("payment_intent.succeeded", { ...stripe.succeed(intentId) });
  expect(await deliver(succeeded)).toBe(200);
  await eventually(
    () => orderStatus(buyer.token, order.id),
    (status) => status === "PAID",
  );
  expect(await deliver(processing)).toBe(200);
  await eventually(
    () =>
      sql<{ n: number }>(
        stack,
        `SELECT count(*)::int AS n FROM orders.webhook_events WHERE id = $1 AND processed_at IS NOT NULL`,
        [processing.id],
      ),
    (rows) => rows[0]!.n === 1,
  );
  expect(await orderStatus(buyer.token, order.id)).toBe("PAID");
  expect(await payments(order.id)).toBe(1);
});

it("a bad signature or a stale timestamp answers 400 and writes nothing", async () => {
  const { intentId } = await pendingOrder("forged-buyer");
  const count = async () =>
    (await sql<{ n: number }>(stack, `SELECT count(*)::int AS n FROM orders.webhook_events`))[0]!.n;
  const before = await count();
  const event = stripe.eventFor("payment_intent.succeeded", stripe.succeed(intentId));
  expect(await deliver(event, { secret: "whsec_someone_else" })).toBe(400);
  expect(await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).toBe(400);
  const unsigned = await fetch(webhookUrl(), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(event),
  });
  expect(unsigned.status).toBe(400);
  expect(await count()).toBe(before);
});

it("a declined payment tells the buyer once per event, and leaves the order awaiting payment", async () => {
  const { buyer, order, intentId } = await pendingOrder("declined-buyer");
  const event = stripe.eventFor("payment_intent.payment_failed", stripe.fail(intentId));
  await Promise.all([deliver(event), deliver(event), deliver(event)]);
  await eventually(
    () =>
      sql<{ n: number }>(
        stack,
        `SELECT count(*)::int AS n FROM orders.outbox WHERE aggregate_id = $1 AND type = 'payment.failed'`,
        [order.id],
      ),
    (rows) => rows[0]!.n === 1,
  );
  expect(await orderStatus(buyer.token, order.id)).toBe("PAYMENT_PENDING");
});

it("acknowledges event types it does not use", async () => {
  expect(await deliver(stripe.eventFor("customer.created", { id: "cus_123", object: "customer" }))).toBe(200);
});

it("finalizePayment of someone else's payment is NOT_FOUND", async () => {
  const { intentId } = await pendingOrder("owner-of-payment");
  const stranger = await registerVerifiedUser(stack, "payment-stranger");
  const answer = await execute(gateway(), FinalizePaymentDocument, { paymentIntentId: intentId }, stranger.token);
  expect(onlyError(answer).extensions).toMatchObject({ code: "NOT_FOUND", field: "paymentIntentId" });
});
