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
import {
  createdPet,
  execute,
  post,
  registerClinic,
  registerClinicMember,
  registerUser,
  startStack,
  type Stack,
} from "./harness";

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
    Array.from({ length: n }, (_, i) =>
      execute(stack.gateway.url, CreatePetDocument, { input: { name: `Pet ${i}`, species: "DOG" } }, owner.token),
    ),
  );
  expect(coOwned.every((r) => r.data?.createPet.__typename === "Pet")).toBe(true);
  stack.pets.sql.take();
  stack.identity.sql.take();
  const result = await execute(stack.gateway.url, MyPetsWithOwnersDocument, { first: 100 }, owner.token);
  const counts = { pets: stack.pets.sql.take(), identity: stack.identity.sql.take() };
  expect(result.errors).toBeUndefined();
  expect(result.data?.myPets!.edges).toHaveLength(n);
  for (const edge of result.data!.myPets!.edges)
    expect(edge.node.owners).toEqual([{ id: owner.user.id, displayName: owner.user.displayName }]);
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
      const created = await execute(
        stack.gateway.url,
        CreatePetDocument,
        { input: { name: `Pet ${i}`, species: "DOG" } },
        owner.token,
      );
      petIds.push(createdPet(created).id);
    }
    await Promise.all(
      petIds.map((petId) =>
        execute(stack.gateway.url, GrantRecordAccessDocument, { input: { petId, clinicId } }, owner.token),
      ),
    );
    const writes = petIds.flatMap((petId) => [
      ...Array.from(
        { length: 8 },
        (_, n) => () =>
          execute(stack.gateway.url, AddHomeNoteDocument, { input: { petId, text: `note ${n}` } }, owner.token),
      ),
      () =>
        execute(
          stack.gateway.url,
          RecordAllergyDocument,
          { input: { petId, substance: "Pollen", severity: "MILD" } },
          vet.token,
        ),
      () =>
        execute(
          stack.gateway.url,
          RecordLabResultDocument,
          { input: { petId, test: "Glucose", value: "5.1" } },
          vet.token,
        ),
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
    for (const kinds of timelines)
      expect(kinds.sort()).toEqual([
        "ALLERGY",
        "HOME_NOTE",
        "HOME_NOTE",
        "HOME_NOTE",
        "HOME_NOTE",
        "HOME_NOTE",
        "HOME_NOTE",
        "HOME_NOTE",
        "HOME_NOTE",
        "LAB_RESULT",
      ]);
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
      startsAt: berlin(
        1 + Math.floor(i / 40),
        `${String(9 + Math.floor((i % 40) / 4 / 2)).padStart(2, "0")}:${(Math.floor((i % 40) / 4) % 2) * 30 === 0 ? "00" : "30"}`,
      ),
      owner: owners[i % 10]!,
    }));
    for (let i = 0; i < slots.length; i += 10) {
      await Promise.all(
        slots.slice(i, i + 10).map(async ({ vetId, startsAt, owner }) => {
          const hold = await execute(
            stack.gateway.url,
            HoldSlotDocument,
            { input: { clinicId: clinic.clinicId, serviceId: clinic.serviceId, vetId, startsAt } },
            owner.owner.token,
          );
          if (hold.data?.holdSlot.__typename !== "SlotHold")
            throw new Error(`hold ${startsAt}: ${JSON.stringify(hold)}`);
          const booked = await execute(
            stack.gateway.url,
            ConfirmBookingDocument,
            { input: { holdId: hold.data.holdSlot.id, petId: owner.petId } },
            owner.owner.token,
          );
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
    const counts = {
      pets: stack.pets.sql.take(),
      identity: stack.identity.sql.take(),
      bookings: stack.bookings.sql.take(),
    };
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

describe("N+1: pets' bookings", () => {
  const MY_PETS_BOOKINGS = `query MyPetsBookings($first: Int) {
    myPets(first: $first) { edges { node { id bookings(first: 1) { edges { node { id startsAt } } pageInfo { hasNextPage endCursor } } } } }
  }`;
  type Page = {
    edges: { node: { id: string; startsAt: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
  type MyPetsBookings = { myPets: { edges: { node: { id: string; bookings: Page } }[] } };

  /** An owner with `pets` pets, each booked twice at one clinic (one vet, hourly from 09:00 over the next days). */
  async function ownerWithBookedPets(pets: number) {
    const clinic = await buildClinic(stack);
    const owner = await registerUser(stack, `booker${pets}`);
    const vetId = clinic.vets[0]!.user.id;
    for (let p = 0; p < pets; p++) {
      const petId = createdPet(
        await execute(
          stack.gateway.url,
          CreatePetDocument,
          { input: { name: `Pet ${p}`, species: "DOG" } },
          owner.token,
        ),
      ).id;
      for (const k of [2 * p, 2 * p + 1]) {
        const startsAt = berlin(1 + Math.floor(k / 8), `${String(9 + (k % 8)).padStart(2, "0")}:00`);
        const hold = await execute(
          stack.gateway.url,
          HoldSlotDocument,
          { input: { clinicId: clinic.clinicId, serviceId: clinic.serviceId, vetId, startsAt } },
          owner.token,
        );
        if (hold.data?.holdSlot.__typename !== "SlotHold") throw new Error(`hold ${startsAt}: ${JSON.stringify(hold)}`);
        const booked = await execute(
          stack.gateway.url,
          ConfirmBookingDocument,
          { input: { holdId: hold.data.holdSlot.id, petId } },
          owner.token,
        );
        if (booked.data?.confirmBooking.__typename !== "Booking") throw new Error(JSON.stringify(booked));
      }
    }
    return owner;
  }

  async function statementsForPetBookings(pets: number) {
    const owner = await ownerWithBookedPets(pets);
    stack.bookings.sql.take();
    const result = await post<MyPetsBookings>(
      stack.gateway.url,
      { query: MY_PETS_BOOKINGS, variables: { first: 100 } },
      owner.token,
    );
    const bookings = stack.bookings.sql.take();
    expect(result.errors).toBeUndefined();
    const pages = result.data!.myPets.edges.map((e) => e.node);
    expect(pages).toHaveLength(pets);
    for (const { bookings: page } of pages) {
      expect(page.edges).toHaveLength(1);
      expect(page.pageInfo.hasNextPage).toBe(true);
    }
    return { bookings, owner, first: pages[0]! };
  }

  it("the newest booking of each of 10 pets costs what 2 pets' cost, and each pet's next page follows its cursor", async () => {
    const two = await statementsForPetBookings(2);
    const ten = await statementsForPetBookings(10);
    expect(ten.bookings).toEqual(two.bookings);
    // bookings: one page statement for all pets (their facts come from pets, in one call).
    expect(two.bookings).toBe(1);

    const PET_BOOKINGS_AFTER = `query($id: ID!, $after: String) {
      pet(id: $id) { bookings(first: 5, after: $after) { edges { node { id startsAt } } pageInfo { hasNextPage } } }
    }`;
    const after = ten.first.bookings.pageInfo.endCursor;
    const next = await post<{ pet: { bookings: Page } }>(
      stack.gateway.url,
      { query: PET_BOOKINGS_AFTER, variables: { id: ten.first.id, after } },
      ten.owner.token,
    );
    expect(next.errors).toBeUndefined();
    expect(next.data!.pet.bookings.edges).toHaveLength(1);
    expect(next.data!.pet.bookings.pageInfo.hasNextPage).toBe(false);
    // Newest first: the page after the newest booking holds the earlier one.
    expect(Date.parse(next.data!.pet.bookings.edges[0]!.node.startsAt)).toBeLessThan(
      Date.parse(ten.first.bookings.edges[0]!.node.startsAt),
    );

    const bad = await post(
      stack.gateway.url,
      { query: PET_BOOKINGS_AFTER, variables: { id: ten.first.id, after: "not-a-cursor" } },
      ten.owner.token,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  }, 120_000);
});
