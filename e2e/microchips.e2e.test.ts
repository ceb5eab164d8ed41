// Issue 11, item 8: "The same microchip number can be registered for a second pet by a stranger."
// A chip belongs to one living pet (not deceased, not archived); a second registration answers
// MicrochipTakenError, a member of createPet's and updatePet's result unions, revealing nobody's pet
// (docs/decisions/0027). The database enforces it, so concurrent registrations cannot both succeed.
import {
  ArchivePetDocument,
  CreatePetDocument,
  MyPetsDocument,
  PetDocument,
  UpdatePetDocument,
} from "../clients/__generated__/graphql";
import { createPet, execute, onlyError, registerUser, startStack, uniqueMicrochip, type Stack } from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

const TAKEN = { __typename: "MicrochipTakenError", message: expect.stringContaining("microchip") };

/** "276098106123456" as a passport prints it: groups of three, hyphenated or spaced. */
const grouped = (chip: string) => `${chip.slice(0, 3)} ${chip.slice(3, 6)}-${chip.slice(6, 9)} ${chip.slice(9)}`;

describe("a microchip number belongs to one living pet", () => {
  it("a stranger registering the same chip, written another way, gets MicrochipTakenError and learns nothing of the pet or its owner", async () => {
    const owner = await registerUser(stack, "owner");
    const chip = uniqueMicrochip();
    const first = await createPet(stack, owner.token, { name: "Rex", microchipId: ` ${grouped(chip)} ` });
    expect(first.microchipId).toBe(chip);

    const stranger = await registerUser(stack, "stranger");
    const second = await execute(
      stack.gateway.url,
      CreatePetDocument,
      { input: { name: "Not Rex", species: "DOG", microchipId: grouped(chip) } },
      stranger.token,
    );
    expect(second).toEqual({ status: 200, data: { createPet: TAKEN } });
    expect(JSON.stringify(second)).not.toContain(first.id);
    expect(JSON.stringify(second)).not.toContain(owner.user.id);
    expect((await execute(stack.gateway.url, MyPetsDocument, {}, stranger.token)).data?.myPets!.edges).toEqual([]);

    // Moving another pet onto the chip is refused the same way, and that pet stays as it was.
    const other = await createPet(stack, stranger.token, { name: "Bello" });
    const moved = await execute(
      stack.gateway.url,
      UpdatePetDocument,
      { input: { id: other.id, name: "Renamed", microchipId: chip } },
      stranger.token,
    );
    expect(moved.data?.updatePet).toEqual(TAKEN);
    expect((await execute(stack.gateway.url, PetDocument, { id: other.id }, stranger.token)).data?.pet).toMatchObject({
      name: "Bello",
      microchipId: null,
    });

    // The owner may still save their own pet with its chip.
    const own = await execute(
      stack.gateway.url,
      UpdatePetDocument,
      { input: { id: first.id, name: "Rexy", microchipId: chip } },
      owner.token,
    );
    expect(own.data?.updatePet).toMatchObject({ __typename: "Pet", name: "Rexy", microchipId: chip });
  });

  it("is free again once its pet died or was archived, and taken again if the deceased pet comes back to life", async () => {
    const owner = await registerUser(stack, "owner");
    const [deceasedChip, archivedChip] = [uniqueMicrochip(), uniqueMicrochip()];
    const old = await createPet(stack, owner.token, {
      name: "Old",
      dateOfBirth: "2010-01-01",
      microchipId: deceasedChip,
    });
    const archived = await createPet(stack, owner.token, { name: "Gone", microchipId: archivedChip });
    expect(
      (
        await execute(
          stack.gateway.url,
          UpdatePetDocument,
          { input: { id: old.id, deceasedOn: "2024-05-01" } },
          owner.token,
        )
      ).data?.updatePet.__typename,
    ).toBe("Pet");
    expect(
      (await execute(stack.gateway.url, ArchivePetDocument, { input: { id: archived.id } }, owner.token)).errors,
    ).toBeUndefined();

    // A chip is re-used, e.g. by a shelter re-registering an animal whose record was closed.
    const rescuer = await registerUser(stack, "rescuer");
    await createPet(stack, rescuer.token, { name: "New", microchipId: deceasedChip });
    await createPet(stack, rescuer.token, { name: "Found", microchipId: archivedChip });

    const revived = await execute(
      stack.gateway.url,
      UpdatePetDocument,
      { input: { id: old.id, deceasedOn: null } },
      owner.token,
    );
    expect(revived.data?.updatePet).toEqual(TAKEN);
    expect((await execute(stack.gateway.url, PetDocument, { id: old.id }, owner.token)).data?.pet!.deceasedOn).toBe(
      "2024-05-01",
    );
  });

  it("two registrations of one chip at the same moment: exactly one pet gets it", async () => {
    const chip = uniqueMicrochip();
    const owners = await Promise.all(Array.from({ length: 6 }, (_, i) => registerUser(stack, `racer${i}`)));
    const results = await Promise.all(
      owners.map((o) =>
        execute(
          stack.gateway.url,
          CreatePetDocument,
          { input: { name: "Twin", species: "CAT", microchipId: chip } },
          o.token,
        ),
      ),
    );
    expect(results.map((r) => r.errors)).toEqual(results.map(() => undefined));
    expect(results.map((r) => r.data?.createPet.__typename).sort()).toEqual([
      "MicrochipTakenError",
      "MicrochipTakenError",
      "MicrochipTakenError",
      "MicrochipTakenError",
      "MicrochipTakenError",
      "Pet",
    ]);
  });

  it("ISO 11784 (15 digits) and older chips (9 to 10 letters and digits) are accepted; anything else is BAD_USER_INPUT on the field", async () => {
    const owner = await registerUser(stack, "owner");
    const older = uniqueMicrochip().slice(0, 8);
    expect((await createPet(stack, owner.token, { microchipId: `a${older}b` })).microchipId).toBe(`A${older}B`);
    expect((await createPet(stack, owner.token, { microchipId: older.padEnd(9, "7") })).microchipId).toBe(
      older.padEnd(9, "7"),
    );
    for (const microchipId of ["12345678", "1234567890123", "12345678901234567", "276.098.106.123"]) {
      const refused = await execute(
        stack.gateway.url,
        CreatePetDocument,
        { input: { name: "Bad", species: "DOG", microchipId } },
        owner.token,
      );
      expect(onlyError(refused).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.microchipId" });
    }
  });
});
