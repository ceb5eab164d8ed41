import { CreatePetDocument, MyPetsWithOwnersDocument } from "../clients/__generated__/graphql";
import { execute, registerUser, startStack, type Stack } from "./harness";

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
