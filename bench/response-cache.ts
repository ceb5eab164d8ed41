// `BENCH_ONLY=response-cache npm run bench`: anonymous shop searches through a gateway without the
// response cache and through one with it (docs/decisions/0054), on the same subgraphs, rounds
// interleaved; then the cached gateway while a vendor changes a product every `WRITE_EVERY_MS`, which
// moves catalog's public data version and starts the cache over each time.
import { Client } from "pg";
import { request } from "undici";
import { startTestGateway, subgraphUrls, type Stack } from "../e2e/harness";
import { parsePrometheusText, valueOf } from "../e2e/prometheus-text";
import { load, MIXES } from "./catalog-search";
import { seedCatalog } from "./catalog-seed";

const PRODUCTS = Number(process.env.BENCH_CACHE_PRODUCTS ?? 5_000);
const WRITE_EVERY_MS = Number(process.env.BENCH_CACHE_WRITE_EVERY_MS ?? 1_000);

/** The gateway's response cache outcomes so far (both gateways run in this process: one registry). */
async function outcomes(port: number) {
  const metrics = parsePrometheusText(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
  const of = (outcome: string) => valueOf(metrics, "gateway_response_cache_requests_total", { outcome });
  return { hit: of("hit"), miss: of("miss") };
}

export async function responseCacheBench(stack: Stack): Promise<void> {
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const cached = await startTestGateway(
    subgraphUrls(stack),
    new URL("/.well-known/jwks.json", stack.identity.url).toString(),
    { gatewaySecret: stack.gatewaySecret.secret, responseCache: { enabled: true } },
  );
  try {
    const seeded = await seedCatalog(db, PRODUCTS, 29);
    console.log(`\nresponse cache: seeded ${seeded.products} more products in ${seeded.seconds.toFixed(1)} s`);
    // Until the seeding's events are counted and a fresh version is read, nothing is cached.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await cached.responseCache!.refresh();
    const rows = [];
    for (const mix of MIXES) {
      const body = JSON.stringify({ query: mix.query, variables: mix.variables });
      const answer = await request(cached.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      const json = (await answer.body.json()) as { errors?: unknown };
      if (json.errors) throw new Error(`${mix.name}: ${JSON.stringify(json.errors)}`);
      const off = await load(stack.gateway.url, body, {});
      const on = await load(cached.url, body, {});
      rows.push({
        mix: mix.name,
        "off req/s": off["req/s"],
        "off p50": off["p50 ms"],
        "off p95": off["p95 ms"],
        "on req/s": on["req/s"],
        "on p50": on["p50 ms"],
        "on p95": on["p95 ms"],
        speed_up: `${(on["req/s"] / Math.max(1, off["req/s"])).toFixed(1)}x`,
      });
    }
    console.log("anonymous searchProducts through the gateway, response cache off and on (ms):");
    console.table(rows);

    // A vendor's change every WRITE_EVERY_MS: each one moves the version, and the cache starts over.
    const mix = MIXES[0]!;
    const body = JSON.stringify({ query: mix.query, variables: mix.variables });
    const product = await db.query<{ id: string }>(`SELECT id FROM catalog.products WHERE status = 'ACTIVE' LIMIT 1`);
    let writes = 0;
    const writer = setInterval(() => {
      writes++;
      void db.query(`UPDATE catalog.products SET updated_at = now() WHERE id = $1`, [product.rows[0]!.id]);
    }, WRITE_EVERY_MS);
    const before = await outcomes(cached.port);
    const changing = await load(cached.url, body, {});
    clearInterval(writer);
    const after = await outcomes(cached.port);
    const hits = after.hit - before.hit;
    const misses = after.miss - before.miss;
    console.log(
      `"${mix.name}" with a change every ${WRITE_EVERY_MS} ms (${writes} changes): ${changing["req/s"]} req/s, p50 ${changing["p50 ms"]} ms, p95 ${changing["p95 ms"]} ms, hit rate ${((100 * hits) / Math.max(1, hits + misses)).toFixed(1)} % (${hits} hits, ${misses} misses)`,
    );
  } finally {
    await cached.stop();
    await db.end();
  }
}
