// What the metrics cost (docs/decisions/0050): myPets with owners (pets + identity) through two
// gateways on the same subgraphs, one with metrics and the slow-operation hook on (as outside
// production, or in production with METRICS_TOKEN), one with both off, in alternating rounds; this
// process's CPU per request is the figure that holds on a shared machine. The subgraphs' own metrics
// are on for both (they read the environment), so the run measures the gateway's part; the hooks'
// cost per call, measured alone, gives the subgraphs' part too.
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from "@apollo/server";
import { print } from "graphql";
import { boundedOperationNames, Metrics, metricsPlugin } from "@pawgraph/subgraph-kit/src/edge";
import { MyPetsWithOwnersDocument } from "../clients/__generated__/graphql";
import { jwksUrlOf, startTestGateway, subgraphUrls, type Stack } from "../e2e/harness";
import { loadRound, type LoadRound } from "./load-round";

const ROUNDS = Number(process.env.BENCH_METRICS_ROUNDS ?? 6);
const ROUND_SECONDS = Number(process.env.BENCH_METRICS_ROUND_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const round = (url: string, body: string, token: string) =>
  loadRound(url, body, token, { connections: CONNECTIONS, seconds: ROUND_SECONDS });

/** CPU µs per call of `work`, the fastest of three batches. */
async function microseconds(work: () => unknown, calls = 100_000): Promise<number> {
  const batches: number[] = [];
  for (let b = 0; b < 3; b++) {
    const started = process.cpuUsage();
    for (let i = 0; i < calls; i++) await work();
    const used = process.cpuUsage(started);
    batches.push((used.user + used.system) / calls);
  }
  return Math.min(...batches);
}

/** The request plugin's two hooks for one answered query, and one fetch observed into a histogram, alone. */
async function hooksAlone() {
  const metrics = new Metrics();
  const plugin = metricsPlugin(
    metrics,
    boundedOperationNames(0, new Set(["MyPetsWithOwners"])),
  ) as ApolloServerPlugin<BaseContext>;
  const context = {
    operationName: "MyPetsWithOwners",
    request: {},
    operation: { operation: "query" },
    response: { body: { kind: "single", singleResult: { data: {} } } },
  } as unknown as GraphQLRequestContextWillSendResponse<BaseContext>;
  const fetches = metrics.histogram({
    name: "bench_fetch_seconds",
    help: "bench",
    labelNames: ["subgraph", "outcome"],
  });
  return {
    "request plugin": await microseconds(async () => {
      const listener = await plugin.requestDidStart!(context);
      await listener!.willSendResponse!(context);
    }),
    "one fetch": await microseconds(() =>
      fetches.observe({ subgraph: "pets", outcome: "ok" }, (performance.now() - performance.now()) / 1000),
    ),
  };
}

export async function metricsOverheadBench(stack: Stack, token: string) {
  const urls = subgraphUrls(stack);
  const on = await startTestGateway(urls, jwksUrlOf(stack), {
    observability: { metrics: { enabled: true }, slowOperationMs: 1000 },
  });
  const off = await startTestGateway(urls, jwksUrlOf(stack), {
    observability: { metrics: { enabled: false }, slowOperationMs: -1 },
  });
  try {
    const body = JSON.stringify({ query: print(MyPetsWithOwnersDocument), variables: { first: 100 } });
    for (const gateway of [on, off]) await round(gateway.url, body, token);
    const runs = { on: [] as LoadRound[], off: [] as LoadRound[] };
    for (let i = 1; i <= ROUNDS; i++) {
      for (const which of i % 2 ? (["on", "off"] as const) : (["off", "on"] as const))
        runs[which].push(await round((which === "on" ? on : off).url, body, token));
    }
    console.log(
      `\nmetrics on/off: myPets(10) { owners } through two gateways, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${ROUND_SECONDS}s`,
    );
    console.table(
      (["on", "off"] as const).map((which) => ({
        metrics: which,
        "req/s (rounds)": runs[which].map((r) => Math.round(r.rps)).join(" "),
        "CPU ms/req (rounds)": runs[which].map((r) => r.cpuMsPerRequest.toFixed(2)).join(" "),
        "median CPU ms/req": Number(median(runs[which].map((r) => r.cpuMsPerRequest)).toFixed(3)),
      })),
    );
    const cpu = {
      on: median(runs.on.map((r) => r.cpuMsPerRequest)),
      off: median(runs.off.map((r) => r.cpuMsPerRequest)),
    };
    const rps = { on: median(runs.on.map((r) => r.rps)), off: median(runs.off.map((r) => r.rps)) };
    console.log(
      `overhead of the gateway's metrics: ${(((cpu.on - cpu.off) / cpu.off) * 100).toFixed(1)}% CPU per request, ${(((rps.off - rps.on) / rps.off) * 100).toFixed(1)}% median req/s (budget: 5%)`,
    );
    const alone = await hooksAlone();
    // Per myPets-with-owners request: the plugin on the gateway and on each of the two subgraphs, two fetches observed.
    const perRequest = alone["request plugin"] * 3 + alone["one fetch"] * 2;
    console.log(
      `measured alone: request plugin ${alone["request plugin"].toFixed(2)} µs, one fetch observed ${alone["one fetch"].toFixed(2)} µs; ` +
        `${perRequest.toFixed(1)} µs per request (gateway + 2 subgraphs) = ${((perRequest / 1000 / cpu.off) * 100).toFixed(2)}% of ${cpu.off.toFixed(2)} CPU ms`,
    );
  } finally {
    // Requests autocannon abandoned at a round's deadline finish before the gateways' breakers shut.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await on.stop();
    await off.stop();
  }
}
