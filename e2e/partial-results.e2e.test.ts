// Issue 11, item 1 (the schema half): one subgraph down costs only its own fields (docs/decisions/0024).
import { CreatePetDocument } from "../clients/__generated__/graphql";
import { execute, post, registerUser, startStack, type Stack } from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

async function stopForGood(name: "identity" | "ehr" | "bookings"): Promise<void> {
  await stack[name].stop();
  // The stack's own stop at the end must not stop it again.
  stack[name] = { ...stack[name], stop: async () => ({ clean: true }) };
}

/** The operation of the report, plus the fields bookings adds to a pet. */
const HOME_SCREEN = `{
  me { displayName }
  myPets(first: 10) { edges { node {
    name
    owners { displayName }
    healthTimeline(first: 5) { edges { node { kind } } }
    upcomingReminders { dueOn }
    bookings(first: 5) { edges { node { id } } }
  } } }
}`;

describe("with ehr and bookings down", () => {
  it("answers what identity and pets serve, with null for ehr's and bookings' fields and errors saying so", async () => {
    const owner = await registerUser(stack, "owner");
    await execute(stack.gateway.url, CreatePetDocument, { input: { name: "Luna", species: "CAT" } }, owner.token);
    const healthy = await post(stack.gateway.url, { query: HOME_SCREEN }, owner.token);
    expect(healthy.errors).toBeUndefined();

    for (const name of ["ehr", "bookings"] as const) await stopForGood(name);
    const partial = await post(stack.gateway.url, { query: HOME_SCREEN }, owner.token);
    expect(partial.data).toEqual({
      me: { displayName: owner.user.displayName },
      myPets: {
        edges: [
          {
            node: {
              name: "Luna",
              owners: [{ displayName: owner.user.displayName }],
              healthTimeline: null,
              upcomingReminders: null,
              bookings: null,
            },
          },
        ],
      },
    });
    // One coded error per field that failed, at its path, naming the service (docs/decisions/0025).
    const node = ["myPets", "edges", 0, "node"];
    const errors = (partial.errors ?? []).map((error) => ({
      path: error.path,
      code: error.extensions?.code,
      service: error.extensions?.service,
    }));
    expect(errors.sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)))).toEqual([
      { path: [...node, "bookings"], code: "SUBGRAPH_UNAVAILABLE", service: "bookings" },
      { path: [...node, "healthTimeline"], code: "SUBGRAPH_UNAVAILABLE", service: "ehr" },
      { path: [...node, "upcomingReminders"], code: "SUBGRAPH_UNAVAILABLE", service: "ehr" },
    ]);
    for (const error of partial.errors ?? []) expect(error.message).not.toMatch(/fetch failed|http:|127\.0\.0\.1/);
  });
});

describe("with identity down", () => {
  it("answers pets' root field, with null for identity's and an error", async () => {
    const owner = await registerUser(stack, "owner");
    await execute(stack.gateway.url, CreatePetDocument, { input: { name: "Rex", species: "DOG" } }, owner.token);
    await stopForGood("identity");
    // Before docs/decisions/0024 made root Query fields nullable, `me: User!` nulled the whole answer.
    const partial = await post(
      stack.gateway.url,
      { query: "{ me { displayName } myPets(first: 10) { edges { node { name } } } }" },
      owner.token,
    );
    expect(partial.data).toEqual({ me: null, myPets: { edges: [{ node: { name: "Rex" } }] } });
    expect(
      partial.errors?.map((error) => ({
        path: error.path,
        code: error.extensions?.code,
        service: error.extensions?.service,
      })),
    ).toEqual([{ path: ["me"], code: "SUBGRAPH_UNAVAILABLE", service: "identity" }]);
  });
});
