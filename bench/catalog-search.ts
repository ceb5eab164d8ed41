// `BENCH_ONLY=catalog-search npm run bench`: catalog search on 50,000 generated products: seeding time,
// p50/p95 at 20 connections through the gateway and directly at the catalog subgraph for a few query
// mixes, and what the facets cost (the same search with and without them, and EXPLAIN ANALYZE).
import { ProductSort, searchStatement } from "@pawgraph/catalog";
import { print } from "graphql";
import { Client } from "pg";
import { Agent, request } from "undici";
import { SearchProductsDocument, SearchProductsPageDocument } from "../clients/__generated__/graphql";
import type { Stack } from "../e2e/harness";
import { seedCatalog } from "./catalog-seed";

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 50_000);
const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

const WITH_FACETS = print(SearchProductsDocument);
const PAGE_ONLY = print(SearchProductsPageDocument);

export const MIXES: { name: string; query: string; variables: Record<string, unknown> }[] = [
  { name: "common word + facets", query: WITH_FACETS, variables: { query: "chicken", first: 20 } },
  { name: "common word, page only", query: PAGE_ONLY, variables: { query: "chicken", first: 20 } },
  { name: "two words + facets", query: WITH_FACETS, variables: { query: "salmon kibble", first: 20 } },
  { name: "typo (trigram fill-in) + facets", query: WITH_FACETS, variables: { query: "chiken", first: 20 } },
  {
    name: "browse: dog, in stock, <= 30.00, by price + facets",
    query: WITH_FACETS,
    variables: { filter: { species: "DOG", inStock: true, maxPriceMinor: 3000 }, sort: "PRICE_ASC", first: 20 },
  },
  { name: "browse everything, newest, page only", query: PAGE_ONLY, variables: { first: 20 } },
];

/** Closed-loop load: `CONNECTIONS` clients each sending the next request when the last answered. */
export async function load(url: string, body: string, headers: Record<string, string>) {
  const agent = new Agent({ connections: CONNECTIONS, pipelining: 1 });
  const latencies: number[] = [];
  let failures = 0;
  const send = async () => {
    const started = performance.now();
    const response = await request(url, {
      method: "POST",
      dispatcher: agent,
      headers: { "content-type": "application/json", ...headers },
      body,
    });
    const json = (await response.body.json()) as { errors?: unknown };
    if (response.statusCode !== 200 || json.errors) failures++;
    return performance.now() - started;
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, send)); // warm up: JIT, connections, plans
  const started = performance.now();
  const until = started + DURATION_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) latencies.push(await send());
    }),
  );
  await agent.close();
  if (failures) throw new Error(`${failures} failed requests`);
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 10) / 10;
  return {
    "req/s": Math.round(latencies.length / DURATION_SECONDS),
    "p50 ms": at(0.5),
    "p95 ms": at(0.95),
    "p99 ms": at(0.99),
  };
}

/** Median of `runs` sequential requests, ms: one request's own cost, without queueing. */
async function serial(url: string, body: string, headers: Record<string, string>, runs = 40) {
  const times: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    const started = performance.now();
    const response = await request(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });
    await response.body.json();
    if (i >= 5) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 10) / 10;
}

/** Server-side time of the search statement (EXPLAIN ANALYZE), with and without the total and facets. */
async function explain(db: Client, text: string | undefined, aggregates: boolean) {
  const sort = text ? ProductSort.RELEVANCE : ProductSort.NEWEST;
  const { sql, values } = searchStatement({ text, mode: "fulltext", filter: {}, sort }, undefined, 21, aggregates);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const { rows } = await db.query<{ "QUERY PLAN": [{ "Execution Time": number }] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
      values,
    );
    times.push(rows[0]!["QUERY PLAN"][0]["Execution Time"]);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[3]! * 10) / 10;
}

export async function catalogSearchBench(stack: Stack): Promise<void> {
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const seeded = await seedCatalog(db, PRODUCTS);
    console.log(
      `\ncatalog search: seeded ${seeded.products} products and ${seeded.variants} variants (with stock) in ${seeded.seconds.toFixed(1)} s (${Math.round(seeded.products / seeded.seconds)} products/s, triggers included)`,
    );
    const visible = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM catalog.products p JOIN catalog.vendors v ON v.id = p.vendor_id
        WHERE p.status = 'ACTIVE' AND v.status = 'APPROVED' AND p.price_from_minor IS NOT NULL`,
    );
    const direct = { "x-gateway-secret": stack.gatewaySecret.secret };
    const rows = [];
    for (const mix of MIXES) {
      const body = JSON.stringify({ query: mix.query, variables: mix.variables });
      const answer = await request(stack.gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      const json = (await answer.body.json()) as {
        data?: { searchProducts?: { totalCount?: number } };
        errors?: unknown;
      };
      if (json.errors) throw new Error(`${mix.name}: ${JSON.stringify(json.errors)}`);
      const viaGateway = await load(stack.gateway.url, body, {});
      const atSubgraph = await load(stack.catalog.url, body, direct);
      rows.push({
        mix: mix.name,
        found: json.data?.searchProducts?.totalCount ?? "-",
        "gw req/s": viaGateway["req/s"],
        "gw p50": viaGateway["p50 ms"],
        "gw p95": viaGateway["p95 ms"],
        "direct req/s": atSubgraph["req/s"],
        "direct p50": atSubgraph["p50 ms"],
        "direct p95": atSubgraph["p95 ms"],
        "direct p99": atSubgraph["p99 ms"],
        "1 request ms": await serial(stack.catalog.url, body, direct),
      });
    }
    console.log(
      `searchProducts over ${visible.rows[0]!.n} visible products, ${CONNECTIONS} connections, ${DURATION_SECONDS} s each (ms; "1 request": median of sequential requests at the subgraph)`,
    );
    console.table(rows);
    console.log("facet cost: server time of the search statement (EXPLAIN ANALYZE, median of 7), ms");
    const costs = [];
    for (const [name, text] of [
      ["chicken", "chicken"],
      ["salmon kibble", "salmon kibble"],
      ["browse (no query)", undefined],
    ] as const)
      costs.push({
        search: name,
        "page only": await explain(db, text, false),
        "page + total + facets": await explain(db, text, true),
      });
    console.table(costs);
  } finally {
    await db.end();
  }
}
