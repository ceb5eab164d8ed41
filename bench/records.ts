// `BENCH_ONLY=ehr` and `BENCH_ONLY=bookings` of `npm run bench`: health timelines (one pet with 500
// records, 50 pets with 10) and bookings (available slots, hold and confirm) through the gateway, with
// SQL statements per request.
import { print } from "graphql";
import {
  AddHomeNoteDocument,
  AvailableSlotsDocument,
  ConfirmBookingDocument,
  GrantRecordAccessDocument,
  HoldSlotDocument,
  MyPetsTimelinesDocument,
  PetHealthTimelineDocument,
  RecordAllergyDocument,
  RecordLabResultDocument,
} from "../clients/__generated__/graphql";
import { berlin, buildClinic, ownerWithPet } from "../e2e/bookings-fixtures";
import { createPet, execute, registerClinic, registerClinicMember, registerUser, type Stack } from "../e2e/harness";
import { CONNECTIONS, DURATION_SECONDS, load } from "./stack-load";

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

export async function ehrTimelines(stack: Stack) {
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

export async function bookingsBench(stack: Stack) {
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
