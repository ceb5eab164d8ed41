// BENCH_ONLY=gateway-fanout: what the gateway adds to one of our own queries' latency, at one connection
// (no queueing): MyPetsWithOwners through the gateway vs. the same two subgraph calls made directly,
// in the order Apollo's query plan makes them (pets, then identity's _entities for the owners), in
// interleaved rounds. p50/p99 of each and their ratio.
import { print } from "graphql";
import { MyPetsWithOwnersDocument } from "../clients/__generated__/graphql";
import { createPet, registerUser, type Stack } from "../e2e/harness";

const ROUNDS = Number(process.env.BENCH_FANOUT_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_FANOUT_SECONDS ?? 3);
const PETS = 10;

/** The plan's two fetches, as the gateway sends them (the plan: Sequence(Fetch pets, Flatten(Fetch identity))). */
const PETS_FETCH = `query MyPetsWithOwners__pets__0($first:Int){myPets(first:$first){edges{node{id name owners{__typename id}}}}}`;
const IDENTITY_FETCH = `query MyPetsWithOwners__identity__1($representations:[_Any!]!){_entities(representations:$representations){...on User{displayName}}}`;

interface PetsAnswer {
  data?: { myPets: { edges: { node: { owners: { __typename: string; id: string }[] } }[] } };
  errors?: unknown;
}

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { errors?: unknown };
  if (!response.ok || json.errors) throw new Error(`${url}: ${response.status} ${JSON.stringify(json.errors)}`);
  return json;
}

/** Runs `once` back to back for SECONDS, returning each call's milliseconds. */
async function timed(once: () => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  while (performance.now() < deadline) {
    const started = performance.now();
    await once();
    latencies.push(performance.now() - started);
  }
  return latencies;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
};

export async function gatewayFanoutBench(stack: Stack): Promise<void> {
  const owner = await registerUser(stack, "bench-fanout");
  for (let i = 0; i < PETS; i++) await createPet(stack, owner.token, { name: `Fan-out ${i}` });
  const auth = { authorization: `Bearer ${owner.token}` };
  // Straight at the subgraphs as the gateway calls them: with the viewer's token and the gateway secret.
  const asGateway = { ...auth, "x-gateway-secret": stack.gatewaySecret.secret };
  const viaGateway = () =>
    post(stack.gateway.url, { query: print(MyPetsWithOwnersDocument), variables: { first: PETS } }, auth);
  const direct = async () => {
    const pets = (await post(
      stack.pets.url,
      { query: PETS_FETCH, variables: { first: PETS } },
      asGateway,
    )) as PetsAnswer;
    // The gateway sends each distinct entity once.
    const owners = new Map(
      pets
        .data!.myPets.edges.flatMap((edge) => edge.node.owners)
        .map((o) => [o.id, { __typename: o.__typename, id: o.id }]),
    );
    await post(
      stack.identity.url,
      { query: IDENTITY_FETCH, variables: { representations: [...owners.values()] } },
      asGateway,
    );
  };
  // Warm-up: JIT, query plan cache, connection pools.
  for (let i = 0; i < 50; i++) await Promise.all([viaGateway(), direct()]);
  const gateway: number[] = [];
  const subgraphs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    gateway.push(...(await timed(viaGateway)));
    subgraphs.push(...(await timed(direct)));
  }
  const row = (path: string, latencies: number[]) => ({
    path,
    requests: latencies.length,
    "p50 ms": percentile(latencies, 0.5).toFixed(2),
    "p99 ms": percentile(latencies, 0.99).toFixed(2),
  });
  console.log(
    `\nMyPetsWithOwners (${PETS} pets, one owner), one connection, ${ROUNDS} interleaved rounds of ${SECONDS}s`,
  );
  console.table([row("through the gateway", gateway), row("pets then identity, directly", subgraphs)]);
  console.log(
    `gateway / direct: p50 ${(percentile(gateway, 0.5) / percentile(subgraphs, 0.5)).toFixed(2)}x, p99 ${(percentile(gateway, 0.99) / percentile(subgraphs, 0.99)).toFixed(2)}x`,
  );
}
