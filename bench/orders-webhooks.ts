// Part of BENCH_ONLY=orders: how fast orders turns Stripe's payment_intent.succeeded webhooks into
// PAID orders. A stack of its own (own database, so no other orders instance shares the webhook
// queue) pays through the Stripe stand-in; N orders are placed, their PaymentIntents succeed at the
// stand-in, and their events (10 % delivered twice) are posted to the gateway's /webhooks/stripe by a
// few concurrent senders. The HTTP acceptance rate and the processing rate (until every order is
// PAID, polled in SQL) are printed apart: the endpoint only stores, the queue does the work.
import { StripePaymentProvider } from "@pawgraph/orders";
import {
  AddToCartDocument,
  PlaceOrderDocument,
  SetShippingAddressDocument,
  StartCheckoutDocument,
} from "../clients/__generated__/graphql";
import { sql } from "../e2e/catalog-fixtures";
import { execute, registerVerifiedUser, startStack, type Stack } from "../e2e/harness";
import { flatShipping, shopWithStock, US_ADDRESS } from "../e2e/orders-fixtures";
import { StripeStandIn } from "../subgraphs/orders/test/stripe-stand-in";

const ORDERS = Number(process.env.BENCH_WEBHOOK_ORDERS ?? 200);
const BUYERS = 20;
// Placing the orders is setup, not the figure: on a slow or shared machine it stops here and the
// webhooks are measured on the orders placed so far.
const SETUP_LIMIT_MS = 40_000;
const SENDERS = 4;
const DUPLICATE_SHARE = 0.1;
const WEBHOOK_SECRET = "whsec_bench_pawgraph";
// The wait for the queue to finish is bounded: a stuck queue fails the section instead of hanging it.
const PROCESSING_TIMEOUT_MS = 60_000;

const at = (sorted: number[], p: number): number =>
  Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(1));

/**
 * Up to `count` orders awaiting their Stripe payment, placed by `BUYERS` buyers at once: order id
 * and PaymentIntent id. On a loaded machine a call may time out at the gateway and still finish in
 * orders, so a round that fails is simply followed by the next, and the orders are read back from
 * the stand-in's PaymentIntents (this stack's database holds no other orders).
 */
export async function pendingOrders(stack: Stack, stripe: StripeStandIn, count: number) {
  const gateway = stack.gateway.url;
  const shop = await shopWithStock(stack, [{ priceMinor: 2500, stock: 10 * count }], { label: "bench-webhooks" });
  await flatShipping(stack, shop.vendor, 500);
  const started = performance.now();
  const until = started + SETUP_LIMIT_MS;
  // Each round claims its order before it starts, so no more than `count` are placed.
  let claimed = 0;
  let failedRounds = 0;
  await Promise.all(
    Array.from({ length: BUYERS }, async (_, b) => {
      const { token } = await registerVerifiedUser(stack, `bench-payer-${b}`);
      while (claimed < count && performance.now() < until) {
        claimed++;
        await execute(gateway, AddToCartDocument, { input: { variantId: shop.variantIds[0]!, quantity: 1 } }, token);
        await execute(gateway, SetShippingAddressDocument, { input: US_ADDRESS }, token);
        const checkout = await execute(gateway, StartCheckoutDocument, {}, token);
        const result =
          checkout.data?.startCheckout.__typename === "CheckoutStarted"
            ? (await execute(gateway, PlaceOrderDocument, {}, token)).data?.placeOrder
            : undefined;
        if (result?.__typename !== "OrderPlaced") {
          claimed--;
          failedRounds++;
        }
        if (failedRounds > count) throw new Error(`placing orders: ${failedRounds} rounds failed`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // Orders whose answer was lost to a gateway timeout have finished by the time the last one is read.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const orders = [...stripe.paymentIntents.values()]
    .filter((intent) => intent.metadata.orderId && intent.status === "requires_payment_method")
    .map((intent) => ({ orderId: intent.metadata.orderId!, intentId: intent.id }));
  if (orders.length === 0) throw new Error("no order was placed within the setup limit");
  console.log(
    `\nsetup: ${orders.length} orders awaiting payment placed by ${BUYERS} buyers in ${seconds.toFixed(1)} s (${failedRounds} rounds failed and were repeated)`,
  );
  return orders;
}

/** Fisher–Yates: duplicates land anywhere in the stream, as Stripe's retries do. */
function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export async function ordersWebhooksBench(): Promise<void> {
  const stripe = new StripeStandIn();
  await stripe.start();
  const stack = await startStack({
    ownDatabase: true,
    orders: {
      payments: () => new StripePaymentProvider(stripe.settings(WEBHOOK_SECRET)),
      // Production's poll is 5 s; every delivery wakes the queue anyway, so this only shortens retries.
      webhooks: { pollMs: 200, maxBackoffMs: 1_000 },
    },
  });
  try {
    const orders = await pendingOrders(stack, stripe, ORDERS);
    const events = orders.map(({ intentId }) => stripe.eventFor("payment_intent.succeeded", stripe.succeed(intentId)));
    const duplicates = shuffled(events).slice(0, Math.round(events.length * DUPLICATE_SHARE));
    const deliveries = shuffled([...events, ...duplicates]);
    const webhookUrl = new URL("/webhooks/stripe", stack.gateway.url).toString();
    const orderIds = orders.map((o) => o.orderId);
    const paidCount = async () =>
      (
        await sql<{ n: number }>(
          stack,
          `SELECT count(*)::int AS n FROM orders.orders WHERE id = ANY($1::uuid[]) AND status = 'PAID'`,
          [orderIds],
        )
      )[0]!.n;

    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const sender = async () => {
      for (let i = next++; i < deliveries.length; i = next++) {
        // Signed when sent, as Stripe does per attempt: the timestamp is checked against the clock.
        const payload = JSON.stringify(deliveries[i]);
        const sent = performance.now();
        const response = await fetch(webhookUrl, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "stripe-signature": stripe.signedHeader(payload, WEBHOOK_SECRET),
          },
          body: payload,
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - sent);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    const started = performance.now();
    const sending = Promise.all(Array.from({ length: SENDERS }, sender)).then(() => performance.now());
    let paid = 0;
    let paidAt = 0;
    while (performance.now() - started < PROCESSING_TIMEOUT_MS) {
      paid = await paidCount();
      if (paid === orders.length) {
        paidAt = performance.now();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const sentAt = await sending;
    if (!paidAt) throw new Error(`only ${paid} of ${orders.length} orders PAID after ${PROCESSING_TIMEOUT_MS} ms`);

    const acceptSeconds = (sentAt - started) / 1000;
    const paidSeconds = (paidAt - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `\nStripe webhooks through the gateway (Stripe stand-in, own database): ${orders.length} orders, ${deliveries.length} deliveries (${duplicates.length} duplicates), ${SENDERS} concurrent senders`,
    );
    console.table([
      {
        "accepted /s": Math.round(deliveries.length / acceptSeconds),
        "accept p50 ms": at(latencies, 50),
        "accept p95 ms": at(latencies, 95),
        "all accepted s": Number(acceptSeconds.toFixed(2)),
        "processed events/s": Math.round(orders.length / paidSeconds),
        "all PAID s": Number(paidSeconds.toFixed(2)),
        "HTTP statuses": [...statuses].map(([status, n]) => `${status}×${n}`).join(" "),
      },
    ]);
    await verifyPayments(stack, orderIds, events.length);
  } finally {
    await stack.stop();
    await stripe.stop();
  }
}

/** Exactly one payment and one order.paid per order, and each event stored and processed once. */
async function verifyPayments(stack: Stack, orderIds: string[], eventCount: number): Promise<void> {
  const [payments] = await sql<{ exactlyOne: number; total: number }>(
    stack,
    `SELECT count(*) FILTER (WHERE n = 1)::int AS "exactlyOne", coalesce(sum(n), 0)::int AS total FROM (
       SELECT o.id, count(p.id) AS n FROM orders.orders o LEFT JOIN orders.payments p ON p.order_id = o.id
        WHERE o.id = ANY($1::uuid[]) GROUP BY o.id) per_order`,
    [orderIds],
  );
  const [paidEvents] = await sql<{ n: number }>(
    stack,
    `SELECT count(*)::int AS n FROM orders.outbox WHERE type = 'order.paid' AND aggregate_id = ANY($1::text[])`,
    [orderIds],
  );
  const [stored] = await sql<{ n: number; processed: number }>(
    stack,
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE processed_at IS NOT NULL)::int AS processed
       FROM orders.webhook_events WHERE type = 'payment_intent.succeeded'`,
  );
  const ok =
    payments!.exactlyOne === orderIds.length &&
    payments!.total === orderIds.length &&
    paidEvents!.n === orderIds.length &&
    stored!.n === eventCount &&
    stored!.processed === eventCount;
  console.log(
    `after the run: ${payments!.exactlyOne}/${orderIds.length} orders with exactly one payment (${payments!.total} payment rows), ${paidEvents!.n} order.paid events, ${stored!.n} events stored (${stored!.processed} processed) for ${eventCount} distinct event ids: ${ok ? "exactly once" : "BROKEN"}`,
  );
  if (!ok) throw new Error("webhook bench: payments are not exactly once per order");
}
