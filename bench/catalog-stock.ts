// BENCH_ONLY=catalog-stock: reservation throughput under contention. 100 carts check out again and
// again for a fixed time on 10 hot variants, through catalog's internal reserveStock (HTTP, with the
// gateway secret, as orders calls it). Prints reservations/s, latency, refusals, and checks afterwards
// that no level went negative and the movement ledger still sums to the levels and reservations.
import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { post, type Stack } from "../e2e/harness";

const CARTS = 100;
const HOT_VARIANTS = 10;
const UNITS_PER_VARIANT = 30;
const DURATION_MS = 10_000;

const RESERVE = `mutation($input: ReserveStockInput!) {
  reserveStock(input: $input) { __typename ... on StockShortfallError { available } }
}`;

/** A vendor with one location and `HOT_VARIANTS` variants of `UNITS_PER_VARIANT` units each, by SQL. */
async function seed(db: Client): Promise<string[]> {
  const suffix = randomUUID().slice(0, 8);
  const vendor = await db.query(
    `INSERT INTO catalog.vendors (name, slug, contact_email, address_line, city, country, currency, status, applied_by)
     VALUES ($1, $2, 'bench@example.com', '1 Bench Road', 'Berlin', 'DE', 'EUR', 'APPROVED', $3) RETURNING id`,
    [`Bench shop ${suffix}`, `bench-${suffix}`, randomUUID()],
  );
  const vendorId: string = vendor.rows[0].id;
  const category = await db.query(
    `INSERT INTO catalog.categories (slug, name, path) VALUES ($1, 'Bench', $1) RETURNING id`,
    [`bench-${suffix}`],
  );
  const product = await db.query(
    `INSERT INTO catalog.products (vendor_id, title, slug, category_id, status, created_by)
     VALUES ($1, 'Chicken kibble', $2, $3, 'ACTIVE', $4) RETURNING id`,
    [vendorId, `kibble-${suffix}`, category.rows[0].id, randomUUID()],
  );
  const location = await db.query(
    `INSERT INTO catalog.stock_locations (vendor_id, name, country) VALUES ($1, 'Bench warehouse', 'DE') RETURNING id`,
    [vendorId],
  );
  const variants: string[] = [];
  for (let i = 0; i < HOT_VARIANTS; i++) {
    const variant = await db.query(
      `INSERT INTO catalog.variants (product_id, vendor_id, sku, price_minor, currency) VALUES ($1, $2, $3, 999, 'EUR') RETURNING id`,
      [product.rows[0].id, vendorId, `BENCH-${suffix}-${i}`],
    );
    const variantId: string = variant.rows[0].id;
    await db.query(`INSERT INTO catalog.stock_levels (variant_id, location_id, on_hand) VALUES ($1, $2, $3)`, [
      variantId,
      location.rows[0].id,
      UNITS_PER_VARIANT,
    ]);
    await db.query(
      `INSERT INTO catalog.stock_movements (variant_id, location_id, kind, on_hand_delta, reference) VALUES ($1, $2, 'ADJUSTMENT', $3, 'bench')`,
      [variantId, location.rows[0].id, UNITS_PER_VARIANT],
    );
    variants.push(variantId);
  }
  return variants;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function catalogStockBench(stack: Stack): Promise<void> {
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const variants = await seed(db);
    const headers = { "x-gateway-secret": stack.gatewaySecret.secret };
    const latencies: number[] = [];
    const counts = { reserved: 0, refused: 0, errors: 0 };
    const deadline = Date.now() + DURATION_MS;
    // Each cart re-reserves (a new cart version) as fast as it is answered: 1-3 lines of 1-3 units
    // on random hot variants, in random order, so carts cross each other's locks all the time.
    const cart = async () => {
      const cartId = randomUUID();
      for (let version = 1; Date.now() < deadline; version++) {
        const picked = [...variants].sort(() => Math.random() - 0.5).slice(0, 1 + Math.floor(Math.random() * 3));
        const lines = picked.map((variantId, i) => ({
          lineId: `l${i}`,
          variantId,
          quantity: 1 + Math.floor(Math.random() * 3),
        }));
        const started = performance.now();
        const response = await post<{ reserveStock: { __typename: string } | null }>(
          stack.catalog.url,
          { query: RESERVE, variables: { input: { cartId, idempotencyKey: `${cartId}:${version}`, lines } } },
          undefined,
          headers,
        );
        latencies.push(performance.now() - started);
        const typename = response.data?.reserveStock?.__typename;
        if (typename === "StockReserved") counts.reserved++;
        else if (typename === "StockShortfallError") counts.refused++;
        else counts.errors++;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CARTS }, cart));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `\nStock reservations under contention: ${CARTS} carts on ${HOT_VARIANTS} hot variants (${UNITS_PER_VARIANT} units each), ${DURATION_MS / 1000} s, catalog's internal reserveStock over HTTP`,
    );
    console.table([
      {
        "calls/s": Math.round((counts.reserved + counts.refused) / seconds),
        "reservations/s": Math.round(counts.reserved / seconds),
        "p50 ms": Number(percentile(latencies, 50).toFixed(1)),
        "p95 ms": Number(percentile(latencies, 95).toFixed(1)),
        reserved: counts.reserved,
        refused: counts.refused,
        errors: counts.errors,
      },
    ]);
    const { rows } = await db.query(
      `SELECT l.on_hand >= 0 AND l.allocated >= 0 AS nonnegative,
         l.on_hand = COALESCE((SELECT SUM(on_hand_delta) FROM catalog.stock_movements m WHERE m.variant_id = l.variant_id AND m.location_id = l.location_id), 0)
         AND l.allocated = COALESCE((SELECT SUM(allocated_delta) FROM catalog.stock_movements m WHERE m.variant_id = l.variant_id AND m.location_id = l.location_id), 0)
         AND COALESCE((SELECT SUM(quantity) FROM catalog.stock_reservations r WHERE r.variant_id = l.variant_id AND r.location_id = l.location_id), 0)
           = COALESCE((SELECT SUM(reserved_delta) FROM catalog.stock_movements m WHERE m.variant_id = l.variant_id AND m.location_id = l.location_id), 0) AS balanced,
         COALESCE((SELECT SUM(quantity) FROM catalog.stock_reservations r WHERE r.variant_id = l.variant_id AND r.location_id = l.location_id AND r.expires_at > now()), 0)
           <= l.on_hand - l.allocated AS not_oversold
       FROM catalog.stock_levels l WHERE l.variant_id = ANY($1::uuid[])`,
      [variants],
    );
    const ok = rows.every((r) => r.nonnegative && r.balanced && r.not_oversold);
    console.log(
      `ledger invariant after the run (${rows.length} levels): ${ok ? "holds" : "BROKEN"} — no level negative, movements sum to on hand, allocated and reservations, reservations never exceed on hand − allocated`,
    );
    if (!ok) throw new Error(`stock ledger invariant broken: ${JSON.stringify(rows)}`);
  } finally {
    await db.end();
  }
}
