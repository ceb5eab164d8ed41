// BENCH_ONLY=orders: checkout through the gateway. (1) 50 signed-in buyers loop addToCart →
// setShippingAddress → startCheckout → placeOrder on 5 hot variants for BENCH_DURATION seconds with
// the offline provider (paid at once, stock allocated): orders/s, latency per step, refusals by
// typename, then the stock ledger and orders checked against each other in SQL. (2) The Stripe
// webhook's processing rate on a stack of its own (bench/orders-webhooks.ts).
import {
  AddToCartDocument,
  PlaceOrderDocument,
  SetShippingAddressDocument,
  StartCheckoutDocument,
} from "../clients/__generated__/graphql";
import { sql } from "../e2e/catalog-fixtures";
import { execute, registerVerifiedUser, type GraphQLResponse, type Stack } from "../e2e/harness";
import { flatShipping, shopWithStock, US_ADDRESS } from "../e2e/orders-fixtures";
import { ordersPayoutsBench } from "./orders-payouts";
import { ordersWebhooksBench } from "./orders-webhooks";

const BUYERS = Number(process.env.BENCH_ORDERS_BUYERS ?? 50);
const HOT_VARIANTS = 5;
// Enough that no buyer ever meets a shortfall at any rate this loopback stack reaches: the figure
// measured is checkout, not refusal handling.
const UNITS_PER_VARIANT = 50_000;
// Bounded whatever the environment says: the section must end by itself well within ~90 s.
const DURATION_MS = Math.min(30, Math.max(1, Number(process.env.BENCH_DURATION ?? 8) || 8)) * 1000;

const STEPS = ["addToCart", "setShippingAddress", "startCheckout", "placeOrder"] as const;
type Step = (typeof STEPS)[number];

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const ms = (value: number): number => Number(value.toFixed(1));

/**
 * Times one gateway call; GraphQL errors (not union members) are counted under their code. Past the
 * deadline no call starts, so the load ends within one call of it.
 */
async function timed<T>(
  deadline: number,
  latencies: number[],
  errors: Map<string, number>,
  call: () => Promise<GraphQLResponse<T>>,
): Promise<T | null> {
  if (Date.now() >= deadline) return null;
  const started = performance.now();
  const response = await call();
  latencies.push(performance.now() - started);
  if (response.errors || !response.data) {
    const code = String(response.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`);
    errors.set(code, (errors.get(code) ?? 0) + 1);
    return null;
  }
  return response.data;
}

/** One untimed addToCart → setShippingAddress → startCheckout → placeOrder: whether it placed an order. */
async function round(stack: Stack, variantId: string, token: string): Promise<boolean> {
  const gateway = stack.gateway.url;
  await execute(gateway, AddToCartDocument, { input: { variantId, quantity: 1 } }, token);
  await execute(gateway, SetShippingAddressDocument, { input: US_ADDRESS }, token);
  await execute(gateway, StartCheckoutDocument, {}, token);
  const placed = await execute(gateway, PlaceOrderDocument, {}, token);
  return placed.data?.placeOrder.__typename === "OrderPlaced";
}

async function checkoutThroughput(stack: Stack): Promise<void> {
  const gateway = stack.gateway.url;
  const setupStarted = performance.now();
  const shop = await shopWithStock(
    stack,
    Array.from({ length: HOT_VARIANTS }, (_, i) => ({ priceMinor: 1500 + 100 * i, stock: UNITS_PER_VARIANT })),
    { label: "bench-orders" },
  );
  await flatShipping(stack, shop.vendor, 500);
  const buyers: { token: string }[] = [];
  for (let i = 0; i < BUYERS; i += 10)
    buyers.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(10, BUYERS - i) }, (_, j) => registerVerifiedUser(stack, `bench-buyer-${i + j}`)),
      )),
    );
  // One untimed round per buyer first (JIT, pools, plans, each buyer's first cart), then one more
  // by a single buyer alone to count the SQL statements a whole round costs in each subgraph.
  let warmUpOrders = 0;
  for (let i = 0; i < BUYERS; i += 10) {
    const rounds = buyers.slice(i, i + 10).map(({ token }) => round(stack, shop.variantIds[0]!, token));
    warmUpOrders += (await Promise.all(rounds)).filter(Boolean).length;
  }
  for (const subgraph of [stack.orders, stack.catalog]) subgraph.sql.take();
  const alone = performance.now();
  if (await round(stack, shop.variantIds[0]!, buyers[0]!.token)) warmUpOrders++;
  const roundAloneMs = performance.now() - alone;
  const sqlPerRound = { orders: stack.orders.sql.take(), catalog: stack.catalog.sql.take() };
  const setupSeconds = (performance.now() - setupStarted) / 1000;

  const latencies = Object.fromEntries(STEPS.map((step) => [step, [] as number[]])) as Record<Step, number[]>;
  const refusals = new Map<string, number>();
  const errors = new Map<string, number>();
  const refuse = (typename: string) => refusals.set(typename, (refusals.get(typename) ?? 0) + 1);
  let placed = 0;
  let notPaid = 0;
  const deadline = Date.now() + DURATION_MS;
  const step = <T>(name: Step, call: () => Promise<GraphQLResponse<T>>) =>
    timed(deadline, latencies[name], errors, call);
  // A placed order turns the cart into an order, so each round starts a new cart and gives it the
  // buyer's address again, as a returning buyer's client would.
  const buyer = async ({ token }: { token: string }) => {
    while (Date.now() < deadline) {
      const variantId = shop.variantIds[Math.floor(Math.random() * HOT_VARIANTS)]!;
      const quantity = 1 + Math.floor(Math.random() * 2);
      const added = await step("addToCart", () =>
        execute(gateway, AddToCartDocument, { input: { variantId, quantity } }, token),
      );
      if (!added) continue;
      const addressed = await step("setShippingAddress", () =>
        execute(gateway, SetShippingAddressDocument, { input: US_ADDRESS }, token),
      );
      if (!addressed) continue;
      const started = await step("startCheckout", () => execute(gateway, StartCheckoutDocument, {}, token));
      if (!started) continue;
      if (started.startCheckout.__typename !== "CheckoutStarted") {
        refuse(started.startCheckout.__typename);
        continue;
      }
      const order = await step("placeOrder", () => execute(gateway, PlaceOrderDocument, {}, token));
      if (!order) continue;
      if (order.placeOrder.__typename !== "OrderPlaced") {
        refuse(order.placeOrder.__typename);
        continue;
      }
      placed++;
      if (order.placeOrder.order.status !== "PAID") notPaid++;
    }
  };
  const started = performance.now();
  await Promise.all(buyers.map(buyer));
  const seconds = (performance.now() - started) / 1000;

  console.log(
    `\nCheckout through the gateway: ${BUYERS} buyers on ${HOT_VARIANTS} hot variants of one vendor (${UNITS_PER_VARIANT} units each), offline provider; setup (shop, ${BUYERS} verified buyers, a warm-up round each) ${setupSeconds.toFixed(1)} s; load ${DURATION_MS / 1000} s, ended ${seconds.toFixed(1)} s after it started (calls in flight finish)`,
  );
  console.log(
    `${placed} orders placed = ${(placed / seconds).toFixed(1)} orders/s (${(((placed / seconds) * 60) / BUYERS).toFixed(1)} per buyer per minute); ${notPaid} placed but not PAID`,
  );
  console.table(
    STEPS.map((step) => {
      const sorted = [...latencies[step]].sort((a, b) => a - b);
      return {
        step,
        calls: sorted.length,
        "p50 ms": ms(percentile(sorted, 50)),
        "p95 ms": ms(percentile(sorted, 95)),
        "p99 ms": ms(percentile(sorted, 99)),
      };
    }),
  );
  const listed = (counts: Map<string, number>) =>
    counts.size ? [...counts].map(([name, n]) => `${name} ${n}`).join(", ") : "none";
  console.log(`refusals by typename: ${listed(refusals)}; GraphQL errors by code: ${listed(errors)}`);
  console.log(
    `one buyer alone: a round takes ${roundAloneMs.toFixed(0)} ms and ${sqlPerRound.orders} SQL statements in orders, ${sqlPerRound.catalog} in catalog`,
  );
  await verifyLedger(stack, shop.variantIds, placed + warmUpOrders);
}

interface LedgerFigures {
  minFree: number;
  historyMinFree: number;
  allocated: number;
  allocations: number;
  orders: number;
  paid: number;
  units: number;
}

async function ledgerFigures(stack: Stack, variantIds: string[]): Promise<LedgerFigures> {
  const [row] = await sql<LedgerFigures>(
    stack,
    `SELECT
       (SELECT min(on_hand - allocated) FROM catalog.stock_levels WHERE variant_id = ANY($1::uuid[]))::int AS "minFree",
       (SELECT coalesce(min(free), 0) FROM (
          SELECT sum(on_hand_delta - allocated_delta) OVER (PARTITION BY variant_id, location_id ORDER BY id) AS free
            FROM catalog.stock_movements WHERE variant_id = ANY($1::uuid[])) running)::int AS "historyMinFree",
       (SELECT coalesce(sum(allocated), 0) FROM catalog.stock_levels WHERE variant_id = ANY($1::uuid[]))::int AS allocated,
       (SELECT count(DISTINCT reference) FROM catalog.stock_movements
         WHERE kind = 'ALLOCATE' AND variant_id = ANY($1::uuid[]))::int AS allocations,
       (SELECT count(DISTINCT order_id) FROM orders.order_lines WHERE variant_id = ANY($1::uuid[]))::int AS orders,
       (SELECT count(*) FROM orders.orders WHERE status = 'PAID'
         AND id IN (SELECT order_id FROM orders.order_lines WHERE variant_id = ANY($1::uuid[])))::int AS paid,
       (SELECT coalesce(sum(quantity), 0) FROM orders.order_lines WHERE variant_id = ANY($1::uuid[]))::int AS units`,
    [variantIds],
  );
  return row!;
}

/**
 * The stock ledger and the orders agree: no level's on hand − allocated below zero now or at any
 * point of its movement history (running sums in id order), one ALLOCATE reference per order, and
 * the units allocated equal the units ordered. Calls the gateway gave up on (SUBGRAPH_TIMEOUT) may
 * still be finishing in orders, so the figures are read until they settle (at most 10 s).
 */
async function verifyLedger(stack: Stack, variantIds: string[], placed: number): Promise<void> {
  const settled = (f: LedgerFigures) => f.paid === f.orders && f.allocations === f.orders;
  let figures = await ledgerFigures(stack, variantIds);
  for (const until = Date.now() + 10_000; !settled(figures) && Date.now() < until;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    figures = await ledgerFigures(stack, variantIds);
  }
  const checks = {
    "on hand − allocated ≥ 0 now": figures.minFree >= 0,
    "… and throughout the movement history": figures.historyMinFree >= 0,
    "orders = allocations": figures.orders === figures.allocations,
    "every order PAID": figures.paid === figures.orders,
    "units allocated = units ordered": figures.allocated === figures.units,
    "no order the buyers saw placed is missing": figures.orders >= placed,
  };
  console.log(
    `after the run: ${figures.orders} orders (${figures.paid} PAID; ${figures.orders - placed} of them placed after the gateway timed out), ${figures.allocations} allocations, ${figures.units} units ordered, ${figures.allocated} allocated; least on hand − allocated ${figures.minFree} (in the movement history ${figures.historyMinFree})`,
  );
  const broken = Object.entries(checks).filter(([, ok]) => !ok);
  console.log(broken.length ? `BROKEN: ${broken.map(([name]) => name).join("; ")}` : "ledger and orders agree");
  if (broken.length) throw new Error(`orders bench invariants broken: ${broken.map(([name]) => name).join("; ")}`);
}

/** BENCH_ONLY=orders runs every part; orders-checkout, orders-webhooks or orders-payouts runs one. */
export async function ordersBench(stack: Stack, only?: string): Promise<void> {
  const all = !only || only === "orders";
  if (all || only === "orders-checkout") await checkoutThroughput(stack);
  if (all || only === "orders-webhooks") await ordersWebhooksBench();
  if (all || only === "orders-payouts") await ordersPayoutsBench();
}
