// BENCH_ONLY=care-plans: the care plan scheduler's throughput. A stack of its own (offline provider:
// runs are accepted at once) holds BENCH_CARE_PLANS plans (10,000 by default) all due at the same
// minute, seeded in SQL (creating each through the gateway would place 10,000 first orders, which is
// checkout's benchmark, not this one). Two scheduler ticks run at once, as two instances would, under
// the test clock: claims per second (one run per plan and period, by key) and plans per second placed
// and paid through checkout's own pricing and stock path; then SQL checks one order per plan.
import { carePlanSettingsFromEnv, type CarePlanScheduler } from "@pawgraph/orders";
import { sql } from "../e2e/catalog-fixtures";
import { startStack } from "../e2e/harness";
import { flatShipping, shopWithStock, US_ADDRESS } from "../e2e/orders-fixtures";

const PLANS = Math.max(1, Number(process.env.BENCH_CARE_PLANS ?? 10_000) || 10_000);
const CONCURRENCY = Math.max(1, Number(process.env.BENCH_CARE_PLAN_CONCURRENCY ?? 8) || 8);
const DAY_MS = 86_400_000;
// Plans spread over this many products, as a shop's plans are: one hot variant would measure catalog's
// row lock on its stock, not the scheduler.
const VARIANTS = 20;

export async function carePlansBench(): Promise<void> {
  let now = new Date();
  const schedulers: CarePlanScheduler[] = [];
  const stack = await startStack({
    ownDatabase: true,
    orders: {
      carePlans: {
        ...carePlanSettingsFromEnv(),
        schedulerEnabled: false,
        concurrency: CONCURRENCY,
        clock: () => now,
        expose: (scheduler) => schedulers.push(scheduler),
      },
    },
  });
  try {
    const shop = await shopWithStock(
      stack,
      Array.from({ length: VARIANTS }, (_, i) => ({ priceMinor: 2500 + i, stock: PLANS })),
      { label: "bench-plans" },
    );
    const methodId = await flatShipping(stack, shop.vendor, 500);
    const today = now.toISOString().slice(0, 10);
    const due = new Date(now.getTime() + 30 * DAY_MS).toISOString().slice(0, 10);
    const seeded = performance.now();
    await sql(
      stack,
      `WITH plans AS (
         INSERT INTO orders.care_plans (id, owner_id, pet_id, kind, status, currency, interval_unit, interval_count,
           anchor_on, next_run_index, next_run_on, shipping_address, shipping_choices, pay_on_delivery)
         SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'PRODUCTS', 'ACTIVE', 'USD', 'MONTH', 1,
                $1::date - 30, 1, $1::date, $2::jsonb, jsonb_build_object($3::text, $4::text), true
           FROM generate_series(1, $5) RETURNING id)
       INSERT INTO orders.care_plan_lines (plan_id, variant_id, quantity, position)
       SELECT id, ($6::uuid[])[1 + (row_number() OVER ()) % cardinality($6::uuid[])], 1, 1 FROM plans`,
      [
        due,
        JSON.stringify({ ...US_ADDRESS, line2: null, phone: null }),
        shop.vendor.vendorId,
        methodId,
        PLANS,
        shop.variantIds,
      ],
    );
    console.log(
      `\ncare plans: ${PLANS} plans due on ${due} (seeded in ${Math.round(performance.now() - seeded)} ms; today ${today})`,
    );
    now = new Date(`${due}T00:01:00Z`);
    const scheduler = schedulers[0]!;
    const started = performance.now();
    // Two instances at the same minute: the second finds the plans claimed or leased by the first.
    const reports = await Promise.all([scheduler.tick(), scheduler.tick()]);
    const wallMs = performance.now() - started;
    const claimed = reports.reduce((sum, r) => sum + r.claimed, 0);
    const claimMs = Math.max(...reports.map((r) => r.claimMs));
    const [check] = await sql<{ runs: number; paid: number; orders: number; keys: number }>(
      stack,
      `SELECT count(*)::int AS runs, count(*) FILTER (WHERE r.status = 'PAID')::int AS paid,
              count(DISTINCT r.order_id)::int AS orders, count(DISTINCT r.run_key)::int AS keys
         FROM orders.care_plan_runs r WHERE r.period_start = $1`,
      [due],
    );
    console.table([
      {
        plans: PLANS,
        "runs claimed": claimed,
        "claims/s": Math.round(claimed / (claimMs / 1000)),
        "plans placed + paid": check!.paid,
        "wall s": Number((wallMs / 1000).toFixed(1)),
        "plans/s": Number((check!.paid / (wallMs / 1000)).toFixed(1)),
        "runs per plan": Number((check!.runs / PLANS).toFixed(2)),
        "distinct orders": check!.orders,
      },
    ]);
    if (check!.runs !== PLANS || check!.keys !== PLANS) throw new Error("care plans: not one run per plan and period");
  } finally {
    await stack.stop();
  }
}
