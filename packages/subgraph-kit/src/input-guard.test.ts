import { buildSchema, parse, validate } from "graphql";
import {
  findInputProblem,
  InputGuardRule,
  MAX_STRING_LENGTH,
  scalarProblem,
  variablesProblem,
  withoutSuggestions,
} from "./input-guard";

describe("scalarProblem", () => {
  it.each([
    ["plain text", undefined],
    ["emoji 🐶 and umlauts äöü", undefined],
    ["a\u0000b", /NUL/],
    ["\uD800alone", /lone surrogate/],
    ["tail \uDC00", /lone surrogate/],
    ["x".repeat(MAX_STRING_LENGTH + 1), /at most/],
  ])("%j", (value, problem) => {
    const found = scalarProblem(value);
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeUndefined();
  });

  it("refuses non-finite numbers and accepts finite ones", () => {
    expect(scalarProblem(Number.POSITIVE_INFINITY)).toMatch(/finite/);
    expect(scalarProblem(Number.NaN)).toMatch(/finite/);
    expect(scalarProblem(1e308)).toBeUndefined();
  });
});

describe("findInputProblem", () => {
  it("names the path of the first problem in nested objects and lists", () => {
    expect(findInputProblem({ notes: { plan: "ok" }, tags: ["a", "b\u0000"] }, "input")).toEqual({
      field: "input.tags[1]",
      message: "must not contain NUL characters",
    });
    expect(findInputProblem({ weightKg: JSON.parse("1e999") }, "input")).toEqual({
      field: "input.weightKg",
      message: "must be a finite number",
    });
    expect(findInputProblem({ "bad\u0000key": 1 }, "input")?.field).toBe("input");
    expect(findInputProblem({ a: [1, { b: null }] }, "input")).toBeUndefined();
  });

  it("variablesProblem is BAD_USER_INPUT with the field, HTTP 400, and never echoes the value", () => {
    const error = variablesProblem({ first: 2, input: { name: "Rex\u0000secret" } });
    expect(error?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.name", http: { status: 400 } });
    expect(error?.message).not.toContain("secret");
    expect(variablesProblem(undefined)).toBeUndefined();
  });
});

describe("InputGuardRule", () => {
  const schema = buildSchema(`
    input PetInput { name: String, weightKg: Float, tags: [String!] }
    type Query { pet(input: PetInput, note: String): Int }
  `);
  const errorsOf = (query: string) =>
    validate(schema, parse(query), [InputGuardRule]).map((e) => [e.extensions.field, e.message]);

  it("names the argument path of a bad literal", () => {
    expect(errorsOf('{ pet(input: { name: "Rex\\u0000" }) }')).toEqual([
      ["input.name", "Invalid value for input.name: must not contain NUL characters"],
    ]);
    expect(errorsOf("{ pet(input: { weightKg: 1e999 }) }")).toEqual([
      ["input.weightKg", "Invalid value for input.weightKg: must be a finite number"],
    ]);
    expect(errorsOf(`{ pet(note: "${"x".repeat(MAX_STRING_LENGTH + 1)}") }`)).toEqual([
      ["note", `Invalid value for note: must be at most ${MAX_STRING_LENGTH} characters`],
    ]);
    expect(errorsOf('{ pet(input: { tags: ["ok", "b\\u0000"] }) }')[0]?.[0]).toBe("input.tags");
  });

  it("leaves lone surrogates in literals to GraphQL-js's parser, which refuses them", () => {
    expect(() => parse('{ pet(note: "\\uD800") }')).toThrow(/Invalid Unicode escape/);
  });

  it("lets good literals through", () => {
    expect(errorsOf('{ pet(input: { name: "Rex 🐶", weightKg: 12.5 }, note: "fine") }')).toEqual([]);
  });
});

it("withoutSuggestions drops GraphQL-js's schema hints", () => {
  expect(withoutSuggestions('Cannot query field "myPetz" on type "Query". Did you mean "myPets"?')).toBe(
    'Cannot query field "myPetz" on type "Query".',
  );
});
