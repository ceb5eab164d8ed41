import {
  AddCarerDocument,
  ArchivePetDocument,
  CreatePetDocument,
  MeWithPetsDocument,
  MyPetsDocument,
  PetDocument,
  PetWeightHistoryDocument,
  RecordWeightDocument,
  RemoveCarerDocument,
  UpdatePetDocument,
  type CreatePetInput,
} from "../clients/__generated__/graphql";
import {
  createdPet,
  execute,
  onlyError,
  registerUser,
  registerVerifiedUser,
  startStack,
  uniqueMicrochip,
  type Stack,
} from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

/** Fixture builder: a valid pet input with overrides. */
const buildPet = (overrides: Partial<CreatePetInput> = {}): CreatePetInput => ({
  name: "Rex",
  species: "DOG",
  ...overrides,
});

async function createPet(token: string, overrides: Partial<CreatePetInput> = {}) {
  return createdPet(await execute(stack.gateway.url, CreatePetDocument, { input: buildPet(overrides) }, token));
}

async function petCount(token: string): Promise<number> {
  const result = await execute(
    stack.gateway.url,
    MyPetsDocument,
    { first: 100, filter: { includeArchived: true } },
    token,
  );
  return result.data!.myPets!.edges.length;
}

describe("pets through the gateway", () => {
  it("creates a pet with all its details and joins its owner from identity", async () => {
    const owner = await registerUser(stack, "owner");
    const microchipId = uniqueMicrochip();
    const pet = await createPet(owner.token, {
      name: "  Luna ",
      species: "CAT",
      breed: "Maine Coon",
      sex: "FEMALE",
      neutered: true,
      dateOfBirth: "2021-04-03",
      colour: "tabby",
      microchipId,
      photoUrl: "https://example.test/luna.jpg",
      weightKg: 5.2,
    });
    expect(pet).toMatchObject({
      name: "Luna",
      species: "CAT",
      breed: "Maine Coon",
      sex: "FEMALE",
      neutered: true,
      dateOfBirth: "2021-04-03",
      microchipId,
      myRelationship: "OWNER",
      currentWeight: { weightKg: 5.2 },
      archivedAt: null,
    });
    const read = await execute(stack.gateway.url, PetDocument, { id: pet.id }, owner.token);
    expect(read.data?.pet!.owners).toEqual([{ id: owner.user.id, displayName: owner.user.displayName }]);
    const me = await execute(stack.gateway.url, MeWithPetsDocument, {}, owner.token);
    expect(me.data?.me!.pets!.edges.map((e) => e.node.name)).toEqual(["Luna"]);
  });

  it.each([
    ["an empty name", { name: "   " }, "input.name"],
    ["an over-long name", { name: "x".repeat(81) }, "input.name"],
    ["an over-long breed", { breed: "b".repeat(81) }, "input.breed"],
    ["an over-long colour", { colour: "c".repeat(41) }, "input.colour"],
    ["a future birth date", { dateOfBirth: "2999-01-01" }, "input.dateOfBirth"],
    ["a 14-digit microchip", { microchipId: "12345678901234" }, "input.microchipId"],
    ["a microchip with letters", { microchipId: "12345678901234A" }, "input.microchipId"],
    ["a non-http photo URL", { photoUrl: "javascript:alert(1)" }, "input.photoUrl"],
    ["a negative weight", { weightKg: -3 }, "input.weightKg"],
  ])("refuses %s with BAD_USER_INPUT on the field and writes nothing", async (_label, overrides, field) => {
    const owner = await registerUser(stack);
    const result = await execute(
      stack.gateway.url,
      CreatePetDocument,
      { input: buildPet(overrides as Partial<CreatePetInput>) },
      owner.token,
    );
    expect(result.data ?? null).toBeNull();
    const error = onlyError(result);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(JSON.stringify(error)).not.toMatch(/target|stack/);
    expect(await petCount(owner.token)).toBe(0);
  });

  it("refuses an invalid species value at the gateway", async () => {
    const owner = await registerUser(stack);
    const result = await execute(
      stack.gateway.url,
      CreatePetDocument,
      { input: buildPet({ species: "DRAGON" as CreatePetInput["species"] }) },
      owner.token,
    );
    expect(onlyError(result).extensions?.code).toBe("BAD_USER_INPUT");
    expect(await petCount(owner.token)).toBe(0);
  });

  it("hides another user's pet: NOT_FOUND for reading and for writing", async () => {
    const owner = await registerUser(stack, "owner");
    const stranger = await registerUser(stack, "stranger");
    const pet = await createPet(owner.token);
    const read = await execute(stack.gateway.url, PetDocument, { id: pet.id }, stranger.token);
    expect(onlyError(read).extensions).toMatchObject({ code: "NOT_FOUND" });
    const write = await execute(
      stack.gateway.url,
      UpdatePetDocument,
      { input: { id: pet.id, name: "Mine now" } },
      stranger.token,
    );
    expect(onlyError(write).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.id" });
    const archive = await execute(stack.gateway.url, ArchivePetDocument, { input: { id: pet.id } }, stranger.token);
    expect(onlyError(archive).extensions?.code).toBe("NOT_FOUND");
    const weigh = await execute(
      stack.gateway.url,
      RecordWeightDocument,
      { input: { petId: pet.id, weightKg: 1 } },
      stranger.token,
    );
    expect(onlyError(weigh).extensions?.code).toBe("NOT_FOUND");
    const share = await execute(
      stack.gateway.url,
      AddCarerDocument,
      { input: { petId: pet.id, email: stranger.email } },
      stranger.token,
    );
    expect(onlyError(share).extensions?.code).toBe("NOT_FOUND");
    expect(await petCount(stranger.token)).toBe(0);
    const unchanged = await execute(stack.gateway.url, PetDocument, { id: pet.id }, owner.token);
    expect(unchanged.data?.pet!.name).toBe("Rex");
  });

  it("lets a carer read but not change the pet, and hides it once the share ends", async () => {
    const owner = await registerUser(stack, "owner");
    const carer = await registerVerifiedUser(stack, "carer");
    const pet = await createPet(owner.token, { name: "Bello" });
    const added = await execute(
      stack.gateway.url,
      AddCarerDocument,
      { input: { petId: pet.id, email: carer.email.toUpperCase() } },
      owner.token,
    );
    expect(added.data?.addCarer).toMatchObject({ email: carer.email, until: null, active: true });

    const read = await execute(stack.gateway.url, PetDocument, { id: pet.id }, carer.token);
    expect(read.data?.pet).toMatchObject({ name: "Bello", myRelationship: "CARER", carers: [] });
    const list = await execute(stack.gateway.url, MyPetsDocument, { filter: { relationship: "CARER" } }, carer.token);
    expect(list.data?.myPets!.edges.map((e) => e.node.name)).toEqual(["Bello"]);

    const write = await execute(
      stack.gateway.url,
      UpdatePetDocument,
      { input: { id: pet.id, name: "Carer's dog" } },
      carer.token,
    );
    expect(onlyError(write).extensions?.code).toBe("FORBIDDEN");
    const weigh = await execute(
      stack.gateway.url,
      RecordWeightDocument,
      { input: { petId: pet.id, weightKg: 10 } },
      carer.token,
    );
    expect(onlyError(weigh).extensions?.code).toBe("FORBIDDEN");

    const removed = await execute(
      stack.gateway.url,
      RemoveCarerDocument,
      { input: { petId: pet.id, carerId: added.data!.addCarer.id } },
      owner.token,
    );
    expect(removed.data?.removeCarer.carers).toEqual([]);
    const gone = await execute(stack.gateway.url, PetDocument, { id: pet.id }, carer.token);
    expect(onlyError(gone).extensions?.code).toBe("NOT_FOUND");
  });

  it("an expired carer sees nothing", async () => {
    const owner = await registerUser(stack, "owner");
    const carer = await registerVerifiedUser(stack, "carer");
    const pet = await createPet(owner.token);
    // Long enough that a loaded machine still reads the pet before the share ends (1.5 s was not, in CI).
    const untilMs = Date.now() + 4000;
    const until = new Date(untilMs).toISOString();
    const added = await execute(
      stack.gateway.url,
      AddCarerDocument,
      { input: { petId: pet.id, email: carer.email, until } },
      owner.token,
    );
    expect(added.data?.addCarer.active).toBe(true);
    expect((await execute(stack.gateway.url, PetDocument, { id: pet.id }, carer.token)).data?.pet!.name).toBe("Rex");
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, untilMs - Date.now()) + 200));
    expect(onlyError(await execute(stack.gateway.url, PetDocument, { id: pet.id }, carer.token)).extensions?.code).toBe(
      "NOT_FOUND",
    );
    expect(await petCount(carer.token)).toBe(0);
    const ownerView = await execute(stack.gateway.url, PetDocument, { id: pet.id }, owner.token);
    expect(ownerView.data?.pet!.carers).toEqual([expect.objectContaining({ email: carer.email, active: false })]);
    const past = await execute(
      stack.gateway.url,
      AddCarerDocument,
      { input: { petId: pet.id, email: carer.email, until: "2020-01-01T00:00:00Z" } },
      owner.token,
    );
    expect(onlyError(past).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.until" });
  });

  it("updates, archives and keeps the archive out of myPets", async () => {
    const owner = await registerUser(stack);
    const pet = await createPet(owner.token, { dateOfBirth: "2015-05-05" });
    const updated = await execute(
      stack.gateway.url,
      UpdatePetDocument,
      { input: { id: pet.id, name: "Rexy", breed: null, deceasedOn: "2024-01-01" } },
      owner.token,
    );
    expect(updated.data?.updatePet).toMatchObject({
      name: "Rexy",
      breed: null,
      deceasedOn: "2024-01-01",
      dateOfBirth: "2015-05-05",
    });
    const beforeBirth = await execute(
      stack.gateway.url,
      UpdatePetDocument,
      { input: { id: pet.id, deceasedOn: "2010-01-01" } },
      owner.token,
    );
    expect(onlyError(beforeBirth).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.deceasedOn" });
    const archived = await execute(stack.gateway.url, ArchivePetDocument, { input: { id: pet.id } }, owner.token);
    expect(archived.data?.archivePet.archivedAt).toEqual(expect.any(String));
    const list = await execute(stack.gateway.url, MyPetsDocument, {}, owner.token);
    expect(list.data?.myPets!.edges).toEqual([]);
    expect(await petCount(owner.token)).toBe(1);
  });

  it("records weights and pages the history newest first", async () => {
    const owner = await registerUser(stack);
    const pet = await createPet(owner.token);
    for (const [i, kg] of [10, 11, 12, 13, 14].entries()) {
      const measuredAt = new Date(Date.UTC(2024, 0, 1 + i)).toISOString();
      const result = await execute(
        stack.gateway.url,
        RecordWeightDocument,
        { input: { petId: pet.id, weightKg: kg, measuredAt } },
        owner.token,
      );
      expect(result.errors).toBeUndefined();
    }
    const future = await execute(
      stack.gateway.url,
      RecordWeightDocument,
      { input: { petId: pet.id, weightKg: 1, measuredAt: "2999-01-01T00:00:00Z" } },
      owner.token,
    );
    expect(onlyError(future).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.measuredAt" });
    const page1 = await execute(stack.gateway.url, PetWeightHistoryDocument, { id: pet.id, first: 3 }, owner.token);
    expect(page1.data?.pet!.currentWeight?.weightKg).toBe(14);
    expect(page1.data?.pet!.weightHistory.edges.map((e) => e.node.weightKg)).toEqual([14, 13, 12]);
    const page2 = await execute(
      stack.gateway.url,
      PetWeightHistoryDocument,
      { id: pet.id, first: 3, after: page1.data!.pet!.weightHistory.pageInfo.endCursor },
      owner.token,
    );
    expect(page2.data?.pet!.weightHistory.edges.map((e) => e.node.weightKg)).toEqual([11, 10]);
    expect(page2.data?.pet!.weightHistory.pageInfo.hasNextPage).toBe(false);
    // Cursors keep the format clients already hold: base64url JSON of [measuredAt, seq].
    const cursor = page1.data!.pet!.weightHistory.pageInfo.endCursor!;
    expect(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))).toEqual([
      new Date(Date.UTC(2024, 0, 3)).toISOString(),
      expect.stringMatching(/^\d+$/),
    ]);
    for (const after of ["garbage", Buffer.from('["yesterday", "1"]').toString("base64url")]) {
      const forged = await execute(stack.gateway.url, PetWeightHistoryDocument, { id: pet.id, after }, owner.token);
      expect(onlyError(forged).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    }
  });
});

describe("myPets pagination", () => {
  it("pages with stable cursors, unaffected by pets added meanwhile", async () => {
    const owner = await registerUser(stack);
    for (let i = 1; i <= 5; i++) await createPet(owner.token, { name: `Pet ${i}` });
    const first = await execute(stack.gateway.url, MyPetsDocument, { first: 2 }, owner.token);
    expect(first.data?.myPets!.edges.map((e) => e.node.name)).toEqual(["Pet 1", "Pet 2"]);
    expect(first.data?.myPets!.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const cursor = first.data!.myPets!.pageInfo.endCursor!;
    const second = await execute(stack.gateway.url, MyPetsDocument, { first: 2, after: cursor }, owner.token);
    expect(second.data?.myPets!.edges.map((e) => e.node.name)).toEqual(["Pet 3", "Pet 4"]);
    await createPet(owner.token, { name: "Pet 6" });
    const again = await execute(stack.gateway.url, MyPetsDocument, { first: 2, after: cursor }, owner.token);
    expect(again.data?.myPets!.edges).toEqual(second.data?.myPets!.edges);
    const rest = await execute(
      stack.gateway.url,
      MyPetsDocument,
      { first: 10, after: second.data!.myPets!.pageInfo.endCursor },
      owner.token,
    );
    expect(rest.data?.myPets!.edges.map((e) => e.node.name)).toEqual(["Pet 5", "Pet 6"]);
    expect(rest.data?.myPets!.pageInfo.hasNextPage).toBe(false);
    const filtered = await execute(
      stack.gateway.url,
      MyPetsDocument,
      { filter: { nameContains: "pet 3" } },
      owner.token,
    );
    expect(filtered.data?.myPets!.edges.map((e) => e.node.name)).toEqual(["Pet 3"]);
  });

  it.each([0, -1, 101])("refuses first=%i", async (first) => {
    const owner = await registerUser(stack);
    const result = await execute(stack.gateway.url, MyPetsDocument, { first }, owner.token);
    expect(onlyError(result).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  it("refuses a forged cursor", async () => {
    const owner = await registerUser(stack);
    for (const after of ["garbage", Buffer.from('["1; DROP TABLE pets"]').toString("base64url")]) {
      const result = await execute(stack.gateway.url, MyPetsDocument, { after }, owner.token);
      expect(onlyError(result).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    }
  });
});
