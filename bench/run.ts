// `npm run bench`: myPets with owners (pets + identity) through the gateway vs. directly to the pets
// subgraph, same run and concurrency (autocannon), plus SQL statements per request at 10 and 100 pets.
// Loopback only; every load is bounded in time and stops by itself. BENCH_ONLY=gateway|front-door|metrics|ehr|bookings|subscriptions|subgraph-fetch|subgraph-faults|catalog-search|catalog-stock|orders|password-policy|... runs one section.
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
import {
  AddHomeNoteDocument,
  CreatePetDocument,
  GrantRecordAccessDocument,
  MyPetsTimelinesDocument,
  MyPetsWithOwnersDocument,
  PetHealthTimelineDocument,
  AvailableSlotsDocument,
  ConfirmBookingDocument,
  HoldSlotDocument,
  RecordAllergyDocument,
  RecordLabResultDocument,
} from "../clients/__generated__/graphql";
import { berlin, buildClinic, ownerWithPet } from "../e2e/bookings-fixtures";
import {
  createPet,
  execute,
  registerClinic,
  registerClinicMember,
  registerUser,
  startStack,
  type Stack,
} from "../e2e/harness";
import { aiBench, AI_BENCH_QUOTA_PER_HOUR } from "./ai";
import { catalogSearchBench } from "./catalog-search";
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

const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

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

async function load(
  title: string,
  url: string,
  body: string,
  token: string,
  extraHeaders: Record<string, string> = {},
) {
  const result = await autocannon({
    title,
    url,
    method: "POST",
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...extraHeaders },
    body,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${title}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    title,
    rps: result.requests.average,
    p50: result.latency.p50,
    p95: result.latency.p97_5 ?? result.latency.p99,
    p99: result.latency.p99,
    total: result.requests.total,
  };
}

/** Runs `tasks` with at most `width` in flight, failing on the first GraphQL error. */
async function inBatches(tasks: (() => Promise<{ errors?: unknown }>)[], width = 10) {
  for (let i = 0; i < tasks.length; i += width) {
    const results = await Promise.all(tasks.slice(i, i + width).map((task) => task()));
    const failed = results.find((r) => r.errors);
    if (failed) throw new Error(JSON.stringify(failed.errors));
  }
}

/** An owner with `pets` pets holding `perPet` records each: 80% home notes, the rest allergies and labs by a granted vet. */
async function petsWithRecords(stack: Stack, pets: number, perPet: number) {
  const owner = await registerUser(stack, "bench-ehr");
  const { clinicId } = await registerClinic(stack);
  const vet = await registerClinicMember(stack, clinicId);
  const petIds: string[] = [];
  for (let i = 0; i < pets; i++) {
    petIds.push((await createPet(stack, owner.token, { name: `Patient ${i}` })).id);
  }
  await inBatches(
    petIds.map(
      (petId) => () =>
        execute(stack.gateway.url, GrantRecordAccessDocument, { input: { petId, clinicId } }, owner.token),
    ),
  );
  const writes = petIds.flatMap((petId) =>
    Array.from({ length: perPet }, (_, n) => {
      const occurredAt = new Date(Date.now() - (n + 1) * 3_600_000).toISOString();
      if (n % 10 === 8)
        return () =>
          execute(
            stack.gateway.url,
            RecordAllergyDocument,
            { input: { petId, occurredAt, substance: `Allergen ${n}`, severity: "MILD" } },
            vet.token,
          );
      if (n % 10 === 9)
        return () =>
          execute(
            stack.gateway.url,
            RecordLabResultDocument,
            { input: { petId, occurredAt, test: "Glucose", value: "5.4", unit: "mmol/L" } },
            vet.token,
          );
      return () =>
        execute(
          stack.gateway.url,
          AddHomeNoteDocument,
          { input: { petId, occurredAt, text: `Note ${n}` } },
          owner.token,
        );
    }),
  );
  await inBatches(writes);
  return { owner, petIds };
}

/** SQL statements per subgraph for one request through the gateway. */
async function statementsFor(stack: Stack, run: () => Promise<{ errors?: unknown }>) {
  for (const subgraph of [stack.identity, stack.pets, stack.ehr, stack.bookings]) subgraph.sql.take();
  const result = await run();
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return {
    identity: stack.identity.sql.take(),
    pets: stack.pets.sql.take(),
    ehr: stack.ehr.sql.take(),
    bookings: stack.bookings.sql.take(),
  };
}

async function ehrTimelines(stack: Stack) {
  const single = await petsWithRecords(stack, 1, 500);
  const many = await petsWithRecords(stack, 50, 10);
  const singleBody = JSON.stringify({
    query: print(PetHealthTimelineDocument),
    variables: { id: single.petIds[0], first: 20 },
  });
  const manyBody = JSON.stringify({ query: print(MyPetsTimelinesDocument), variables: { first: 50, perPet: 10 } });
  const sqlSingle = await statementsFor(stack, () =>
    execute(stack.gateway.url, PetHealthTimelineDocument, { id: single.petIds[0]!, first: 20 }, single.owner.token),
  );
  const sqlMany = await statementsFor(stack, () =>
    execute(stack.gateway.url, MyPetsTimelinesDocument, { first: 50, perPet: 10 }, many.owner.token),
  );
  const one = await load(
    "timeline: 1 pet with 500 records, first 20",
    stack.gateway.url,
    singleBody,
    single.owner.token,
  );
  const fifty = await load("timelines: 50 pets x 10 records", stack.gateway.url, manyBody, many.owner.token);
  console.log(`\nehr health timelines through the gateway, ${CONNECTIONS} connections, ${DURATION_SECONDS}s each`);
  console.table(
    [
      { r: one, sql: sqlSingle },
      { r: fifty, sql: sqlMany },
    ].map(({ r, sql }) => ({
      path: r.title,
      "req/s": Math.round(r.rps),
      "p50 ms": r.p50,
      "p97.5 ms": r.p95,
      "SQL ehr": sql.ehr,
      "SQL pets": sql.pets,
      "SQL identity": sql.identity,
    })),
  );
}

async function bookingsBench(stack: Stack) {
  const clinic = await buildClinic(stack, { vets: 10 });
  const viewer = await ownerWithPet(stack);
  const variables = {
    clinicId: clinic.clinicId,
    serviceId: clinic.serviceId,
    from: berlin(1, "00:00"),
    to: berlin(15, "00:00"),
  };
  const sql = await statementsFor(stack, () =>
    execute(stack.gateway.url, AvailableSlotsDocument, variables, viewer.owner.token),
  );
  const slotsCount = (await execute(stack.gateway.url, AvailableSlotsDocument, variables, viewer.owner.token)).data!
    .availableSlots!.length;
  const slotsLoad = await load(
    "availableSlots: 10 vets x 14 days",
    stack.gateway.url,
    JSON.stringify({ query: print(AvailableSlotsDocument), variables }),
    viewer.owner.token,
  );

  // 50 clients race for 20 slots: each picks a random slot still free (as far as it knows), holds, confirms.
  const race = await buildClinic(stack, {
    vets: 1,
    hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, starts: "08:00", ends: "20:00" })),
  });
  const vetId = race.vets[0]!.user.id;
  const slots = Array.from({ length: 20 }, (_, i) =>
    berlin(2, `${String(9 + Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`),
  );
  const clients = await Promise.all(Array.from({ length: 50 }, () => ownerWithPet(stack)));
  const taken = new Set<string>();
  let attempts = 0;
  let lost = 0;
  let bookedCount = 0;
  const failedConfirms: string[] = [];
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      while (taken.size < slots.length) {
        const free = slots.filter((slot) => !taken.has(slot));
        const startsAt = free[Math.floor(Math.random() * free.length)];
        if (!startsAt) return;
        attempts++;
        const hold = await execute(
          stack.gateway.url,
          HoldSlotDocument,
          { input: { clinicId: race.clinicId, serviceId: race.serviceId, vetId, startsAt } },
          client.owner.token,
        );
        if (hold.data?.holdSlot.__typename !== "SlotHold") {
          lost++;
          // Taken (or, unexpectedly, not offered): either way this client stops trying that slot.
          taken.add(startsAt);
          continue;
        }
        const booked = await execute(
          stack.gateway.url,
          ConfirmBookingDocument,
          { input: { holdId: hold.data.holdSlot.id, petId: client.petId } },
          client.owner.token,
        );
        if (booked.data?.confirmBooking.__typename === "Booking") {
          bookedCount++;
          taken.add(startsAt);
        } else {
          failedConfirms.push(booked.data?.confirmBooking.__typename ?? JSON.stringify(booked.errors));
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`\nbookings through the gateway, ${CONNECTIONS} connections, ${DURATION_SECONDS}s`);
  console.table([
    {
      path: slotsLoad.title,
      "req/s": Math.round(slotsLoad.rps),
      "p50 ms": slotsLoad.p50,
      "p97.5 ms": slotsLoad.p95,
      "slots per answer": slotsCount,
      "SQL bookings": sql.bookings,
      "SQL identity": sql.identity,
    },
  ]);
  console.log(
    `contended booking: 50 clients, 20 slots: ${bookedCount} booked in ${seconds.toFixed(2)} s = ${(bookedCount / seconds).toFixed(1)} bookings/s; ${attempts} hold attempts, ${lost} lost races (SlotTakenError)${failedConfirms.length ? `; failed confirmations: ${failedConfirms.join(", ")}` : ""}`,
  );
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
