import { parse } from "graphql";
import { failedFieldPaths, failureErrors, transportFailure } from "./subgraph-failure";

// Operations as Apollo Gateway's query planner writes them for a subgraph.
const entityFetch = parse(
  `query MyPets__ehr__1($representations:[_Any!]!){_entities(representations:$representations){...on Pet{__typename healthTimeline(first:5){edges{node{kind}}}recent:upcomingReminders{dueOn}}}}`,
);
const rootFetch = parse(`query Me__identity__0{me{__typename id displayName}...on Query{viewer:me{id}}}`);

describe("failedFieldPaths", () => {
  it("names, for an entity fetch, each representation's selected fields by response key, leaving out __typename", () => {
    expect(
      failedFieldPaths(entityFetch, [
        { __typename: "Pet", id: "1" },
        { __typename: "Pet", id: "2" },
      ]),
    ).toEqual([
      ["_entities", 0, "healthTimeline"],
      ["_entities", 0, "recent"],
      ["_entities", 1, "healthTimeline"],
      ["_entities", 1, "recent"],
    ]);
  });

  it("selects by each representation's __typename, through named fragments", () => {
    const mixed = parse(
      `query Q__pets__1($representations:[_Any!]!){_entities(representations:$representations){...on User{pets{id}}...PetFields}} fragment PetFields on Pet{name owners{id}}`,
    );
    expect(
      failedFieldPaths(mixed, [
        { __typename: "Pet", id: "1" },
        { __typename: "User", id: "2" },
      ]),
    ).toEqual([
      ["_entities", 0, "name"],
      ["_entities", 0, "owners"],
      ["_entities", 1, "pets"],
    ]);
  });

  it("falls back to the entity as a whole when nothing is selected for its type", () => {
    expect(failedFieldPaths(entityFetch, [{ __typename: "Clinic", id: "1" }, null])).toEqual([
      ["_entities", 0],
      ["_entities", 1],
    ]);
  });

  it("names, for a root fetch, each top-level field once", () => {
    expect(failedFieldPaths(rootFetch)).toEqual([["me"], ["viewer"]]);
    expect(
      failedFieldPaths(parse(`mutation Login__identity__0($input:LoginInput!){login(input:$input){__typename}}`)),
    ).toEqual([["login"]]);
  });
});

describe("failureErrors", () => {
  const representations = Array.from({ length: 60 }, (_, i) => ({ __typename: "Pet", id: String(i) }));

  it("gives each field the code, the service and a message without an address", () => {
    const [first] = failureErrors({
      kind: "timeout",
      service: "ehr",
      timeoutMs: 5000,
      document: entityFetch,
      representations,
    });
    expect(first).toEqual({
      message: "The ehr service did not answer within 5000 ms.",
      path: ["_entities", 0, "healthTimeline"],
      extensions: { code: "SUBGRAPH_TIMEOUT", service: "ehr" },
    });
    const [login] = failureErrors({ kind: "unavailable", service: "identity", timeoutMs: 5000, document: rootFetch });
    expect(login).toEqual({
      message: "The identity service is unavailable.",
      path: ["me"],
      extensions: { code: "SUBGRAPH_UNAVAILABLE", service: "identity" },
    });
  });

  it("stops at the cap, the last error counting the fields left out", () => {
    const errors = failureErrors(
      { kind: "unavailable", service: "ehr", timeoutMs: 5000, document: entityFetch, representations },
      100,
    );
    expect(errors).toHaveLength(100);
    expect(errors[99]).toEqual({
      message: "The ehr service is unavailable. 20 more fields failed alike and are not listed.",
      path: ["_entities", 49, "recent"],
      extensions: { code: "SUBGRAPH_UNAVAILABLE", service: "ehr" },
    });
    expect(errors[98]!.message).toBe("The ehr service is unavailable.");
    expect(
      failureErrors(
        {
          kind: "unavailable",
          service: "ehr",
          timeoutMs: 5000,
          document: entityFetch,
          representations: representations.slice(0, 50),
        },
        100,
      ),
    ).toHaveLength(100);
  });
});

describe("transportFailure", () => {
  // What undici throws, wrapped as it wraps them.
  const withCode = (code: string, message = "fetch failed") =>
    Object.assign(new TypeError(message), { cause: Object.assign(new Error("inner"), { code }) });

  it("tells timeouts from everything else that got no answer", () => {
    expect(transportFailure(withCode("UND_ERR_HEADERS_TIMEOUT")).kind).toBe("timeout");
    expect(
      transportFailure(Object.assign(new Error("Body Timeout Error"), { code: "UND_ERR_BODY_TIMEOUT" })).kind,
    ).toBe("timeout");
    expect(transportFailure(withCode("ECONNREFUSED"))).toMatchObject({ kind: "unavailable", reason: "ECONNREFUSED" });
    expect(transportFailure(withCode("ECONNRESET")).kind).toBe("unavailable");
    expect(transportFailure(new Error("other side closed")).kind).toBe("unavailable");
  });
});
