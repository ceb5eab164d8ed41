// Issue 11, items 3 and 4: a subgraph's outage is not the gateway's, and a subgraph that cannot reach
// identity's keys answers UNAUTHENTICATED, never a 500.
import { petsConfigFromEnv, startPets } from "@pawgraph/pets";
import { revocationSettingsFor, type RunningSubgraph } from "@pawgraph/subgraph-kit";
import { MeDocument } from "../clients/__generated__/graphql";
import { execute, post, registerUser, startStack, type Stack } from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

const gatewayBase = () => `http://127.0.0.1:${stack.gateway.port}`;

describe("a subgraph started while identity is unreachable", () => {
  let pets: RunningSubgraph;
  beforeAll(async () => {
    // Nothing listens on port 9: the keys and the revocation log cannot be fetched.
    const nowhere = "http://127.0.0.1:9";
    pets = await startPets({
      ...petsConfigFromEnv(),
      port: 0,
      jwksUrl: `${nowhere}/.well-known/jwks.json`,
      revocations: revocationSettingsFor(nowhere, stack.gatewaySecret.secret),
      gatewaySecret: stack.gatewaySecret,
    });
  });
  afterAll(() => pets.stop());

  it("answers a token with 401 UNAUTHENTICATED, not a 500, and anonymous calls still work", async () => {
    const { token } = await registerUser(stack);
    const asGateway = { "x-gateway-secret": stack.gatewaySecret.secret };
    const withToken = await post(pets.url, { query: "{ myPets { edges { cursor } } }" }, token, asGateway);
    expect({ status: withToken.status, code: withToken.errors?.[0]?.extensions?.code }).toEqual({
      status: 401,
      code: "UNAUTHENTICATED",
    });
    expect((await post(pets.url, { query: "{ __typename }" }, undefined, asGateway)).data).toEqual({
      __typename: "Query",
    });
  });
});

describe("the gateway while one subgraph is down", () => {
  it("stays ready (it can still serve the others' fields) and shows the outage in /healthz", async () => {
    const { token, user } = await registerUser(stack);
    await stack.ehr.stop();
    // Stopped for good: the stack's own stop at the end must not stop it again.
    stack.ehr = { ...stack.ehr, stop: async () => ({ clean: true }) };
    await stack.gateway.health.check();
    const ready = await fetch(`${gatewayBase()}/readyz`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: "ready" } });
    const health = (await (await fetch(`${gatewayBase()}/healthz`)).json()) as {
      status: string;
      subgraphs: Record<string, { ready: boolean }>;
    };
    expect(health.status).toBe("ok");
    expect(health.subgraphs.ehr?.ready).toBe(false);
    expect(health.subgraphs.pets?.ready).toBe(true);
    // And it answers what does not need ehr.
    expect((await execute(stack.gateway.url, MeDocument, {}, token)).data?.me!.id).toBe(user.id);
  });
});
