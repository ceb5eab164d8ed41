import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "graphql";
import { createLogger } from "@pawgraph/subgraph-kit/src/edge";
import { DEFAULT_GUARD_SETTINGS, SubgraphGuard } from "../subgraph-guard";
import { guardedHttpExecutor } from "./guarded-executor";

// The WebSocket path's executor against a real HTTP server on loopback that answers as told, or holds the request.
const log = createLogger("guarded-executor-test");
log.level = "silent";

type Answer = { status: number; type: string; body: string } | "hold";
let answer: Answer;
const bodies: { headers: IncomingMessage["headers"]; body: string }[] = [];
const held: ServerResponse[] = [];
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      bodies.push({ headers: req.headers, body });
      if (answer === "hold") return void held.push(res);
      res.writeHead(answer.status, { "content-type": answer.type });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let guard: SubgraphGuard;
beforeEach(() => {
  answer = {
    status: 200,
    type: "application/json",
    body: JSON.stringify({
      data: { _entities: [{ __typename: "Pet", healthTimeline: null }] },
      errors: [
        { message: "Pet not found", path: ["_entities", 0, "healthTimeline"], extensions: { code: "NOT_FOUND" } },
      ],
    }),
  };
  bodies.splice(0);
  guard = new SubgraphGuard("ehr", { ...DEFAULT_GUARD_SETTINGS, timeoutMs: 500, consecutiveFailures: 2 }, log);
});
afterEach(async () => {
  for (const res of held.splice(0)) res.destroy();
  await guard.close();
});

const executor = (to = url) => guardedHttpExecutor({ url: to, guard, log, headers: { "x-test": "yes" } });
const entities = {
  document: parse(
    `query($representations:[_Any!]!){_entities(representations:$representations){...on Pet{healthTimeline(first:5){edges{node{kind}}}}}}`,
  ),
  variables: { representations: [{ __typename: "Pet", id: "1" }] },
};

describe("guardedHttpExecutor", () => {
  it("sends the operation with its headers through the guard and passes the subgraph's answer on, errors included", async () => {
    const result = await executor()(entities);
    expect(result.data).toEqual({ _entities: [{ __typename: "Pet", healthTimeline: null }] });
    expect(result.errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions.code }))).toEqual([
      { message: "Pet not found", path: ["_entities", 0, "healthTimeline"], code: "NOT_FOUND" },
    ]);
    expect(bodies[0]!.headers["x-test"]).toBe("yes");
    expect(JSON.parse(bodies[0]!.body)).toMatchObject({ variables: entities.variables });
    expect(guard.status()).toMatchObject({ breaker: "closed", inFlight: 0 });
  });

  it("answers a refused connection with one coded error naming the service and no address, and counts it against the breaker", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = executor(`http://127.0.0.1:${port}/graphql`);
    for (let i = 0; i < 2; i++) {
      const result = await refused(entities);
      expect(result.data).toBeNull();
      expect(result.errors?.map((e) => e.toJSON())).toEqual([
        { message: "The ehr service is unavailable.", extensions: { code: "SUBGRAPH_UNAVAILABLE", service: "ehr" } },
      ]);
    }
    // Two failures in a row (this guard's setting) opened it: the next fetch is not tried.
    expect(guard.status().breaker).toBe("open");
    expect((await executor()(entities)).errors?.[0]?.extensions).toEqual({
      code: "SUBGRAPH_UNAVAILABLE",
      service: "ehr",
    });
    expect(bodies).toHaveLength(0);
  });

  it("answers a subgraph that holds the request with SUBGRAPH_TIMEOUT within the timeout", async () => {
    answer = "hold";
    const started = performance.now();
    const result = await executor()(entities);
    expect(result.errors?.map((e) => e.toJSON())).toEqual([
      {
        message: "The ehr service did not answer within 500 ms.",
        extensions: { code: "SUBGRAPH_TIMEOUT", service: "ehr" },
      },
    ]);
    // undici's timer wheel fires up to about a second late.
    expect(performance.now() - started).toBeLessThan(500 + 1_500);
    expect(guard.status().inFlight).toBe(0);
  });

  it("takes 502-504 from a proxy in front of the subgraph as unavailable", async () => {
    answer = { status: 503, type: "text/html", body: "<html>no upstream at 10.0.0.7:4003</html>" };
    expect((await executor()(entities)).errors?.map((e) => e.toJSON())).toEqual([
      { message: "The ehr service is unavailable.", extensions: { code: "SUBGRAPH_UNAVAILABLE", service: "ehr" } },
    ]);
  });

  it("masks an answer that is not GraphQL as an internal error, without the request or the body", async () => {
    answer = { status: 200, type: "text/html", body: "<html>login page of something at 10.0.0.7</html>" };
    const [error, ...more] = (await executor()(entities)).errors ?? [];
    expect(more).toHaveLength(0);
    expect(error?.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
    expect(guard.status().breaker).toBe("closed");
  });
});
