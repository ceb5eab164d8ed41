import { MyPetsDocument, PetDocument } from "../clients/__generated__/graphql";
import { execute, onlyError, post, registerUser, startStack, type Stack } from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

describe("bad requests get coded GraphQL errors, never a 500 or a stack trace", () => {
  const cases: [string, unknown, string][] = [
    ["a syntax error", { query: "{ myPets { edges { node { id }" }, "GRAPHQL_PARSE_FAILED"],
    ["an unknown field", { query: "{ myPets { edges { node { wings } } } }" }, "GRAPHQL_VALIDATION_FAILED"],
    [
      "a wrongly typed variable",
      { query: "query($first: Int) { myPets(first: $first) { edges { cursor } } }", variables: { first: "ten" } },
      "BAD_USER_INPUT",
    ],
    ["a missing query", { variables: {} }, "BAD_REQUEST"],
  ];

  it.each(cases)("%s", async (_label, body, code) => {
    const { token } = await registerUser(stack);
    const response = await post(stack.gateway.url, body, token);
    expect(response.status).toBeLessThan(500);
    const error = onlyError(response);
    expect(error.extensions?.code).toBe(code);
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|\s+at /);
  });

  it("a body that is not JSON", async () => {
    const response = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: "Request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }],
    });
  });

  it("invalid ids answer BAD_USER_INPUT on the argument", async () => {
    const { token } = await registerUser(stack);
    for (const id of ["42", "not-a-uuid", "'; DROP TABLE pets.pets; --"]) {
      const result = await execute(stack.gateway.url, PetDocument, { id }, token);
      expect(result.status).toBe(200);
      expect(onlyError(result).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    }
  });

  it("anonymous calls to signed-in fields answer UNAUTHENTICATED", async () => {
    const result = await execute(stack.gateway.url, MyPetsDocument, {});
    expect(onlyError(result).extensions?.code).toBe("UNAUTHENTICATED");
  });
});
