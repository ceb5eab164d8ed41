// `BENCH_ONLY=subgraph-fetch npm run bench`: the gateway's CPU per subgraph fetch, by HTTP client and
// with the guards of docs/decisions/0025 (timeout, circuit breaker, in-flight cap), against a stand-in
// subgraph in a child process (so its CPU is not counted). CPU per fetch, unlike throughput, holds up
// on a machine busy with other work. Loopback only; a fixed number of fetches, then it stops.
import { RemoteGraphQLDataSource } from "@apollo/gateway";
import { DEFAULT_GUARD_SETTINGS, SubgraphDataSource, SubgraphGuard } from "@pawgraph/gateway";
import { createLogger } from "@pawgraph/subgraph-kit";
import { parse } from "graphql";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { Agent, request } from "undici";

const FETCHES = Number(process.env.BENCH_FETCHES ?? 4_000);
const WIDTH = 20;

/** A subgraph stand-in: answers every POST with 20 entities' worth of JSON, keep-alive. */
const SERVER = `
const http = require("node:http");
const body = JSON.stringify({ data: { _entities: Array.from({ length: 20 }, (_, i) => ({ __typename: "User", id: "u" + i, displayName: "Owner number " + i })) } });
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => { res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }); res.end(body); });
});
server.keepAliveTimeout = 65000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

const QUERY = `query Bench__identity__1($representations:[_Any!]!){_entities(representations:$representations){...on User{displayName}}}`;
const representations = Array.from({ length: 20 }, (_, i) => ({ __typename: "User", id: `u${i}` }));
const payload = JSON.stringify({ query: QUERY, variables: { representations } });

async function measure(title: string, fetchOnce: () => Promise<unknown>) {
  for (let i = 0; i < 500; i++) await fetchOnce(); // warm up: JIT, connections
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let done = 0; done < FETCHES; done += WIDTH) await Promise.all(Array.from({ length: WIDTH }, fetchOnce));
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  return {
    client: title,
    "CPU µs per fetch": Math.round((used.user + used.system) / FETCHES),
    "fetches/s": Math.round(FETCHES / seconds),
  };
}

export async function subgraphFetchBench(): Promise<void> {
  const child = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  const [chunk] = (await once(child.stdout!, "data")) as [Buffer];
  const url = `http://127.0.0.1:${chunk.toString().trim()}/graphql`;
  const log = createLogger("bench");
  const headers = { "content-type": "application/json" };
  const agent = new Agent({ headersTimeout: 5_000, bodyTimeout: 5_000 });
  const guard = new SubgraphGuard("identity", { ...DEFAULT_GUARD_SETTINGS, timeoutMs: 5_000, maxInFlight: 1_000 }, log);
  const document = parse(QUERY);
  const processOptions = () =>
    ({
      kind: "incoming operation",
      request: { query: QUERY, variables: { representations } },
      context: { requestId: "bench", viewer: null },
      incomingRequestContext: {},
      document,
      pathInIncomingRequest: undefined,
    }) as never;
  const before = new RemoteGraphQLDataSource({ url, fetcher: fetch as never });
  const after = new SubgraphDataSource(url, "secret", guard, log);
  try {
    const rows = [
      await measure("fetch (built in)", async () =>
        (await fetch(url, { method: "POST", headers, body: payload })).json(),
      ),
      await measure("fetch + undici Agent with timeouts", async () =>
        (await fetch(url, { method: "POST", headers, body: payload, dispatcher: agent } as RequestInit)).json(),
      ),
      await measure("undici request() + Agent with timeouts", async () =>
        (await request(url, { method: "POST", headers, body: payload, dispatcher: agent })).body.json(),
      ),
      await measure("RemoteGraphQLDataSource on fetch (before)", () => before.process(processOptions())),
      await measure("SubgraphDataSource: request() + breaker + cap (after)", () => after.process(processOptions())),
    ];
    console.log(
      `\nsubgraph fetch, gateway side only: ${FETCHES} fetches of 20 entities, ${WIDTH} in flight (stand-in subgraph in a child process)`,
    );
    console.table(rows);
  } finally {
    await guard.close();
    await agent.close();
    child.kill();
  }
}
