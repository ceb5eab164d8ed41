// What the revocation check costs at the gateway (docs/decisions/0014-revocation.md): myPets with
// owners through two gateways on the same subgraphs, one with the revocation list (as in production)
// and one without, alternating runs so that machine noise hits both alike. The list holds 10,000
// live entries (other users' revocations), more than a busy hour would produce.
import autocannon from "autocannon";
import { print } from "graphql";
import { randomUUID } from "node:crypto";
import { Client as PgClient } from "pg";
import { startGateway } from "@pawgraph/gateway";
import { createLogger, gatewaySecretFromEnv } from "@pawgraph/subgraph-kit";
import { CreatePetDocument, MyPetsWithOwnersDocument } from "../clients/__generated__/graphql";
import { execute, registerUser, startTestGateway, type Stack } from "../e2e/harness";

const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function rps(url: string, token: string, body: string): Promise<number> {
  const result = await autocannon({
    url,
    method: "POST",
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

/** Fills identity's log with `count` revocations of users nobody signs in as. */
async function fillLog(stack: Stack, count: number): Promise<void> {
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

export async function revocationBench(stack: Stack): Promise<void> {
  await fillLog(stack, 10_000);
  const owner = await registerUser(stack, "bench-revocation");
  for (let i = 0; i < 10; i++) {
    await execute(stack.gateway.url, CreatePetDocument, { input: { name: `Pet ${i} ${randomUUID().slice(0, 4)}`, species: "DOG" } }, owner.token);
  }
  const urls = { identity: stack.identity.url, pets: stack.pets.url, ehr: stack.ehr.url, bookings: stack.bookings.url, messaging: stack.messaging.url };
  const jwksUrl = new URL("/.well-known/jwks.json", stack.identity.url).toString();
  const checked = await startTestGateway(urls, jwksUrl);
  const unchecked = await startGateway({
    port: 0,
    supergraphPath: `${__dirname}/../supergraph.graphql`,
    watchSupergraph: false,
    subgraphUrl: (name) => urls[name as keyof typeof urls],
    jwksUrl,
    gatewaySecret: gatewaySecretFromEnv().secret,
    sandbox: false,
    introspection: false,
    corsOrigins: false,
    log: createLogger("gateway"),
  });
  try {
    const body = JSON.stringify({ query: print(MyPetsWithOwnersDocument), variables: { first: 10 } });
    for (const gateway of [checked, unchecked]) {
      await autocannon({ url: gateway.url, method: "POST", connections: 4, amount: 200, headers: { "content-type": "application/json", authorization: `Bearer ${owner.token}` }, body });
    }
    const withCheck: number[] = [];
    const without: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      without.push(await rps(unchecked.url, owner.token, body));
      withCheck.push(await rps(checked.url, owner.token, body));
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    console.log(`\nRevocation check at the gateway: myPets(10) with owners, ${CONNECTIONS} connections, ${ROUNDS} x ${DURATION_SECONDS}s each, 10,000 entries in the list`);
    console.table([
      { gateway: "without revocation check", "req/s": Math.round(mean(without)), rounds: without.map(Math.round).join(" ") },
      { gateway: "with revocation check", "req/s": Math.round(mean(withCheck)), rounds: withCheck.map(Math.round).join(" ") },
    ]);
    console.log(`overhead: ${((1 - mean(withCheck) / mean(without)) * 100).toFixed(1)}% (noise on a shared machine is a few %; the check itself is two Map lookups)`);
  } finally {
    await checked.stop();
    await unchecked.stop();
  }
}
