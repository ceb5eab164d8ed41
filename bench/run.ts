// `npm run bench`: myPets with owners (pets + identity) through the gateway vs. directly to the pets
// subgraph, same run and concurrency (autocannon), plus SQL statements per request at 10 and 100 pets.
// Loopback only; every load is bounded in time and stops by itself. BENCH_ONLY=gateway|gateway-cpu|front-door|metrics|ehr|bookings|subscriptions|subgraph-fetch|subgraph-faults|catalog-search|response-cache|catalog-stock|orders|password-policy|... runs one section.
// orders: checkout throughput (50 buyers, 5 hot variants) and the Stripe webhook processing rate
// (orders-checkout, orders-webhooks or orders-payouts runs one of them).
// care-plans: the care plan scheduler's throughput, 10,000 plans due at the same minute (bench/care-plans.ts).
// ai: retrieval over 10,000 chunks, the evaluation figures, askAssistant through the gateway and its
// stream (ai-retrieval or ai-ask runs one of the two).
// tracing: CPU per request with OpenTelemetry tracing off and on (bench/tracing.ts).
// password-policy: one password check's cost on ordinary and crafted passwords.
// reports: clinic, vendor and platform report latency on a year of facts for 50 clinics and 200 vendors.
// gateways: The Guild's gateway benchmark workload, vanilla @apollo/gateway vs. Pawgraph's gateway (and Hive
// Gateway with BENCH_HIVE=1), interleaved rounds, gateway CPU per request (bench/gateways/run.ts).
// gateway-fanout: MyPetsWithOwners at one connection through the gateway vs. its two subgraph calls made directly.
import autocannon from "autocannon";
import { carePlansBench } from "./care-plans";
import { print } from "graphql";
import { CreatePetDocument, MyPetsWithOwnersDocument } from "../clients/__generated__/graphql";
import { execute, registerUser, startStack, type Stack } from "../e2e/harness";
import { aiBench, AI_BENCH_QUOTA_PER_HOUR } from "./ai";
import { catalogSearchBench } from "./catalog-search";
import { responseCacheBench } from "./response-cache";
import { gatewayCpuBench } from "./gateway-cpu";
import { catalogStockBench } from "./catalog-stock";
import { frontDoorBench } from "./front-door";
import { metricsOverheadBench } from "./metrics-overhead";
import { gatewayFanoutBench } from "./gateway-fanout";
import { gatewaysBench } from "./gateways/run";
import { ordersBench } from "./orders";
import { passwordPolicyBench } from "./password-policy";
import { reportsBench } from "./reports";
import { subgraphFaultsBench } from "./subgraph-faults";
import { subgraphFetchBench } from "./subgraph-fetch";
import { subscriptionsBench } from "./subscriptions";
import { tracingBench } from "./tracing";
import { bookingsBench, ehrTimelines } from "./records";
import { CONNECTIONS, DURATION_SECONDS, load } from "./stack-load";

const DIRECT_QUERY = `{ myPets(first: 100) { edges { node { id name owners { id } } } } }`;

async function addPets(stack: Stack, token: string, count: number, offset: number) {
  for (let i = 0; i < count; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, (_, j) =>
        execute(
          stack.gateway.url,
          CreatePetDocument,
          { input: { name: `Bench ${offset + i + j}`, species: "DOG" } },
          token,
        ),
      ),
    );
  }
}

async function sqlPerRequest(stack: Stack, token: string) {
  stack.pets.sql.take();
  stack.identity.sql.take();
  const result = await execute(stack.gateway.url, MyPetsWithOwnersDocument, { first: 100 }, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return {
    pets: result.data!.myPets!.edges.length,
    petsSql: stack.pets.sql.take(),
    identitySql: stack.identity.sql.take(),
  };
}

/** myPets with owners through the gateway vs. the pets subgraph directly, and SQL statements per request. */
async function gatewayBench(stack: Stack) {
  const owner = await registerUser(stack, "bench");
  await addPets(stack, owner.token, 10, 0);
  const at10 = await sqlPerRequest(stack, owner.token);
  await addPets(stack, owner.token, 90, 10);
  const at100 = await sqlPerRequest(stack, owner.token);

  const small = await registerUser(stack, "bench-small");
  await addPets(stack, small.token, 10, 0);
  const gatewayBody = JSON.stringify({ query: print(MyPetsWithOwnersDocument), variables: { first: 100 } });
  const directBody = JSON.stringify({ query: DIRECT_QUERY });
  // Warm up both paths (JIT, connection pools, query plans) before measuring.
  await autocannon({
    url: stack.gateway.url,
    method: "POST",
    connections: 4,
    amount: 200,
    headers: { "content-type": "application/json", authorization: `Bearer ${small.token}` },
    body: gatewayBody,
  });
  const viaGateway = await load(
    "gateway: myPets(10) { owners { displayName } }",
    stack.gateway.url,
    gatewayBody,
    small.token,
  );
  // Straight at the subgraph as the gateway calls it: with the gateway secret.
  const direct = await load("pets subgraph: myPets(10) { owners { id } }", stack.pets.url, directBody, small.token, {
    "x-gateway-secret": stack.gatewaySecret.secret,
  });

  console.log(
    `\nmyPets with owners, ${CONNECTIONS} connections, ${DURATION_SECONDS}s each (loopback, in-process stack)`,
  );
  console.table(
    [viaGateway, direct].map((r) => ({
      path: r.title,
      "req/s": Math.round(r.rps),
      "p50 ms": r.p50,
      "p97.5 ms": r.p95,
      "p99 ms": r.p99,
      requests: r.total,
    })),
  );
  console.log(`gateway / direct throughput ratio: ${(viaGateway.rps / direct.rps).toFixed(2)}`);
  console.log("\nSQL statements per myPets { owners { displayName } } request (through the gateway):");
  console.table(
    [at10, at100].map((r) => ({ pets: r.pets, "pets subgraph": r.petsSql, "identity subgraph": r.identitySql })),
  );
}

async function main() {
  process.env.LOG_LEVEL ??= "error";
  const only = process.env.BENCH_ONLY;
  // Needs no stack nor database: the Guild's subgraphs and the gateways in processes of their own.
  if (!only || only === "gateways") await gatewaysBench();
  if (only === "gateways") return;
  // Needs no stack: the gateway's side of a subgraph fetch against a stand-in subgraph.
  if (!only || only === "subgraph-fetch") await subgraphFetchBench();
  if (only === "subgraph-fetch") return;
  if (!only || only === "password-policy") passwordPolicyBench();
  if (only === "password-policy") return;
  // Needs no stack either: a database of its own, and PGlite.
  if (!only || only === "ai" || only === "ai-retrieval") await aiBench("retrieval");
  if (only === "ai-retrieval") return;
  // A stack of its own: the scheduler ticked under its own clock on a database of its own.
  if (!only || only === "care-plans") await carePlansBench();
  if (only === "care-plans") return;
  // A stack of its own, started with tracing on so that its pools hook their queries.
  if (!only || only === "tracing") await tracingBench();
  if (only === "tracing") return;
  // No bench user is ever held to ai's hourly question quota.
  const stack = await startStack({ ai: { quotaPerHour: AI_BENCH_QUOTA_PER_HOUR } });
  try {
    if (!only || only === "gateway") await gatewayBench(stack);
    if (!only || only === "gateway-fanout") await gatewayFanoutBench(stack);
    if (!only || only === "gateway-cpu") await gatewayCpuBench(stack);
    if (!only || only === "front-door") {
      const owner = await registerUser(stack, "bench-front-door");
      await addPets(stack, owner.token, 10, 0);
      await frontDoorBench(stack, owner.token);
    }
    if (!only || only === "metrics") {
      const owner = await registerUser(stack, "bench-metrics");
      await addPets(stack, owner.token, 10, 0);
      await metricsOverheadBench(stack, owner.token);
    }
    if (!only || only === "ehr") await ehrTimelines(stack);
    if (!only || only === "bookings") await bookingsBench(stack);
    if (!only || only === "subscriptions") await subscriptionsBench(stack);
    if (!only || only === "subgraph-faults") await subgraphFaultsBench(stack);
    if (!only || only === "catalog-search") await catalogSearchBench(stack);
    if (!only || only === "response-cache") await responseCacheBench(stack);
    if (!only || only === "catalog-stock") await catalogStockBench(stack);
    if (!only || only.startsWith("orders")) await ordersBench(stack, only);
    if (!only || only === "ai" || only === "ai-ask") await aiBench("ask", stack);
    if (!only || only === "reports") await reportsBench(stack);
  } finally {
    // Let requests that autocannon abandoned at the deadline finish before the pools close.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
