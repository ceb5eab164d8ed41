// What the gateway's front door costs: the limits (docs/decisions/0016) and the revocation check
// (docs/decisions/0014). myPets with owners through two gateways on the same subgraphs: one as in
// production, every limit on (rate limits included, with budgets too large to refuse, so their
// bookkeeping is measured) and the revocation list loaded with 10,000 live entries (more than a busy
// hour would produce); the other with `limits.enabled: false` and no revocation list. Rounds
// alternate between the two so that drift on a shared machine falls on both alike. Besides req/s,
// each round reports this process's CPU time per request (the whole in-process stack): on a machine
// shared with other work, throughput swings with their load while CPU per request barely moves.
import autocannon from "autocannon";
import { buildSchema, parse, print } from "graphql";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Client as PgClient } from "pg";
import { CostRateLimiter, DEFAULT_LIMITS, operationCost, raceDeadline } from "@pawgraph/gateway";
import { createLogger, RevocationList, type RevocationPage } from "@pawgraph/subgraph-kit";
import { MyPetsWithOwnersDocument } from "../clients/__generated__/graphql";
import { jwksUrlOf, subgraphUrls, startTestGateway, type Stack } from "../e2e/harness";
import { loadRound } from "./load-round";

const ROUNDS = Number(process.env.BENCH_LIMITS_ROUNDS ?? 6);
const ROUND_SECONDS = Number(process.env.BENCH_LIMITS_ROUND_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

const round = (url: string, body: string, token: string) =>
  loadRound(url, body, token, { connections: CONNECTIONS, seconds: ROUND_SECONDS });

/** Fills identity's revocation log with `count` entries about users nobody signs in as. */
async function fillRevocationLog(stack: Stack, count: number): Promise<void> {
  const db = new PgClient({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO identity.revocations (user_id, session_id, min_version, expires_at)
       SELECT gen_random_uuid(), CASE WHEN i % 2 = 0 THEN gen_random_uuid() END, CASE WHEN i % 2 = 1 THEN 1 END, now() + interval '15 minutes'
       FROM generate_series(1, $1) AS i`,
      [count],
    );
  } finally {
    await db.end();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** CPU µs per call of `work`, the fastest of three batches. */
async function microseconds(work: () => unknown, calls = 20_000): Promise<number> {
  const batches: number[] = [];
  for (let b = 0; b < 3; b++) {
    const started = process.cpuUsage();
    for (let i = 0; i < calls; i++) await work();
    const used = process.cpuUsage(started);
    batches.push((used.user + used.system) / calls);
  }
  return Math.min(...batches);
}

/**
 * What the front door adds to one myPets request, piece by piece, measured alone: the shape rules run
 * once per distinct document (cached), so per request it is the cost walk, the two budget checks,
 * the deadline race, and the revocation lookup (here in a list of 10,000 entries).
 */
async function perRequestWork() {
  const schema = buildSchema(readFileSync(resolve(__dirname, "../schema.graphql"), "utf8"));
  const document = parse(print(MyPetsWithOwnersDocument));
  const limiter = CostRateLimiter.create(
    { ...DEFAULT_LIMITS, viewerCostPerMinute: 1e12, ipCostPerMinute: 1e12 },
    createLogger("bench"),
  );
  const revocations = new RevocationList(
    async (): Promise<RevocationPage> => ({
      cursor: "10000",
      more: false,
      reset: false,
      entries: tenThousandEntries(),
    }),
    60_000,
    createLogger("bench"),
  );
  await revocations.refresh();
  const token = { userId: randomUUID(), sessionId: randomUUID(), sessionVersion: 0 };
  const pieces = {
    cost: await microseconds(() => operationCost(schema, document, "MyPetsWithOwners", { first: 100 })),
    "rate limits": await microseconds(() => limiter.consume("viewer", "127.0.0.1", 120)),
    deadline: await microseconds(() => raceDeadline(Promise.resolve(1), 30_000, () => 0)),
    "revocation check": await microseconds(() => revocations.isRevoked(token), 200_000),
  };
  await limiter.close();
  return pieces;
}

export async function frontDoorBench(stack: Stack, token: string) {
  const urls = subgraphUrls(stack);
  const jwksUrl = jwksUrlOf(stack);
  await fillRevocationLog(stack, 10_000);
  const on = await startTestGateway(urls, jwksUrl, {
    limits: { enabled: true, viewerCostPerMinute: 1_000_000_000, ipCostPerMinute: 1_000_000_000 },
  });
  const off = await startTestGateway(urls, jwksUrl, { limits: { enabled: false }, revocations: false });
  try {
    const body = JSON.stringify({ query: print(MyPetsWithOwnersDocument), variables: { first: 100 } });
    for (const gateway of [on, off]) {
      await autocannon({
        url: gateway.url,
        method: "POST",
        connections: 4,
        amount: 200,
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body,
      });
    }
    const rows: {
      round: number;
      "front door": string;
      "req/s": number;
      "p50 ms": number;
      "p97.5 ms": number;
      "CPU ms/req": number;
    }[] = [];
    const runs = { on: [] as { rps: number; cpu: number }[], off: [] as { rps: number; cpu: number }[] };
    for (let i = 1; i <= ROUNDS; i++) {
      // Alternate which goes first, so neither always follows the other's leftovers.
      const order = i % 2 ? (["on", "off"] as const) : (["off", "on"] as const);
      for (const which of order) {
        const r = await round((which === "on" ? on : off).url, body, token);
        runs[which].push({ rps: r.rps, cpu: r.cpuMsPerRequest });
        rows.push({
          round: i,
          "front door": which,
          "req/s": Math.round(r.rps),
          "p50 ms": r.p50,
          "p97.5 ms": r.p97,
          "CPU ms/req": Number(r.cpuMsPerRequest.toFixed(2)),
        });
      }
    }
    console.log(
      `\nfront door (limits + revocation check, 10,000 entries in the list): myPets(10) { owners { displayName } } through two gateways, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${ROUND_SECONDS}s each`,
    );
    console.table(rows);
    const rps = { on: median(runs.on.map((r) => r.rps)), off: median(runs.off.map((r) => r.rps)) };
    const cpu = { on: median(runs.on.map((r) => r.cpu)), off: median(runs.off.map((r) => r.cpu)) };
    const sum = (values: { rps: number }[]) => values.reduce((total, r) => total + r.rps, 0);
    console.log(
      `medians: front door on ${Math.round(rps.on)} req/s, ${cpu.on.toFixed(2)} CPU ms/req; off ${Math.round(rps.off)} req/s, ${cpu.off.toFixed(2)} CPU ms/req`,
    );
    console.log(
      `overhead of the limits and the revocation check: ${(((cpu.on - cpu.off) / cpu.off) * 100).toFixed(1)}% CPU per request, ${(((rps.off - rps.on) / rps.off) * 100).toFixed(1)}% median req/s, ${(((sum(runs.off) - sum(runs.on)) / sum(runs.off)) * 100).toFixed(1)}% total req/s (budget: under 5%)`,
    );
    const pieces = await perRequestWork();
    const total = Object.values(pieces).reduce((a, b) => a + b, 0);
    console.log(
      `per request, measured alone: ${Object.entries(pieces)
        .map(([name, us]) => `${name} ${us.toFixed(1)} µs`)
        .join(", ")}; ` +
        `${total.toFixed(0)} µs in all = ${((total / 1000 / cpu.off) * 100).toFixed(2)}% of the ${cpu.off.toFixed(2)} CPU ms a request costs without them`,
    );
  } finally {
    await on.stop();
    await off.stop();
  }
}

/** 10,000 live revocations of users nobody signs in as: half sessions, half raised versions. */
function tenThousandEntries(): RevocationPage["entries"] {
  const expiresAt = new Date(Date.now() + 15 * 60_000).toISOString();
  return Array.from({ length: 10_000 }, (_, i) =>
    i % 2
      ? { id: String(i + 1), userId: randomUUID(), minVersion: 1, expiresAt }
      : { id: String(i + 1), userId: randomUUID(), sessionId: randomUUID(), expiresAt },
  );
}
