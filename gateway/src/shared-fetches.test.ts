import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createLogger } from "@pawgraph/subgraph-kit/src/edge";
import { shareIdenticalFetches } from "./shared-fetches";
import { SubgraphFailure } from "./subgraph-failure";
import { DEFAULT_GUARD_SETTINGS, SubgraphGuard } from "./subgraph-guard";

// Sharing in front of a real guard's fetcher, against a real HTTP server on loopback that holds every
// request until the test lets it answer (so fetches are in flight together) and counts what arrives.
const log = createLogger("shared-fetches-test");
log.level = "silent";

let server: Server;
let url: string;
let received: { body: string; authorization?: string }[] = [];
let held: { res: ServerResponse; body: string }[] = [];
let answer = (body: string) => JSON.stringify({ data: { echo: body, items: [{ id: "a" }] } });
beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      received.push({ body, authorization: req.headers.authorization });
      held.push({ res, body });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let guard: SubgraphGuard;
beforeEach(() => {
  received = [];
  held = [];
  answer = (body) => JSON.stringify({ data: { echo: body, items: [{ id: "a" }] } });
  guard = new SubgraphGuard("catalog", { ...DEFAULT_GUARD_SETTINGS, timeoutMs: 2_000 }, log);
});
afterEach(async () => {
  for (const { res } of held) res.destroy();
  await guard.close();
});

/** Lets every request that reached the server so far answer. */
async function release(status = 200): Promise<void> {
  await until(() => held.length > 0);
  for (const { res, body } of held.splice(0)) {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(answer(body));
  }
}
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}
/** A body as RemoteGraphQLDataSource writes it. */
const body = (query: string, variables: object = {}) => JSON.stringify({ query, variables });
const QUERY = body("query Products__catalog__0{products{id title}}");

describe("identical fetches in flight at once", () => {
  it("sends an anonymous query once and gives each caller its own copy of the answer", async () => {
    const fetch = shareIdenticalFetches(guard.fetcher);
    const calls = Array.from({ length: 5 }, () =>
      fetch(url, { method: "POST", headers: {}, body: QUERY }).then((r) => r.json()),
    );
    await until(() => received.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await release();
    const answers = (await Promise.all(calls)) as { data: { items: { id: string }[] } }[];
    expect(received).toHaveLength(1);
    expect(fetch.joined()).toBe(4);
    expect(new Set(answers).size).toBe(5);
    // Apollo Gateway merges into what it fetched: one caller's change must not reach another.
    answers[0]!.data.items[0]!.id = "changed";
    expect(answers[1]!.data.items[0]!.id).toBe("a");
  });

  it("keeps nothing once the answer is in: the next identical fetch goes to the subgraph", async () => {
    const fetch = shareIdenticalFetches(guard.fetcher);
    const first = fetch(url, { method: "POST", headers: {}, body: QUERY });
    await release();
    await (await first).json();
    const second = fetch(url, { method: "POST", headers: {}, body: QUERY });
    await release();
    await (await second).json();
    expect(received).toHaveLength(2);
  });

  it.each([
    ["a token", { authorization: "Bearer a" }, QUERY],
    ["a cart token", { "x-cart-token": "cart-1" }, QUERY],
    ["a mutation", {}, body("mutation Checkout__orders__0{checkout{id}}")],
  ])("never shares a fetch with %s", async (_what, headers: Record<string, string>, sent) => {
    const fetch = shareIdenticalFetches(guard.fetcher);
    const calls = [1, 2, 3].map(() => fetch(url, { method: "POST", headers, body: sent }));
    await until(() => received.length === 3);
    expect(received).toHaveLength(3);
    await release();
    await Promise.all(calls);
    expect(fetch.joined()).toBe(0);
  });

  it("shares only the same query with the same variables", async () => {
    const fetch = shareIdenticalFetches(guard.fetcher);
    const a = body("query P__catalog__0($id:ID!){product(id:$id){title}}", { id: "1" });
    const b = body("query P__catalog__0($id:ID!){product(id:$id){title}}", { id: "2" });
    const calls = [a, b, a, b].map((sent) => fetch(url, { method: "POST", headers: {}, body: sent }));
    await until(() => received.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await release();
    const answers = await Promise.all(calls.map((c) => c.then((r) => r.json())));
    expect(received.map((r) => r.body).sort()).toEqual([a, b].sort());
    expect(answers[0]).toEqual(answers[2]);
    expect(answers[0]).not.toEqual(answers[1]);
  });

  it("gives every caller the failure when the shared fetch gets no answer", async () => {
    const fetch = shareIdenticalFetches(guard.fetcher);
    const calls = [1, 2].map(() =>
      fetch(url, { method: "POST", headers: {}, body: QUERY }).then(
        () => undefined,
        (error: unknown) => error,
      ),
    );
    await until(() => received.length === 1);
    for (const { res } of held.splice(0)) res.destroy();
    const failures = await Promise.all(calls);
    expect(failures.every((f) => f instanceof SubgraphFailure)).toBe(true);
  });

  it("gives every caller a SyntaxError for an answer that is not JSON, and the status as sent", async () => {
    answer = () => "<html>oops</html>";
    const fetch = shareIdenticalFetches(guard.fetcher);
    const calls = [1, 2].map(() => fetch(url, { method: "POST", headers: {}, body: QUERY }));
    await release(500);
    const responses = await Promise.all(calls);
    expect(responses.map((r) => r.status)).toEqual([500, 500]);
    for (const response of responses) await expect(response.json()).rejects.toThrow(SyntaxError);
    expect(received).toHaveLength(1);
  });
});
