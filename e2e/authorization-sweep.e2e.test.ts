import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isInputObjectType,
  type GraphQLInputType,
  type IntrospectionQuery,
} from "graphql";
import { buildSweepFixtures, type SweepFixtures } from "./authorization-sweep.fixtures";
import { post, startStack, type Stack } from "./harness";
import { openSocket, subscribe } from "./ws";

import type { SweepCase } from "./authorization-sweep.case";
import { CATALOG_CASES } from "./authorization-sweep.catalog-cases";
import { ORDERS_CASES } from "./authorization-sweep.orders-cases";
import { AI_CASES } from "./authorization-sweep.ai-cases";
import { WELLNESS_CASES } from "./authorization-sweep.wellness-cases";
import { REPORTS_CASES } from "./authorization-sweep.reports-cases";
import { API_KEY_CASES } from "./authorization-sweep.api-key-cases";
import { CORE_CASES } from "./authorization-sweep.core-cases";
import { MORE_CORE_CASES } from "./authorization-sweep.core-cases-2";
import { INVITATION_CASES } from "./authorization-sweep.invitation-cases";

const CASES: Record<string, SweepCase> = {
  ...CORE_CASES,
  ...MORE_CORE_CASES,
  ...INVITATION_CASES,
  ...CATALOG_CASES,
  ...ORDERS_CASES,
  ...AI_CASES,
  ...WELLNESS_CASES,
  ...REPORTS_CASES,
  ...API_KEY_CASES,
};

/** `input.attachmentIds` and friends: every path from a field's arguments down to a value of type ID. */
function idPaths(type: GraphQLInputType, path: string, seen: ReadonlySet<string> = new Set()): string[] {
  const named = getNamedType(type);
  if (named.name === "ID") return [path];
  if (!isInputObjectType(named) || seen.has(named.name)) return [];
  return Object.values(named.getFields()).flatMap((field) =>
    idPaths(field.type, `${path}.${field.name}`, new Set([...seen, named.name])),
  );
}

/** The value at a dotted path of the variables (`input.clinicId`); through a list, each item's (`input.lines.orderLineId`). */
function valueAt(variables: Record<string, unknown>, path: string): unknown {
  const step = (value: unknown, key: string): unknown =>
    Array.isArray(value) ? value.map((item) => step(item, key)) : (value as Record<string, unknown> | undefined)?.[key];
  return path.split(".").reduce<unknown>(step, variables);
}

/** Every leaf value of the variables. */
const leaves = (value: unknown): unknown[] =>
  value && typeof value === "object" ? Object.values(value).flatMap(leaves) : [value];

const CODES: SweepCase["expect"][] = ["NOT_FOUND", "FORBIDDEN"];

/** The whole answer B may get, per expectation: nothing at all, nulls, a name, or their own write to an approved clinic. */
function expectedData(expected: SweepCase["expect"], variables: Record<string, unknown>): unknown {
  switch (expected) {
    case "NULL_ENTRIES":
      return (variables.ids as unknown[]).map(() => null);
    case "PUBLIC_PROFILE":
      return {
        id: variables.id,
        displayName: expect.any(String),
        email: null,
        clinicMemberships: [],
        vendorMemberships: [],
        upcomingBookings: null,
        calendarFeedUrl: null,
        pets: { edges: [] },
      };
    case "ADDRESSEE":
      return { id: expect.any(String), clinic: { id: (variables.input as { clinicId: string }).clinicId } };
    case "PUBLIC_CATEGORY":
      return { id: expect.any(String), category: { id: (variables.input as { categoryId: string }).categoryId } };
    case "PUBLIC_SEARCH":
      return { totalCount: 1, edges: [{ node: { id: fixtures.a.publishedProductId, status: "ACTIVE" } }] };
    case "PUBLIC_PLAN":
      return [{ id: fixtures.a.wellnessOfferId, name: "A's wellness plan" }];
    case "PUBLIC_OFFER":
      // `shippingMethods(vendorId)` lists A's active method only; `setShippingMethod` answers B's own cart.
      return variables.input
        ? { cart: { id: expect.any(String) } }
        : [{ id: fixtures.a.shippingMethodId, name: "Standard" }];
    default:
      return null;
  }
}

/** B's first result of a subscription, shaped like an HTTP answer (a refused subscription has no HTTP status; 200 stands in). */
async function overWebSocket(query: string, variables: Record<string, unknown>) {
  const client = openSocket(stack.gateway.wsUrl, fixtures.b.token);
  try {
    const first = await subscribe<Record<string, unknown>, Record<string, unknown>>(client, query, variables).nth(1);
    return { status: 200, data: first.data, errors: first.errors };
  } finally {
    await client.dispose();
  }
}

let stack: Stack;
let fixtures: SweepFixtures;
let discovered: string[];
beforeAll(async () => {
  // Its own database and events, with messaging consuming them: A's booking must reach A's notifications.
  stack = await startStack({ ownDatabase: true, messaging: { consumeEvents: true } });
  const introspection = await post<IntrospectionQuery>(stack.gateway.url, { query: getIntrospectionQuery() });
  const schema = buildClientSchema(introspection.data!);
  discovered = [schema.getQueryType()!, schema.getMutationType()!, schema.getSubscriptionType()!].flatMap((root) =>
    Object.values(root.getFields()).flatMap((field) =>
      field.args.flatMap((arg) => idPaths(arg.type, arg.name)).map((path) => `${root.name}.${field.name} ${path}`),
    ),
  );
  fixtures = await buildSweepFixtures(stack);
}, 120_000);
afterAll(() => stack.stop());

describe("authorization sweep: every id argument, as another user, on the first user's entity", () => {
  it("covers every root field with an id argument in the composed schema, and nothing else", () => {
    expect(discovered.length).toBeGreaterThan(50);
    expect([...discovered].sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.keys(CASES).sort())("%s", async (key) => {
    const sweepCase = CASES[key]!;
    const [fieldKey, path] = key.split(" ") as [string, string];
    const field = fieldKey.split(".")[1]!;
    const variables = sweepCase.variables(fixtures);
    // The case is about A's entity: one of A's ids is at the path under test (for `input` paths) or
    // among the variables (arguments are named shortly in the documents), so the assertion can fail.
    const aIds = new Set(Object.values(fixtures.a));
    const atPath = path.startsWith("input.") ? leaves(valueAt(variables, path)) : leaves(variables);
    expect({ key, targetsA: atPath.some((value) => aIds.has(value as string)) }).toEqual({ key, targetsA: true });

    const result = sweepCase.ws
      ? await overWebSocket(sweepCase.query, variables)
      : await post<Record<string, unknown>>(
          stack.gateway.url,
          { query: sweepCase.query, variables },
          sweepCase.as === "vendor" ? fixtures.b.shopToken : fixtures.b.token,
        );
    const answer = {
      key,
      data: result.data?.[field] ?? null,
      codes: result.errors?.map((e) => e.extensions?.code),
      status: result.status,
    };
    expect(answer).toEqual({
      key,
      data: expectedData(sweepCase.expect, variables),
      codes: CODES.includes(sweepCase.expect) ? [sweepCase.expect] : undefined,
      status: 200,
    });
    // A NOT_FOUND that names a field names the one under test (`input.ids.0` for `input.ids`,
    // `input.lines.0.orderLineId` for `input.lines.orderLineId`), not B's own input.
    const named = result.errors?.[0]?.extensions?.field as string | undefined;
    if (named) expect({ key, field: named.replace(/\.\d+(?=\.|$)|\[\d+\]/g, "") }).toEqual({ key, field: path });
    for (const secret of fixtures.secrets) expect(JSON.stringify(result)).not.toContain(secret);
  });
});
