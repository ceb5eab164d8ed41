import { randomBytes, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import WebSocket from "ws";
import { connectionRefused, freePort, holdRequest, startProcess, type LogLine, type SpawnedProcess } from "./processes";

// Shutdown as Kubernetes, Docker and Ctrl+C do it: a real process, a real signal, a request in the
// middle of being served (docs/decisions/0023-graceful-shutdown.md).

jest.setTimeout(90_000);

const secret = randomBytes(24).toString("hex");
const nowhere = "http://127.0.0.1:9"; // identity is not needed to shut down
const typename = JSON.stringify({ query: "{ __typename }" });
const steps = (logs: LogLine[]) => logs.filter((line) => typeof line.step === "string").map((line) => line.step);

/** The few ioredis commands this file sends. */
interface RedisClient {
  call(command: string, args: string[]): Promise<unknown>;
  del(key: string): Promise<unknown>;
  quit(): Promise<unknown>;
}

/** The pets subgraph in its own process, on the test database and, when REDIS_URL is set, a Redis stream of its own. */
async function startPets(
  env: Record<string, string> = {},
): Promise<{ pets: SpawnedProcess; port: number; stream: string }> {
  const port = await freePort();
  const stream = `${process.env.EVENT_STREAM ?? "pawgraph:events"}:shutdown:${randomUUID().slice(0, 8)}`;
  const pets = startProcess("subgraphs/pets", {
    PORT: String(port),
    GATEWAY_SECRET: secret,
    IDENTITY_URL: nowhere,
    IDENTITY_JWKS_URL: `${nowhere}/.well-known/jwks.json`,
    EVENT_STREAM: stream,
    ...env,
  });
  await pets.waitForLog((line) => /pets subgraph ready/.test(line.msg ?? ""), 60_000);
  return { pets, port, stream };
}

/** Polls until a new connection is refused; false if it never is within `timeoutMs`. */
async function refusedWithin(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await connectionRefused(port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

describe("graceful shutdown of a subgraph process", () => {
  const running: SpawnedProcess[] = [];
  afterEach(() => {
    for (const { child } of running.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });

  it("on SIGTERM stops accepting, finishes the request in flight, stops consumers and the outbox relay, closes the pool, then exits 0", async () => {
    const { pets, port } = await startPets();
    running.push(pets);
    const held = await holdRequest(port, "/graphql", typename, { "x-gateway-secret": secret });

    const signalledAt = Date.now();
    pets.child.kill("SIGTERM");
    await pets.waitForLog((line) => line.step === "stop accepting");
    expect(await refusedWithin(port, 2_000)).toBe(true);
    // The request was taken before the signal: it is answered in full, and the process is still there for it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pets.child.exitCode).toBeNull();
    const response = await held.finish();
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ data: { __typename: "Query" } });
    expect(response.headers.connection).toBe("close");

    const exit = await pets.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(10_000);
    expect(steps(pets.logs)).toEqual([
      "stop accepting",
      "http requests",
      "apollo server",
      "revocation polling",
      "event consumers",
      "outbox relay",
      "database pool",
    ]);
    expect(pets.logs.find((line) => line.step === "stop accepting")).toMatchObject({ inFlight: 1 });
    expect(pets.logs.at(-1)).toMatchObject({ msg: expect.stringMatching(/shutdown complete/), clean: true });
  });

  it("cuts requests off at SHUTDOWN_TIMEOUT_MS and then exits 1, having stopped the rest", async () => {
    const { pets, port } = await startPets({ SHUTDOWN_TIMEOUT_MS: "1000" });
    running.push(pets);
    const held = await holdRequest(port, "/graphql", typename, { "x-gateway-secret": secret });
    held.request.on("error", () => undefined); // the server hangs up on it

    const signalledAt = Date.now();
    pets.child.kill("SIGTERM");
    const exit = await pets.exited;
    expect(exit.code).toBe(1);
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(1_000);
    expect(exit.at - signalledAt).toBeLessThan(5_000);
    expect(pets.logs.find((line) => line.step === "http requests")).toMatchObject({ cutOff: 1 });
    expect(steps(pets.logs)).toContain("database pool");
  });

  it("exits at once when the same signal comes again (a second Ctrl+C)", async () => {
    const { pets, port } = await startPets();
    running.push(pets);
    const held = await holdRequest(port, "/graphql", typename, { "x-gateway-secret": secret });
    held.request.on("error", () => undefined);

    pets.child.kill("SIGINT");
    await pets.waitForLog((line) => line.step === "stop accepting");
    const againAt = Date.now();
    pets.child.kill("SIGINT");
    const exit = await pets.exited;
    expect(exit.code).toBe(130);
    expect(exit.at - againAt).toBeLessThan(1_000);
  });

  const redisUrl = process.env.REDIS_URL;
  (redisUrl ? it : it.skip)(
    "deregisters its Redis stream consumers (XGROUP DELCONSUMER) before it exits (needs REDIS_URL)",
    async () => {
      // ioredis is the kit's dependency, not the test suite's: load the kit's copy.
      const { Redis } = createRequire(require.resolve("@pawgraph/subgraph-kit"))("ioredis") as {
        Redis: new (url: string, options: object) => RedisClient;
      };
      const redis = new Redis(redisUrl!, { protocol: 2 });
      const { pets, stream } = await startPets({ REDIS_URL: redisUrl! });
      running.push(pets);
      const mine = async (): Promise<string[]> => {
        const names: string[] = [];
        for (const group of ["pets.booking-access", "pets.conversation-access"]) {
          const consumers = (await redis.call("XINFO", ["CONSUMERS", stream, group]).catch(() => [])) as string[][];
          for (const fields of consumers) {
            const name = fields[fields.indexOf("name") + 1]!;
            if (name.includes(`-${pets.child.pid}-`)) names.push(`${group}/${name}`);
          }
        }
        return names;
      };
      try {
        // A consumer registers with its first read of the group.
        const deadline = Date.now() + 10_000;
        while ((await mine()).length < 2 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await mine()).toHaveLength(2);

        pets.child.kill("SIGTERM");
        const exit = await pets.exited;
        expect(exit.code).toBe(0);
        expect(await mine()).toEqual([]);
        expect(pets.logs.filter((line) => /stream consumer deregistered/.test(line.msg ?? ""))).toHaveLength(2);
      } finally {
        await redis.del(stream);
        await redis.quit();
      }
    },
  );
});

describe("graceful shutdown of the gateway process", () => {
  let gateway: SpawnedProcess | undefined;
  afterEach(() => {
    if (gateway && gateway.child.exitCode === null && gateway.child.signalCode === null) gateway.child.kill("SIGKILL");
  });

  it("on SIGTERM closes WebSockets with 1001, finishes the request in flight and exits 0", async () => {
    const port = await freePort();
    const subgraphs = Object.fromEntries(
      ["IDENTITY", "PETS", "EHR", "BOOKINGS", "MESSAGING"].map((name) => [`${name}_URL`, `${nowhere}/graphql`]),
    );
    gateway = startProcess("gateway", {
      PORT: String(port),
      GATEWAY_SECRET: secret,
      IDENTITY_URL: nowhere,
      IDENTITY_JWKS_URL: `${nowhere}/.well-known/jwks.json`,
      SUPERGRAPH_WATCH: "false",
      ...subgraphs,
    });
    await gateway.waitForLog((line) => /gateway ready/.test(line.msg ?? ""), 60_000);
    const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, "graphql-transport-ws");
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    const socketClosed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    const held = await holdRequest(port, "/graphql", typename);

    const signalledAt = Date.now();
    gateway.child.kill("SIGTERM");
    expect(await socketClosed).toBe(1001);
    expect(await refusedWithin(port, 2_000)).toBe(true);
    const response = await held.finish();
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ data: { __typename: "Query" } });

    const exit = await gateway.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(10_000);
    expect(steps(gateway.logs)).toEqual(expect.arrayContaining(["stop accepting", "http requests", "apollo server"]));
  });
});
