import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
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
const LARGE_ITEMS = 40_000;
const largeItem = (i: number) => ({ id: `item-${i}`, note: "x".repeat(180), n: i });
/** Answers compressed although the gateway never asks for it, as a proxy in front of a subgraph may. */
const ENCODINGS: Record<string, { name: string; encode: (body: Buffer) => Buffer }> = {
  gzip: { name: "gzip", encode: gzipSync },
  deflate: { name: "deflate", encode: deflateSync },
  br: { name: "br", encode: brotliCompressSync },
  upper: { name: "GZIP", encode: gzipSync },
  zstd: { name: "zstd", encode: (body) => body },
};
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
    const path = new URL(req.url!, "http://x").pathname;
    if (path === "/large") {
      // Eight megabytes, written in chunks as a subgraph streams a long list.
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data":{"items":[');
      for (let i = 0; i < LARGE_ITEMS; i++) res.write(`${i ? "," : ""}${JSON.stringify(largeItem(i))}`);
      return void res.end("]}}");
    }
    const encoded = ENCODINGS[path.slice(1)];
    if (encoded) {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": encoded.name });
      return void res.end(encoded.encode(Buffer.from(JSON.stringify({ data: { encoded: encoded.name } }))));
    }
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

  it("reads a large answer whole (8 MB in chunks)", async () => {
    const answer = (await post(guard(), url.replace(/\/graphql$/, "/large"))) as { data: { items: unknown[] } };
    expect(answer.data.items).toHaveLength(LARGE_ITEMS);
    expect(answer.data.items[LARGE_ITEMS - 1]).toEqual(largeItem(LARGE_ITEMS - 1));
  });

  it("reads an answer compressed with gzip, deflate or br although it asked for none", async () => {
    for (const encoding of ["gzip", "deflate", "br", "upper"])
      expect(await post(guard(), url.replace(/\/graphql$/, `/${encoding}`))).toEqual({
        data: { encoded: ENCODINGS[encoding]!.name },
      });
  });

  it("takes an answer in an encoding it cannot read for a wrong answer (SyntaxError), not for no answer", async () => {
    const error = await failureOf(post(guard(), url.replace(/\/graphql$/, "/zstd")));
    expect(error).toBeInstanceOf(SyntaxError);
    expect((error as unknown as Error).message).toMatch(/zstd/);
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
