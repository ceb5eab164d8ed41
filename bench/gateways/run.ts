// BENCH_ONLY=gateways: The Guild's gateway benchmark workload (graphql-hive/graphql-gateways-benchmark)
// on this machine: vanilla @apollo/gateway, Pawgraph's gateway and, with BENCH_HIVE=1, Hive Gateway,
// each pinned to CPU 0 with the subgraphs on CPU 1, loaded by autocannon in interleaved rounds
// (docs/decisions/0049). Gateway CPU per request, read from /proc, is the headline: on a machine
// shared with other work it moves far less than req/s does. Every answer is checked byte for byte.
import autocannon from "autocannon";
import { isDeepStrictEqual } from "node:util";
import { startContenders, startSubgraphs, writeSupergraph, type Contender, type Subgraphs } from "./contenders";
import { cpuSeconds, PINNING, rssBytes, stopAll } from "./processes";
import { expectedResponse, TEST_QUERY_BODY } from "./workload";

const ROUNDS = Number(process.env.BENCH_GATEWAYS_ROUNDS ?? 4);
const SECONDS = Number(process.env.BENCH_GATEWAYS_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_GATEWAYS_CONNECTIONS ?? 50);
const WARMUP_SECONDS = Number(process.env.BENCH_GATEWAYS_WARMUP_SECONDS ?? 3);
const RSS_SAMPLE_MS = 100;
/** Quiet this long at the subgraphs means the gateway has finished what an earlier load left in flight. */
const SETTLED_MS = 500;

interface Round {
  cpuMsPerRequest: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  peakRssMb: number;
  fetchesPerQuery: number;
  /** The subgraphs' CPU per query, to show they were not what held a gateway back. */
  subgraphsCpuMsPerRequest: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** One TestQuery, compared with expected-response.json after parsing; its exact bytes are what every later answer must be. */
async function checkedAnswer(contender: Contender): Promise<string> {
  const response = await fetch(contender.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: TEST_QUERY_BODY,
  });
  const text = await response.text();
  if (!response.ok || !isDeepStrictEqual(JSON.parse(text), expectedResponse()))
    throw new Error(`${contender.name} answered the TestQuery wrongly (${response.status}): ${text.slice(0, 300)}`);
  return text;
}

async function load(contender: Contender, expectBody: string, options: { duration: number } | { amount: number }) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: contender.url,
        method: "POST",
        connections: CONNECTIONS,
        headers: { "content-type": "application/json" },
        body: TEST_QUERY_BODY,
        expectBody,
        ...options,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  const failed = result.non2xx + result.errors + result.timeouts + result.mismatches;
  if (failed > 0)
    throw new Error(
      `${contender.name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts, ${result.mismatches} answers not byte-equal to the checked one`,
    );
  return { result, latencies: latencies.sort((a, b) => a - b) };
}

/** Waits until the subgraphs see no fetch for SETTLED_MS: the warm-up stops at a deadline, leaving requests in flight. */
async function settled(subgraphs: Subgraphs): Promise<void> {
  for (let before = -1, now = await subgraphs.fetches(); now !== before;) {
    await new Promise((resolve) => setTimeout(resolve, SETTLED_MS));
    [before, now] = [now, await subgraphs.fetches()];
  }
}

/**
 * A round is a fixed number of requests, not a time: autocannon then waits for every answer, so no
 * request abandoned at a deadline spends gateway CPU that no request is counted for.
 */
async function round(contender: Contender, subgraphs: Subgraphs, expectBody: string, amount: number): Promise<Round> {
  const pid = contender.child.pid!;
  let peakRss = rssBytes(pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(pid))), RSS_SAMPLE_MS);
  const fetchesBefore = await subgraphs.fetches();
  const cpuBefore = cpuSeconds(pid);
  const subgraphsCpuBefore = cpuSeconds(subgraphs.child.pid!);
  const started = performance.now();
  try {
    const { result, latencies } = await load(contender, expectBody, { amount });
    const seconds = (performance.now() - started) / 1000;
    const requests = result.requests.total;
    return {
      cpuMsPerRequest: ((cpuSeconds(pid) - cpuBefore) * 1000) / requests,
      rps: requests / seconds,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      peakRssMb: Math.max(peakRss, rssBytes(pid)) / 2 ** 20,
      fetchesPerQuery: ((await subgraphs.fetches()) - fetchesBefore) / requests,
      subgraphsCpuMsPerRequest: ((cpuSeconds(subgraphs.child.pid!) - subgraphsCpuBefore) * 1000) / requests,
    };
  } finally {
    clearInterval(sampler);
  }
}

function printTable(contenders: Contender[], rounds: Map<string, Round[]>) {
  const summary = contenders.map((contender) => {
    const own = rounds.get(contender.name)!;
    const of = (key: keyof Round) => median(own.map((r) => r[key]));
    return {
      name: contender.name,
      cpu: of("cpuMsPerRequest"),
      rps: of("rps"),
      p50: of("p50"),
      p95: of("p95"),
      p99: of("p99"),
      rss: Math.max(...own.map((r) => r.peakRssMb)),
      fetches: of("fetchesPerQuery"),
      subgraphsCpu: of("subgraphsCpuMsPerRequest"),
    };
  });
  const base = summary[0]!;
  console.log(
    `\nThe Guild's TestQuery, ${CONNECTIONS} connections, median of ${ROUNDS} interleaved rounds of ~${SECONDS}s` +
      (PINNING ? " (gateway on CPU 0, subgraphs on CPU 1)" : " (not pinned: no taskset or one CPU)"),
  );
  console.table(
    summary.map((s) => ({
      gateway: s.name,
      "CPU ms/req": s.cpu.toFixed(2),
      "req/s": s.rps.toFixed(1),
      "p50 ms": Math.round(s.p50),
      "p95 ms": Math.round(s.p95),
      "p99 ms": Math.round(s.p99),
      "peak RSS MB": Math.round(s.rss),
      "fetches/query": s.fetches.toFixed(1),
      "subgraphs CPU ms/req": s.subgraphsCpu.toFixed(2),
      "CPU vs apollo": (s.cpu / base.cpu).toFixed(2),
      "req/s vs apollo": (s.rps / base.rps).toFixed(2),
    })),
  );
}

export async function gatewaysBench(): Promise<void> {
  const subgraphs = await startSubgraphs();
  try {
    const contenders = await startContenders(writeSupergraph(subgraphs.url));
    const plans = new Map<string, { body: string; amount: number }>();
    for (const contender of contenders) {
      const body = await checkedAnswer(contender);
      // Warm-up (JIT, query plan cache, connection pools), which also sizes this gateway's rounds.
      const { result } = await load(contender, body, { duration: WARMUP_SECONDS });
      plans.set(contender.name, { body, amount: Math.max(CONNECTIONS, Math.round(result.requests.average * SECONDS)) });
      await settled(subgraphs);
    }
    const rounds = new Map<string, Round[]>(contenders.map((c) => [c.name, []]));
    for (let i = 0; i < ROUNDS; i++) {
      for (const contender of contenders) {
        const plan = plans.get(contender.name)!;
        const result = await round(contender, subgraphs, plan.body, plan.amount);
        rounds.get(contender.name)!.push(result);
        console.log(
          `round ${i + 1}/${ROUNDS} ${contender.name}: ${result.cpuMsPerRequest.toFixed(2)} ms CPU/req, ${result.rps.toFixed(1)} req/s, p99 ${Math.round(result.p99)} ms`,
        );
      }
    }
    printTable(contenders, rounds);
  } finally {
    stopAll();
  }
}
