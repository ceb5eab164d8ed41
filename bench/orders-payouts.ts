// Part of BENCH_ONLY=orders (or orders-payouts alone): how fast the payout queue sends vendors'
// transfers to Stripe (the stand-in). A stack of its own pays through the stand-in; N orders are
// placed (setup), their charges succeed at the stand-in, and one PENDING transfer per vendor order is
// queued in one statement, as fulfilment would queue them one by one. The figure is the queue alone:
// from the queueing to every transfer SUCCEEDED, each a PaymentIntent read and a transfer create,
// under its row lock. Checked afterwards: one Stripe transfer per order, of the queued amount.
import { StripePaymentProvider } from "@pawgraph/orders";
import { sql } from "../e2e/catalog-fixtures";
import { startStack } from "../e2e/harness";
import { StripeStandIn } from "../subgraphs/orders/test/stripe-stand-in";
import { pendingOrders } from "./orders-webhooks";

const ORDERS = Number(process.env.BENCH_PAYOUT_ORDERS ?? 200);
const TIMEOUT_MS = 60_000;

export async function ordersPayoutsBench(): Promise<void> {
  const stripe = new StripeStandIn();
  await stripe.start();
  const stack = await startStack({
    ownDatabase: true,
    orders: {
      payments: () => new StripePaymentProvider(stripe.settings("whsec_bench_payouts")),
      payouts: {
        stripeConnect: true,
        returnUrl: "https://bench.invalid/done",
        refreshUrl: "https://bench.invalid/refresh",
        pollMs: 100,
        maxBackoffMs: 1_000,
        maxAttempts: 5,
      },
    },
  });
  try {
    const orders = await pendingOrders(stack, stripe, ORDERS);
    for (const { intentId } of orders) stripe.succeed(intentId);
    const created = stripe.connect.route("POST", ["v1", "accounts"], { type: "express" })!;
    const account = stripe.connect.updateAccount(String(created.body.id), { payoutsEnabled: true });
    const orderIds = orders.map((o) => o.orderId);
    const started = performance.now();
    await sql(
      stack,
      `INSERT INTO orders.payout_transfers (kind, order_id, vendor_order_id, vendor_id, amount_minor, currency,
              destination, idempotency_key, status)
       SELECT 'TRANSFER', vo.order_id, vo.id, vo.vendor_id, vo.total_minor - vo.commission_minor, vo.currency, $2,
              'transfer:' || vo.order_id || ':' || vo.vendor_id, 'PENDING'
         FROM orders.vendor_orders vo WHERE vo.order_id = ANY($1::uuid[])`,
      [orderIds, account.id],
    );
    const done = async () =>
      (
        await sql<{ n: number }>(
          stack,
          `SELECT count(*)::int AS n FROM orders.payout_transfers WHERE order_id = ANY($1::uuid[]) AND status = 'SUCCEEDED'`,
          [orderIds],
        )
      )[0]!.n;
    let succeeded = 0;
    while (performance.now() - started < TIMEOUT_MS) {
      succeeded = await done();
      if (succeeded === orders.length) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    if (succeeded !== orders.length)
      throw new Error(`only ${succeeded} of ${orders.length} transfers SUCCEEDED after ${TIMEOUT_MS} ms`);
    console.log(
      `\nPayout transfers (Stripe stand-in, own database, 2 queue workers): ${orders.length} vendor orders queued at once`,
    );
    console.table([
      {
        "transfers/s": Math.round(orders.length / seconds),
        "all SUCCEEDED s": Number(seconds.toFixed(2)),
        "Stripe requests": stripe.requests.filter((r) => r.path === "/v1/transfers").length,
      },
    ]);
    const perOrder = new Map<string, number>();
    for (const transfer of stripe.connect.transfers.values())
      perOrder.set(String(transfer.transfer_group), (perOrder.get(String(transfer.transfer_group)) ?? 0) + 1);
    const once = orderIds.every((id) => perOrder.get(id) === 1);
    console.log(once ? "one Stripe transfer per order" : "BROKEN: an order has no transfer or more than one");
    if (!once) throw new Error("payout bench: an order has no transfer or more than one");
  } finally {
    await stack.stop();
    await stripe.stop();
  }
}
