import {
  AddHomeNoteDocument,
  ClinicCalendarDocument,
  ConfirmBookingDocument,
  CreatePetDocument,
  HoldSlotDocument,
  GrantRecordAccessDocument,
  MyPetsTimelinesDocument,
  MyPetsWithOwnersDocument,
  RecordAllergyDocument,
  RecordLabResultDocument,
} from "../clients/__generated__/graphql";
import { berlin, buildClinic, ownerWithPet } from "./bookings-fixtures";
import { createdPet, execute, registerClinic, registerClinicMember, registerUser, startStack, type Stack } from "./harness";

let stack: Stack;
beforeAll(async () => {
  // Statement counts cover request work only (messaging's notification consumer, which would query
  // pets and identity in the background, is off in test stacks unless a test turns it on).
  stack = await startStack();
});
afterAll(() => stack.stop());

/** Runs `myPets { owners { displayName } }` for an owner of `n` pets and counts SQL statements per subgraph. */
async function statementsFor(n: number) {
  const owner = await registerUser(stack, `owner${n}`);
  const coOwned = await Promise.all(
    Array.from({ length: n }, (_, i) => execute(stack.gateway.url, CreatePetDocument, { input: { name: `Pet ${i}`, species: "DOG" } }, owner.token)),
  );
  expect(coOwned.every((r) => r.data?.createPet.__typename === "Pet")).toBe(true);
  stack.pets.sql.take();
  stack.identity.sql.take();
  const result = await execute(stack.gateway.url, MyPetsWithOwnersDocument, { first: 100 }, owner.token);
  const counts = { pets: stack.pets.sql.take(), identity: stack.identity.sql.take() };
  expect(result.errors).toBeUndefined();
  expect(result.data?.myPets!.edges).toHaveLength(n);
  for (const edge of result.data!.myPets!.edges) expect(edge.node.owners).toEqual([{ id: owner.user.id, displayName: owner.user.displayName }]);
  return counts;
}

describe("N+1: SQL statements do not grow with list size", () => {
  it("myPets { owners { displayName } } costs the same for 5 and for 50 pets", async () => {
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(fifty).toEqual(five);
    // One page query and one owners batch in pets; one user batch in identity.
    expect(five).toEqual({ pets: 2, identity: 1 });
  });
});

describe("N+1: health timelines", () => {
  /** An owner with `pets` pets, each with 8 home notes, an allergy and a lab result written by a granted vet. */
  async function ownerWithRecords(pets: number) {
    const owner = await registerUser(stack, `timeline${pets}`);
    const { clinicId } = await registerClinic(stack);
    const vet = await registerClinicMember(stack, clinicId);
    const petIds: string[] = [];
    for (let i = 0; i < pets; i++) {
      const created = await execute(stack.gateway.url, CreatePetDocument, { input: { name: `Pet ${i}`, species: "DOG" } }, owner.token);
      petIds.push(createdPet(created).id);
    }
    await Promise.all(petIds.map((petId) => execute(stack.gateway.url, GrantRecordAccessDocument, { input: { petId, clinicId } }, owner.token)));
    const writes = petIds.flatMap((petId) => [
      ...Array.from({ length: 8 }, (_, n) => () => execute(stack.gateway.url, AddHomeNoteDocument, { input: { petId, text: `note ${n}` } }, owner.token)),
      () => execute(stack.gateway.url, RecordAllergyDocument, { input: { petId, substance: "Pollen", severity: "MILD" } }, vet.token),
      () => execute(stack.gateway.url, RecordLabResultDocument, { input: { petId, test: "Glucose", value: "5.1" } }, vet.token),
    ]);
    for (let i = 0; i < writes.length; i += 10) {
      const results = await Promise.all(writes.slice(i, i + 10).map((write) => write()));
      expect(results.every((r) => !r.errors)).toBe(true);
    }
    return owner;
  }

  async function statementsForTimelines(pets: number) {
    const owner = await ownerWithRecords(pets);
    for (const subgraph of [stack.pets, stack.identity, stack.ehr]) subgraph.sql.take();
    const result = await execute(stack.gateway.url, MyPetsTimelinesDocument, { first: 100, perPet: 10 }, owner.token);
    const counts = { pets: stack.pets.sql.take(), identity: stack.identity.sql.take(), ehr: stack.ehr.sql.take() };
    expect(result.errors).toBeUndefined();
    const timelines = result.data!.myPets!.edges.map((e) => e.node.healthTimeline!.edges.map((t) => t.node.kind));
    expect(timelines).toHaveLength(pets);
    for (const kinds of timelines) expect(kinds.sort()).toEqual(["ALLERGY", "HOME_NOTE", "HOME_NOTE", "HOME_NOTE", "HOME_NOTE", "HOME_NOTE", "HOME_NOTE", "HOME_NOTE", "HOME_NOTE", "LAB_RESULT"]);
    return counts;
  }

  it("the timelines of 20 pets with 10 records each cost what 2 pets cost", async () => {
    const two = await statementsForTimelines(2);
    const twenty = await statementsForTimelines(20);
    expect(twenty).toEqual(two);
    // ehr: one timeline page for all pets, then one batch per kind present; pets: the page and ehr's access check.
    expect(two).toEqual({ pets: 2, identity: 1, ehr: 4 });
  }, 60_000);
});

describe("N+1: clinic calendar", () => {
  /** A clinic with `count` bookings by 10 owners (one pet each), spread over 4 vets and several days. */
  async function clinicWithBookings(count: number) {
    const clinic = await buildClinic(stack, { vets: 4 });
    const owners = await Promise.all(Array.from({ length: 10 }, () => ownerWithPet(stack)));
    const slots = Array.from({ length: count }, (_, i) => ({
      vetId: clinic.vets[i % 4]!.user.id,
      startsAt: berlin(1 + Math.floor(i / 40), `${String(9 + Math.floor((i % 40) / 4 / 2)).padStart(2, "0")}:${(Math.floor((i % 40) / 4) % 2) * 30 === 0 ? "00" : "30"}`),
      owner: owners[i % 10]!,
    }));
    for (let i = 0; i < slots.length; i += 10) {
      await Promise.all(
        slots.slice(i, i + 10).map(async ({ vetId, startsAt, owner }) => {
          const hold = await execute(stack.gateway.url, HoldSlotDocument, { input: { clinicId: clinic.clinicId, serviceId: clinic.serviceId, vetId, startsAt } }, owner.owner.token);
          if (hold.data?.holdSlot.__typename !== "SlotHold") throw new Error(`hold ${startsAt}: ${JSON.stringify(hold)}`);
          const booked = await execute(stack.gateway.url, ConfirmBookingDocument, { input: { holdId: hold.data.holdSlot.id, petId: owner.petId } }, owner.owner.token);
          if (booked.data?.confirmBooking.__typename !== "Booking") throw new Error(JSON.stringify(booked));
        }),
      );
    }
    return { clinic, owners };
  }

  async function calendarStatements(count: number) {
    const { clinic, owners } = await clinicWithBookings(count);
    const query = { clinicId: clinic.clinicId, from: berlin(0, "00:00"), to: berlin(30, "00:00"), first: 100 };
    // Pets learns about bookings from bookings' events; wait until it lets the clinic see every pet.
    for (let attempt = 0; attempt < 100; attempt++) {
      const page = await execute(stack.gateway.url, ClinicCalendarDocument, query, clinic.clinicAdmin.token);
      if (!page.errors && page.data?.clinicCalendar!.edges.every((e) => e.node.pet?.name)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const subgraph of [stack.pets, stack.identity, stack.bookings]) subgraph.sql.take();
    const result = await execute(stack.gateway.url, ClinicCalendarDocument, query, clinic.clinicAdmin.token);
    const counts = { pets: stack.pets.sql.take(), identity: stack.identity.sql.take(), bookings: stack.bookings.sql.take() };
    expect(result.errors).toBeUndefined();
    const edges = result.data!.clinicCalendar!.edges;
    expect(edges).toHaveLength(Math.min(count, 100));
    const names = new Map(owners.map((o) => [o.petId, o.petName]));
    for (const { node } of edges) {
      expect(node.pet?.name).toBe(names.get(node.pet!.id));
      expect(node.owner!.displayName).toEqual(expect.any(String));
    }
    return counts;
  }

  it("the first page of a 200-booking calendar, with pet and owner names, costs what a 10-booking one costs", async () => {
    const small = await calendarStatements(10);
    const big = await calendarStatements(200);
    expect(big).toEqual(small);
    // bookings: the page, clinics and services batches; pets: the access-checked batch; identity: the users batch.
    expect(small.identity).toBe(1);
    expect(small.pets).toBe(1);
  }, 120_000);
});
