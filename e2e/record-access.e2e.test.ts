import { randomUUID } from "node:crypto";
import {
  CreatePetDocument,
  GrantRecordAccessDocument,
  MyPetsDocument,
  PetDocument,
  PetRecordAccessDocument,
  PetsByIdsDocument,
  RevokeRecordAccessDocument,
  UpdatePetDocument,
} from "../clients/__generated__/graphql";
import {
  createdPet,
  execute,
  onlyError,
  registerClinic,
  registerClinicMember,
  registerUser,
  startStack,
  type Stack,
} from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

async function ownerWithPet() {
  const owner = await registerUser(stack, "owner");
  const created = await execute(
    stack.gateway.url,
    CreatePetDocument,
    { input: { name: "Mira", species: "CAT" } },
    owner.token,
  );
  return { owner, petId: createdPet(created).id };
}

describe("clinic access to a pet's record, granted by an owner", () => {
  it("lets vets of the granted clinic read the pet, not change it, until revoked", async () => {
    const { owner, petId } = await ownerWithPet();
    const { clinicId } = await registerClinic(stack);
    const vet = await registerClinicMember(stack, clinicId);
    const otherVet = await registerClinicMember(stack, (await registerClinic(stack)).clinicId);

    expect(onlyError(await execute(stack.gateway.url, PetDocument, { id: petId }, vet.token)).extensions?.code).toBe(
      "NOT_FOUND",
    );

    const granted = await execute(
      stack.gateway.url,
      GrantRecordAccessDocument,
      { input: { petId, clinicId } },
      owner.token,
    );
    expect(granted.data?.grantRecordAccess).toMatchObject({ clinic: { id: clinicId }, until: null, active: true });

    const seen = await execute(stack.gateway.url, PetsByIdsDocument, { ids: [petId] }, vet.token);
    expect(seen.data?.pets).toEqual([
      { id: petId, name: "Mira", myRelationship: "CLINIC", myClinicAccess: [{ id: clinicId }] },
    ]);
    const patients = await execute(
      stack.gateway.url,
      MyPetsDocument,
      { filter: { relationship: "CLINIC" } },
      vet.token,
    );
    expect(patients.data?.myPets!.edges.map((e) => e.node.id)).toEqual([petId]);
    expect((await execute(stack.gateway.url, MyPetsDocument, {}, vet.token)).data?.myPets!.edges).toEqual([]);
    const write = await execute(
      stack.gateway.url,
      UpdatePetDocument,
      { input: { id: petId, name: "Vet's cat" } },
      vet.token,
    );
    expect(onlyError(write).extensions?.code).toBe("FORBIDDEN");
    expect((await execute(stack.gateway.url, PetsByIdsDocument, { ids: [petId] }, otherVet.token)).data?.pets).toEqual([
      null,
    ]);

    const vetSeesGrants = await execute(stack.gateway.url, PetRecordAccessDocument, { id: petId }, vet.token);
    expect(vetSeesGrants.data?.pet!.recordAccessGrants).toEqual([]);
    const grants = await execute(stack.gateway.url, PetRecordAccessDocument, { id: petId }, owner.token);
    expect(grants.data?.pet!.recordAccessGrants).toHaveLength(1);

    const revoked = await execute(
      stack.gateway.url,
      RevokeRecordAccessDocument,
      { input: { petId, grantId: granted.data!.grantRecordAccess.id } },
      owner.token,
    );
    expect(revoked.data?.revokeRecordAccess).toMatchObject({ active: false, revokedAt: expect.any(String) });
    expect(onlyError(await execute(stack.gateway.url, PetDocument, { id: petId }, vet.token)).extensions?.code).toBe(
      "NOT_FOUND",
    );
  });

  it("ends by itself when the grant expires", async () => {
    const { owner, petId } = await ownerWithPet();
    const { clinicId } = await registerClinic(stack);
    const vet = await registerClinicMember(stack, clinicId, "CLINIC_STAFF");
    const until = new Date(Date.now() + 1500).toISOString();
    await execute(stack.gateway.url, GrantRecordAccessDocument, { input: { petId, clinicId, until } }, owner.token);
    expect(
      (await execute(stack.gateway.url, PetsByIdsDocument, { ids: [petId] }, vet.token)).data?.pets![0]?.myRelationship,
    ).toBe("CLINIC");
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect((await execute(stack.gateway.url, PetsByIdsDocument, { ids: [petId] }, vet.token)).data?.pets).toEqual([
      null,
    ]);
  });

  it("only owners grant: strangers get NOT_FOUND, bad input BAD_USER_INPUT", async () => {
    const { owner, petId } = await ownerWithPet();
    const stranger = await registerUser(stack, "stranger");
    const byStranger = await execute(
      stack.gateway.url,
      GrantRecordAccessDocument,
      { input: { petId, clinicId: randomUUID() } },
      stranger.token,
    );
    expect(onlyError(byStranger).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.petId" });
    const badClinic = await execute(
      stack.gateway.url,
      GrantRecordAccessDocument,
      { input: { petId, clinicId: "clinic-1" } },
      owner.token,
    );
    expect(onlyError(badClinic).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.clinicId" });
    const past = await execute(
      stack.gateway.url,
      GrantRecordAccessDocument,
      { input: { petId, clinicId: randomUUID(), until: "2020-01-01T00:00:00Z" } },
      owner.token,
    );
    expect(onlyError(past).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.until" });
    expect(
      (await execute(stack.gateway.url, PetRecordAccessDocument, { id: petId }, owner.token)).data?.pet!
        .recordAccessGrants,
    ).toEqual([]);
  });
});
