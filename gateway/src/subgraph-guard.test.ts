import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { GraphQLError } from "graphql";
import { createLogger } from "@pawgraph/subgraph-kit/src/edge";
import { SubgraphFailure } from "./subgraph-failure";
import {
  DEFAULT_GUARD_SETTINGS,
  parseSubgraphTimeouts,
  SubgraphGuard,
  SubgraphGuards,
  type SubgraphGuardSettings,
} from "./subgraph-guard";

// The guard against a real HTTP server on loopback that answers, or holds requests without answering.
const log = createLogger("subgraph-guard-test");
log.level = "silent";

let server: Server;
let url: string;
let answering = true;
const held: ServerResponse[] = [];
beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    if (!answering) return void held.push(res);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ data: { ok: true } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  answering = true;
  for (const res of held.splice(0)) res.destroy();
});

const guards: SubgraphGuard[] = [];
afterEach(async () => {
  for (const guard of guards.splice(0)) await guard.close();
});
function guard(settings: Partial<SubgraphGuardSettings> = {}): SubgraphGuard {
  const made = new SubgraphGuard("ehr", { ...DEFAULT_GUARD_SETTINGS, timeoutMs: 1_000, ...settings }, log);
  guards.push(made);
  return made;
}
const post = (g: SubgraphGuard, to = url) =>
  g.run(async () =>
    (await g.fetcher(to, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).json(),
  );
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as SubgraphFailure,
  );

describe("SubgraphGuard", () => {
  it("answers through its pool", async () => {
    expect(await post(guard())).toEqual({ data: { ok: true } });
  });

  it("gives up on a subgraph that holds the request, within the timeout", async () => {
    answering = false;
    const started = performance.now();
    const failure = await failureOf(post(guard({ timeoutMs: 500 })));
    expect(failure).toBeInstanceOf(SubgraphFailure);
    expect({ kind: failure?.kind, reason: failure?.reason }).toEqual({
      kind: "timeout",
      reason: "UND_ERR_HEADERS_TIMEOUT",
    });
    // undici's timer wheel fires up to about a second late.
    expect(performance.now() - started).toBeLessThan(500 + 1_500);
  });

  it("opens after failures in a row, however many answers came before, and then fails without trying", async () => {
    const g = guard({ consecutiveFailures: 3, resetTimeoutMs: 60_000 });
    for (let i = 0; i < 20; i++) await post(g);
    const refused = "http://127.0.0.1:9/graphql";
    for (let i = 0; i < 3; i++) expect((await failureOf(post(g, refused)))?.kind).toBe("unavailable");
    expect(g.status().breaker).toBe("open");
    let tried = false;
    const failure = await failureOf(g.run(async () => (tried = true)));
    expect({ reason: failure?.reason, tried }).toEqual({ reason: "circuit open", tried: false });
  });

  it("lets one trial through after resetTimeoutMs and closes when it is answered", async () => {
    const g = guard({ consecutiveFailures: 1, resetTimeoutMs: 200 });
    await failureOf(post(g, "http://127.0.0.1:9/graphql"));
    expect(g.status().breaker).toBe("open");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(g.status().breaker).toBe("halfOpen");
    expect(await post(g)).toEqual({ data: { ok: true } });
    expect(g.status().breaker).toBe("closed");
  });

  it("does not count a subgraph's own errors: it answered", async () => {
    const g = guard({ consecutiveFailures: 2, volumeThreshold: 1 });
    for (let i = 0; i < 5; i++)
      await expect(
        g.run(async () => Promise.reject(new GraphQLError("Bad Request", { extensions: { code: "BAD_USER_INPUT" } }))),
      ).rejects.toThrow("Bad Request");
    expect(g.status().breaker).toBe("closed");
  });

  it("turns fetches past the in-flight cap away at once, without opening the breaker", async () => {
    answering = false;
    const g = guard({ maxInFlight: 2, consecutiveFailures: 1, timeoutMs: 5_000 });
    const first = failureOf(post(g));
    const second = failureOf(post(g));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(g.status()).toMatchObject({ inFlight: 2, maxInFlight: 2 });
    const third = await failureOf(post(g));
    expect({ kind: third?.kind, reason: third?.reason }).toEqual({
      kind: "unavailable",
      reason: "2 fetches in flight",
    });
    expect(g.status().breaker).toBe("closed");
    answering = true;
    for (const res of held.splice(0)) res.end(JSON.stringify({ data: { ok: true } }));
    await Promise.all([first, second]);
    expect(g.status().inFlight).toBe(0);
  });
});

describe("per-subgraph timeouts", () => {
  it("parses SUBGRAPH_TIMEOUTS_MS and refuses anything else", () => {
    expect(parseSubgraphTimeouts("ai=30000, orders=8000")).toEqual({ ai: 30_000, orders: 8_000 });
    expect(parseSubgraphTimeouts("")).toEqual({});
    expect(() => parseSubgraphTimeouts("ai=fast")).toThrow(/SUBGRAPH_TIMEOUTS_MS/);
    expect(() => parseSubgraphTimeouts("ai=0")).toThrow(/SUBGRAPH_TIMEOUTS_MS/);
  });

  it("gives a named subgraph its own timeout and the others the default", async () => {
    const guards = new SubgraphGuards(
      { ...DEFAULT_GUARD_SETTINGS, timeoutMs: 5_000, timeoutMsBySubgraph: { ai: 30_000 } },
      log,
    );
    try {
      expect(guards.for("ai").status().timeoutMs).toBe(30_000);
      expect(guards.for("pets").status().timeoutMs).toBe(5_000);
    } finally {
      await guards.close();
    }
  });
});
