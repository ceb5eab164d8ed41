import { MeDocument, MyPetsDocument } from "../clients/__generated__/graphql";
import { execute, onlyError, post, registerUser, startStack, type Stack } from "./harness";

describe("gateway", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ gatewaySecret: "s3cret-for-tests" });
  });
  afterAll(() => stack.stop());

  const base = () => `http://127.0.0.1:${stack.gateway.port}`;

  it("serves health and readiness", async () => {
    await stack.gateway.health.check();
    // Each subgraph's readiness as last checked, and the gateway's own fetches to it (docs/decisions/0025).
    const ready = {
      ready: true,
      checkedAt: expect.any(String),
      fetches: {
        breaker: "closed",
        inFlight: 0,
        maxInFlight: expect.any(Number),
        timeoutMs: expect.any(Number),
        sharedFetches: expect.any(Number),
      },
    };
    expect(await (await fetch(`${base()}/healthz`)).json()).toEqual({
      status: "ok",
      subgraphs: {
        identity: ready,
        pets: ready,
        ehr: ready,
        bookings: ready,
        catalog: ready,
        orders: ready,
        ai: ready,
        messaging: ready,
        reports: ready,
      },
    });
    expect(await (await fetch(`${base()}/readyz`)).json()).toEqual({ status: "ready" });
  });

  it("serves Apollo Sandbox as the landing page at / and /graphql", async () => {
    for (const path of ["/", "/graphql"]) {
      const response = await fetch(`${base()}${path}`, { headers: { accept: "text/html" } });
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/embeddable-sandbox|Apollo Sandbox/i);
    }
  });

  it("answers queries at / as well as /graphql, with a request id", async () => {
    const response = await fetch(`${base()}/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("forwards the token with the gateway secret; subgraphs refuse calls without the secret", async () => {
    const { token, user } = await registerUser(stack);
    const me = await execute(stack.gateway.url, MeDocument, {}, token);
    expect(me.data?.me!.id).toBe(user.id);
    const direct = await post(stack.pets.url, { query: "{ myPets { edges { cursor } } }" }, token);
    expect(direct.status).toBe(401);
    expect(onlyError(direct).extensions?.code).toBe("UNAUTHENTICATED");
    const withSecret = await post(stack.pets.url, { query: "{ myPets { edges { cursor } } }" }, token, {
      "x-gateway-secret": "s3cret-for-tests",
    });
    expect(withSecret.data).toEqual({ myPets: { edges: [] } });
  });

  it("subgraphs verify the token again (zero trust)", async () => {
    const forged = await post(
      stack.pets.url,
      { query: "{ myPets { edges { cursor } } }" },
      "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
      { "x-gateway-secret": "s3cret-for-tests" },
    );
    expect(onlyError(forged).extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("reuses keep-alive connections to subgraphs", async () => {
    const { token } = await registerUser(stack);
    let connections = 0;
    const count = () => connections++;
    stack.pets.server.on("connection", count);
    try {
      for (let i = 0; i < 20; i++)
        expect((await execute(stack.gateway.url, MyPetsDocument, {}, token)).errors).toBeUndefined();
    } finally {
      stack.pets.server.off("connection", count);
    }
    expect(connections).toBeLessThanOrEqual(2);
  });
});
