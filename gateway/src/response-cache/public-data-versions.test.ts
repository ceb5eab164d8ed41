import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createLogger, parsePublicDataVersion } from "@pawgraph/subgraph-kit/src/edge";
import { PublicDataVersions } from "./public-data-versions";

// The versions the response cache is keyed by, read from a real HTTP server on loopback standing in
// for catalog's GET /internal/public-data-version (docs/decisions/0054).
const log = createLogger("public-data-versions-test");
log.level = "silent";
const SECRET = "s".repeat(32);

let server: Server;
let url: string;
let answer: { status: number; body: unknown; delayMs?: number } = {
  status: 200,
  body: { version: "7", changedAt: null },
};
const secrets: unknown[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    secrets.push(req.headers["x-gateway-secret"]);
    const { status, body, delayMs = 0 } = answer; // as it was when the request came
    setTimeout(() => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body)), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const versionsOf = (routing: Record<string, string>) =>
  new PublicDataVersions(new Set(Object.keys(routing)), () => routing, { pollMs: 100, gatewaySecret: SECRET, log });

it("keys by every subgraph's version, read with the gateway secret", async () => {
  answer = { status: 200, body: { version: "7", changedAt: null } };
  const versions = versionsOf({ catalog: url });
  await versions.poll();
  versions.stop();
  expect(versions.current()).toBe("catalog:7");
  expect(secrets.at(-1)).toBe(SECRET);
  answer = { status: 200, body: { version: "8", changedAt: "2026-12-03T07:00:00.000Z" } };
  await versions.poll();
  versions.stop();
  expect(versions.current()).toBe("catalog:8");
});

it("has no key while a version is stale or one subgraph cannot be read: nothing is cached", async () => {
  answer = { status: 200, body: { version: "9", changedAt: null } };
  const versions = versionsOf({ catalog: url });
  await versions.poll();
  versions.stop();
  expect(versions.current()).toBe("catalog:9");
  // Polls failed for 1.5 s (three polls, at least): a change could have gone unseen.
  expect(versions.current(Date.now() + 1_600)).toBeUndefined();

  const twoSubgraphs = versionsOf({ catalog: url, bookings: "http://127.0.0.1:9/graphql" });
  await twoSubgraphs.poll();
  twoSubgraphs.stop();
  expect(twoSubgraphs.current()).toBeUndefined();
});

it("takes an error page or a malformed answer for no version at all", async () => {
  const versions = versionsOf({ catalog: url });
  answer = { status: 503, body: { error: "public data version unavailable" } };
  await versions.poll();
  versions.stop();
  expect(versions.current()).toBeUndefined();
  for (const body of [{ version: 7 }, { version: "7; drop" }, { version: "7", changedAt: 5 }, null, "7"])
    expect(parsePublicDataVersion(body)).toBeUndefined();
});

it("never lets a slower read begun earlier overwrite a later one", async () => {
  const versions = versionsOf({ catalog: url });
  answer = { status: 200, body: { version: "10", changedAt: null }, delayMs: 150 };
  const slow = versions.poll(); // a tick's poll, answered late
  await new Promise((resolve) => setTimeout(resolve, 20));
  answer = { status: 200, body: { version: "11", changedAt: null } };
  await versions.poll(); // `refresh`, after the change
  await slow;
  versions.stop();
  expect(versions.current()).toBe("catalog:11");
});
