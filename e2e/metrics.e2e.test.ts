import pino from "pino";
import { MyPetsDocument, MyPetsWithOwnersDocument } from "../clients/__generated__/graphql";
import {
  execute,
  post,
  registerUser,
  startStack,
  startTestGateway,
  subgraphUrls,
  jwksUrlOf,
  type Stack,
} from "./harness";
import { parsePrometheusText, valueOf } from "./prometheus-text";

type LogLine = { msg?: string; [key: string]: unknown };

async function scrape(port: number, token?: string) {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

describe("metrics", () => {
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    stack = await startStack({ gatewaySecret: "s3cret-for-tests" });
    ({ token } = await registerUser(stack));
  });
  afterAll(() => stack.stop());

  it("counts an operation by its name and its subgraph fetches on the gateway's /metrics", async () => {
    const before = await scrape(stack.gateway.port);
    const result = await execute(stack.gateway.url, MyPetsDocument, {}, token);
    expect(result.errors).toBeUndefined();
    const after = await scrape(stack.gateway.port);

    const myPets = { operation: "MyPets", type: "query", outcome: "ok" };
    expect(valueOf(after, "graphql_requests_total", myPets)).toBe(
      valueOf(before, "graphql_requests_total", myPets) + 1,
    );
    expect(valueOf(after, "graphql_request_duration_seconds_count", myPets)).toBe(
      valueOf(before, "graphql_request_duration_seconds_count", myPets) + 1,
    );
    const petsFetch = { subgraph: "pets", outcome: "ok" };
    expect(valueOf(after, "subgraph_fetch_duration_seconds_count", petsFetch)).toBeGreaterThan(
      valueOf(before, "subgraph_fetch_duration_seconds_count", petsFetch),
    );
    // Node's own: event-loop lag, memory; and the gateway's guards and sockets.
    expect(valueOf(after, "nodejs_eventloop_lag_p99_seconds")).toBeGreaterThan(0);
    expect(valueOf(after, "subgraph_breaker_state", { subgraph: "pets", state: "closed" })).toBe(1);
    expect(after.some((s) => s.name === "gateway_websocket_connections")).toBe(true);
  });

  it("labels operations outside the trusted documents `other`, so clients cannot add series", async () => {
    const names = Array.from({ length: 5 }, (_, i) => `Made${Date.now()}x${i}`);
    for (const name of names) await post(stack.gateway.url, { query: `query ${name} { __typename }` });
    const samples = await scrape(stack.gateway.port);
    const labelled = new Set(samples.map((s) => s.labels.operation).filter(Boolean));
    for (const name of names) expect(labelled).not.toContain(name);
    expect(valueOf(samples, "graphql_requests_total", { operation: "other" })).toBeGreaterThanOrEqual(5);
  });

  it("serves each subgraph's requests, database pools and outbox lag on its own /metrics", async () => {
    await execute(stack.gateway.url, MyPetsDocument, {}, token);
    const pets = await scrape(stack.pets.port);
    expect(valueOf(pets, "db_pool_connections", { pool: "main", state: "total" })).toBeGreaterThan(0);
    expect(valueOf(pets, "db_pool_connections", { pool: "main", state: "max" })).toBeGreaterThan(0);
    expect(pets.some((s) => s.name === "outbox_lag_seconds" && s.labels.schema === "pets")).toBe(true);
    expect(valueOf(pets, "graphql_requests_total", { type: "query", outcome: "ok" })).toBeGreaterThan(0);
  });

  describe("a gateway with METRICS_TOKEN and SLOW_OPERATION_MS=0", () => {
    const logs: LogLine[] = [];
    let gateway: Awaited<ReturnType<typeof startTestGateway>>;
    beforeAll(async () => {
      gateway = await startTestGateway(subgraphUrls(stack), jwksUrlOf(stack), {
        gatewaySecret: stack.gatewaySecret.secret,
        observability: { metrics: { enabled: true, token: "scrape-me" }, slowOperationMs: 0 },
        log: pino({ level: "warn" }, { write: (line: string) => logs.push(JSON.parse(line) as LogLine) }),
      });
    });
    afterAll(() => gateway.stop());

    it("answers /metrics only to the bearer of the token", async () => {
      const url = `http://127.0.0.1:${gateway.port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: "Bearer wrong-token" } })).status).toBe(401);
      expect(valueOf(await scrape(gateway.port, "scrape-me"), "process_resident_memory_bytes")).toBeGreaterThan(0);
    });

    it("logs a slow operation with its name, duration and query plan", async () => {
      const result = await execute(gateway.url, MyPetsWithOwnersDocument, {}, token);
      expect(result.errors).toBeUndefined();
      const line = logs.find((l) => l.msg === "slow operation" && l.operation === "MyPetsWithOwners");
      expect(line).toMatchObject({ durationMs: expect.any(Number), requestId: expect.any(String) });
      expect(line!.queryPlan).toMatch(/Fetch\(service: "pets"\)[\s\S]*Fetch\(service: "identity"\)/);
    });
  });

  it("answers 404 at /metrics and records nothing when metrics are off", async () => {
    const gateway = await startTestGateway(subgraphUrls(stack), jwksUrlOf(stack), {
      gatewaySecret: stack.gatewaySecret.secret,
      observability: { metrics: { enabled: false }, slowOperationMs: -1 },
    });
    try {
      expect((await fetch(`http://127.0.0.1:${gateway.port}/metrics`)).status).toBe(404);
      // Every gateway in this process shares one registry: the stack's shows what this one recorded.
      const myPets = { operation: "MyPets" };
      const before = valueOf(await scrape(stack.gateway.port), "graphql_requests_total", myPets);
      await execute(gateway.url, MyPetsDocument, {}, token);
      expect(valueOf(await scrape(stack.gateway.port), "graphql_requests_total", myPets)).toBe(before);
    } finally {
      await gateway.stop();
    }
  });
});
