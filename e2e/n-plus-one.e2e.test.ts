import { randomUUID } from "node:crypto";
import {
  AddHomeNoteDocument,
  CreatePetDocument,
  GrantRecordAccessDocument,
  MyPetsTimelinesDocument,
  MyPetsWithOwnersDocument,
  RecordAllergyDocument,
  RecordLabResultDocument,
} from "../clients/__generated__/graphql";
import { execute, registerClinicMember, registerUser, startStack, type Stack } from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

/** Runs `myPets { owners { displayName } }` for an owner of `n` pets and counts SQL statements per subgraph. */
async function statementsFor(n: number) {
  const owner = await registerUser(stack, `owner${n}`);
  const coOwned = await Promise.all(
    Array.from({ length: n }, (_, i) => execute(stack.gateway.url, CreatePetDocument, { input: { name: `Pet ${i}`, species: "DOG" } }, owner.token)),
  );
  expect(coOwned.every((r) => r.data?.createPet.id)).toBe(true);
  stack.pets.sql.take();
  stack.identity.sql.take();
  const result = await execute(stack.gateway.url, MyPetsWithOwnersDocument, { first: 100 }, owner.token);
  const counts = { pets: stack.pets.sql.take(), identity: stack.identity.sql.take() };
  expect(result.errors).toBeUndefined();
  expect(result.data?.myPets.edges).toHaveLength(n);
  for (const edge of result.data!.myPets.edges) expect(edge.node.owners).toEqual([{ id: owner.user.id, displayName: owner.user.displayName }]);
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
    const clinicId = randomUUID();
    const vet = await registerClinicMember(stack, clinicId);
    const petIds: string[] = [];
    for (let i = 0; i < pets; i++) {
      const created = await execute(stack.gateway.url, CreatePetDocument, { input: { name: `Pet ${i}`, species: "DOG" } }, owner.token);
      petIds.push(created.data!.createPet.id);
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
    const timelines = result.data!.myPets.edges.map((e) => e.node.healthTimeline.edges.map((t) => t.node.kind));
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
