// `BENCH_ONLY=gateway-cpu npm run bench`: the gateway's own CPU per request on Pawgraph's own query at
// 20 connections (issue 18's "own workload": myPets with owners, health timeline and bookings; 4
// subgraph calls: pets, then identity, bookings and ehr in parallel). The gateway runs in a process of
// its own (bench/gateway-process.ts), so its CPU is read apart from the subgraphs' and the load
// generator's, which stay in this one.
import { GatewayProcess } from "./gateway-driver";
import { loadRound } from "./load-round";
import { createPet, registerUser, type Stack } from "../e2e/harness";

const ROUNDS = Number(process.env.BENCH_GATEWAY_CPU_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

const OWN_QUERY = `query OwnWorkload($first: Int) {
  myPets(first: $first) {
    edges {
      node {
        id
        name
        owners { id displayName }
        healthTimeline(first: 5) { edges { node { id kind } } }
        bookings(first: 5) { edges { node { id startsAt status } } }
      }
    }
  }
}`;

export async function gatewayCpuBench(stack: Stack): Promise<void> {
  const owner = await registerUser(stack, "bench-gateway-cpu");
  for (let i = 0; i < 10; i++) await createPet(stack, owner.token, { name: `CPU ${i}` });
  const gateway = new GatewayProcess();
  try {
    await gateway.start(stack);
    const body = JSON.stringify({ query: OWN_QUERY, variables: { first: 10 } });
    const answer = (await (
      await fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${owner.token}` },
        body,
      })
    ).json()) as { data?: { myPets?: { edges: unknown[] } }; errors?: unknown };
    if (answer.errors || answer.data?.myPets?.edges.length !== 10)
      throw new Error(`the own query does not answer as expected: ${JSON.stringify(answer).slice(0, 500)}`);
    await loadRound(gateway.url, body, owner.token, { connections: 4, seconds: 2 }); // warm-up: JIT, plans, sockets
    // What the gateway spends with no request at all (health checks, revocation and version polls,
    // timers): on a busy machine a round has few requests, and this would be counted as theirs.
    const restStart = await gateway.probe();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const restEnd = await gateway.probe();
    const restMsPerSecond =
      (restEnd.cpu.user + restEnd.cpu.system - restStart.cpu.user - restStart.cpu.system) / 1000 / 5;
    console.log(`\ngateway CPU at rest: ${restMsPerSecond.toFixed(1)} ms per second`);
    const rows = [];
    const perRequest: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const before = await gateway.probe();
      const r = await loadRound(gateway.url, body, owner.token, { connections: CONNECTIONS, seconds: SECONDS });
      const after = await gateway.probe();
      const requests = Math.round(r.rps * SECONDS);
      const spentMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
      const gatewayMs = (spentMs - restMsPerSecond * SECONDS) / requests;
      perRequest.push(gatewayMs);
      rows.push({
        round,
        "req/s": Math.round(r.rps),
        "p50 ms": r.p50,
        "p97.5 ms": r.p97,
        "gateway CPU ms/request (less rest)": gatewayMs.toFixed(2),
        "gateway RSS MB": Math.round(after.memory.rss / 1024 / 1024),
      });
    }
    console.log(
      `\ngateway CPU on the own query (myPets(10) { owners, healthTimeline, bookings }: 4 subgraph calls), ${CONNECTIONS} connections, ${SECONDS} s rounds, gateway in its own process`,
    );
    console.table(rows);
    const median = [...perRequest].sort((a, b) => a - b)[Math.floor(perRequest.length / 2)]!;
    console.log(
      `median gateway CPU per request: ${median.toFixed(2)} ms (issue 18 measured 5.1 ms; target <= 2.55 ms)`,
    );
  } finally {
    await gateway.stop();
  }
}
