// Subgraphs answer only the gateway and each other: the secret is required by default, and internal
// fields, `_entities`, `_service` and introspection refuse any caller without it even where it is not.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import {
  Kind,
  parse,
  type DocumentNode,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  type InputObjectTypeDefinitionNode,
  type TypeNode,
} from "graphql";
import { MeDocument } from "../clients/__generated__/graphql";
import { execute, post, registerUser, startStack, type Stack } from "./harness";

const SUBGRAPHS = ["identity", "pets", "ehr", "bookings", "messaging", "catalog", "orders", "ai", "reports"] as const;
type SubgraphName = (typeof SUBGRAPHS)[number];
type Operation = "query" | "mutation";

/** A subgraph's committed SDL (the kit's `@Internal()` writes `@inaccessible` into it). */
const sdlOf = (subgraph: SubgraphName) =>
  parse(readFileSync(resolve(__dirname, `../subgraphs/${subgraph}/schema.graphql`), "utf8"));

/** Root query and mutation fields a subgraph marks internal, with the operation that calls them. */
function internalRootFields(sdl: DocumentNode): { operation: Operation; field: FieldDefinitionNode }[] {
  return sdl.definitions.flatMap((definition) =>
    (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
    ["Query", "Mutation"].includes(definition.name.value)
      ? (definition.fields ?? [])
          .filter((field) => field.directives?.some((d) => d.name.value === "inaccessible"))
          .map((field) => ({ operation: definition.name.value.toLowerCase() as Operation, field }))
      : [],
  );
}

const UUID = "0b0e5a2c-4a0e-4f7c-9d1e-3c2b1a0f9e8d";

/**
 * A value of `type` that passes GraphQL validation (the guard refuses before the resolver looks at
 * it): scalars by name, an enum's first value, an input object's required fields (orders' stock
 * mutations at catalog take `input: ReserveStockInput!` and the like).
 */
function sample(type: TypeNode, sdl: DocumentNode): unknown {
  if (type.kind === Kind.NON_NULL_TYPE) return sample(type.type, sdl);
  if (type.kind === Kind.LIST_TYPE) return [sample(type.type, sdl)];
  const name = type.name.value;
  const scalar = { ID: UUID, String: "x", Int: 1, Float: 1, Boolean: true }[name];
  if (scalar !== undefined) return scalar;
  const definition = sdl.definitions.find(
    (d): d is InputObjectTypeDefinitionNode | EnumTypeDefinitionNode =>
      (d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION || d.kind === Kind.ENUM_TYPE_DEFINITION) && d.name.value === name,
  );
  if (definition?.kind === Kind.ENUM_TYPE_DEFINITION) return definition.values?.[0]?.name.value;
  if (definition?.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION)
    return Object.fromEntries(
      (definition.fields ?? [])
        .filter((f) => f.type.kind === Kind.NON_NULL_TYPE)
        .map((f) => [f.name.value, sample(f.type, sdl)]),
    );
  return UUID;
}

/** `query($a: [ID!]!) { field(a: $a) }` (or `mutation`) with sample variables, selecting `__typename` under object results. */
function callOf(operation: Operation, field: FieldDefinitionNode, scalarResult: boolean, sdl: DocumentNode) {
  // Required arguments only: an optional one (an enum filter, say) has no sample value to send.
  const args = (field.arguments ?? []).filter((a) => a.type.kind === Kind.NON_NULL_TYPE);
  const printType = (type: TypeNode): string =>
    type.kind === Kind.NON_NULL_TYPE
      ? `${printType(type.type)}!`
      : type.kind === Kind.LIST_TYPE
        ? `[${printType(type.type)}]`
        : type.name.value;
  const declarations = args.map((a) => `$${a.name.value}: ${printType(a.type)}`).join(", ");
  const passed = args.map((a) => `${a.name.value}: $${a.name.value}`).join(", ");
  const query = `${operation}${declarations ? `(${declarations})` : ""} { ${field.name.value}${passed ? `(${passed})` : ""}${scalarResult ? "" : " { __typename }"} }`;
  return { query, variables: Object.fromEntries(args.map((a) => [a.name.value, sample(a.type, sdl)])) };
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

const isScalar = (field: FieldDefinitionNode) =>
  ["ID", "String", "Int", "Float", "Boolean"].includes(namedType(field.type));

const internalCalls = SUBGRAPHS.flatMap((subgraph) => {
  const sdl = sdlOf(subgraph);
  return internalRootFields(sdl).map(({ operation, field }) => ({
    subgraph,
    field: field.name.value,
    ...callOf(operation, field, isScalar(field), sdl),
  }));
});

describe("subgraphs trust only the gateway (secret required, the default)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());

  const subgraphUrl = (name: SubgraphName) => stack[name].url;
  const withSecret = () => ({ "x-gateway-secret": stack.gatewaySecret.secret });

  it("marks some fields internal, so the sweeps below test something", () => {
    expect(internalCalls.map((c) => c.field)).toEqual(
      expect.arrayContaining([
        "notificationContacts",
        "clinicStaffIds",
        "petAudience",
        "reserveStock",
        "restockStock",
        "prescriptionRefills",
      ]),
    );
  });

  it("answers clients through the gateway as before", async () => {
    const { token, user } = await registerUser(stack);
    expect((await execute(stack.gateway.url, MeDocument, {}, token)).data?.me!.id).toBe(user.id);
  });

  it("refuses notificationContacts straight at identity without the secret, and leaks no email", async () => {
    const { user, email } = await registerUser(stack);
    const response = await post(stack.identity.url, {
      query: `{ notificationContacts(userIds: ["${user.id}"]) { email } }`,
    });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(JSON.stringify(response)).not.toContain(email);
    // The service that needs it (messaging, with the secret) still gets it.
    const asService = await post<{ notificationContacts: { email: string }[] }>(
      stack.identity.url,
      { query: `{ notificationContacts(userIds: ["${user.id}"]) { email } }` },
      undefined,
      withSecret(),
    );
    expect(asService.data?.notificationContacts).toEqual([{ email }]);
  });

  it("refuses every call without the secret at every subgraph: plain queries, _entities, _service and introspection", async () => {
    for (const name of SUBGRAPHS) {
      for (const query of [
        "{ __typename }",
        `{ _entities(representations: [{ __typename: "User", id: "${UUID}" }]) { __typename } }`,
        "{ _service { sdl } }",
        "{ __schema { types { name } } }",
      ]) {
        const response = await post(subgraphUrl(name), { query });
        expect({
          name,
          query,
          status: response.status,
          code: response.errors?.[0]?.extensions?.code,
          data: response.data,
        }).toEqual({ name, query, status: 401, code: "UNAUTHENTICATED", data: undefined });
      }
    }
  });

  it("refuses a wrong secret as it refuses none", async () => {
    const response = await post(stack.pets.url, { query: "{ __typename }" }, undefined, {
      "x-gateway-secret": `${stack.gatewaySecret.secret}x`,
    });
    expect(response.status).toBe(401);
  });

  it("refuses a subgraph WebSocket without the secret", async () => {
    const { WebSocket } = await import("ws");
    const socket = new WebSocket(stack.messaging.url.replace(/^http/, "ws"), "graphql-transport-ws");
    const closed = new Promise<number>((resolvePromise) => socket.on("close", (code) => resolvePromise(code)));
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: {} })));
    expect(await closed).toBe(4403);
  });
});

describe("internal fields with the secret not required of every call (REQUIRE_GATEWAY_SECRET=false)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ requireGatewaySecret: false });
  });
  afterAll(() => stack.stop());

  it.each(internalCalls)(
    "$subgraph refuses $field to a caller without the secret",
    async ({ subgraph, field, query, variables }) => {
      const { token } = await registerUser(stack);
      for (const auth of [undefined, token]) {
        const response = await post(stack[subgraph].url, { query, variables }, auth);
        expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
        // Refused by the field's resolver: the root field is null (nullable, docs/decisions/0024), nothing else is sent.
        expect(response.data).toEqual({ [field]: null });
      }
      const trusted = await post(stack[subgraph].url, { query, variables }, undefined, {
        "x-gateway-secret": stack.gatewaySecret.secret,
      });
      expect(trusted.errors?.[0]?.extensions?.code).not.toBe("FORBIDDEN");
    },
  );

  it("refuses _entities, _service and introspection without the secret, also hidden in fragments", async () => {
    for (const query of [
      `{ _entities(representations: [{ __typename: "Pet", id: "${UUID}" }]) { __typename } }`,
      "{ _service { sdl } }",
      "{ __schema { queryType { name } } }",
      '{ __type(name: "Pet") { name } }',
      "{ ...f } fragment f on Query { _service { sdl } }",
      "{ ... on Query { __schema { queryType { name } } } }",
    ]) {
      const response = await post(stack.pets.url, { query });
      expect({ query, code: response.errors?.[0]?.extensions?.code, status: response.status }).toEqual({
        query,
        code: "FORBIDDEN",
        status: 403,
      });
    }
    const trusted = await post<{ _service: { sdl: string } }>(
      stack.pets.url,
      { query: "{ _service { sdl } }" },
      undefined,
      { "x-gateway-secret": stack.gatewaySecret.secret },
    );
    expect(trusted.data?._service.sdl).toContain("petAudience");
  });

  it("still serves ordinary fields, which check the viewer themselves", async () => {
    const { token } = await registerUser(stack);
    const response = await post(stack.pets.url, { query: "{ myPets { edges { cursor } } }" }, token);
    expect(response.data).toEqual({ myPets: { edges: [] } });
  });
});

describe("production configuration", () => {
  const run = (env: Record<string, string>) =>
    promisify(execFile)(process.execPath, ["-r", "@swc-node/register", "src/main.ts"], {
      cwd: resolve(__dirname, "../gateway"),
      env: { PATH: process.env.PATH, NODE_ENV: "production", LOG_LEVEL: "fatal", PORT: "0", ...env },
      timeout: 20_000,
    }).then(
      () => ({ code: 0, output: "" }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        output: `${error.stdout ?? ""}${error.stderr ?? ""}`,
      }),
    );

  it.each([
    ["no secret", {}],
    ["the old compose default", { GATEWAY_SECRET: "change-me" }],
    ["a short secret", { GATEWAY_SECRET: "0123456789abcdef" }],
  ])("refuses to start the gateway with %s", async (_label, env) => {
    const { code, output } = await run(env);
    expect(code).not.toBe(0);
    expect(output).toContain("GATEWAY_SECRET");
  });
});
