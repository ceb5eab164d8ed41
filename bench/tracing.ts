// BENCH_ONLY=tracing: what OpenTelemetry tracing costs (docs/decisions/0051). myPets with owners (10 pets:
// pets, then identity) through the in-process stack, in rounds that alternate tracing off, on for every
// request (`always_on`) and on for one in ten (`parentbased_traceidratio` 0.1). Spans are exported over
// OTLP/HTTP protobuf to a sink in a process of its own, as to a collector. The stack starts with tracing
// on so its pools hook their queries, then rounds turn the provider off and on; off, each statement
// still passes the hook's boolean test. The load generator (autocannon) runs in a child process too, so
// this process's CPU per request is the gateway's and the subgraphs' alone.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { print } from "graphql";
import { startTracing, type RunningTracing } from "@pawgraph/subgraph-kit";
import { MyPetsWithOwnersDocument, CreatePetDocument } from "../clients/__generated__/graphql";
import { execute, registerUser, startStack, type Stack } from "../e2e/harness";

const ROUNDS = Number(process.env.BENCH_TRACING_ROUNDS ?? 3);
const REQUESTS = Number(process.env.BENCH_TRACING_REQUESTS ?? 2_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

/** An OTLP/HTTP endpoint that takes every export and answers 200, counting them, in a process of its own. */
async function otlpSink(): Promise<{ url: string; exports: () => Promise<number>; stop: () => void }> {
  const script = `
    let count = 0;
    const server = require("node:http").createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        if (req.url === "/count") return res.end(String(count));
        count++;
        res.writeHead(200, { "content-type": "application/x-protobuf" }).end();
      });
    });
    server.listen(0, "127.0.0.1", () => console.log(server.address().port));`;
  const child: ChildProcess = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const [port] = (await once(child.stdout!, "data")) as [Buffer];
  const url = `http://127.0.0.1:${port.toString().trim()}`;
  return {
    url,
    exports: async () => Number(await (await fetch(`${url}/count`)).text()),
    stop: () => child.kill(),
  };
}

/** `REQUESTS` requests from autocannon in a child process; this process's CPU per request meanwhile. */
async function round(stack: Stack, body: string, token: string) {
  const cpu = process.cpuUsage();
  const args = [
    require.resolve("autocannon/autocannon.js"),
    ...["-c", String(CONNECTIONS), "-a", String(REQUESTS), "-m", "POST", "-j"],
    ...["-H", "content-type=application/json", "-H", `authorization=Bearer ${token}`, "-b", body],
    stack.gateway.url,
  ];
  const output = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, args, { maxBuffer: 1 << 24 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  );
  const used = process.cpuUsage(cpu);
  const result = JSON.parse(output) as {
    non2xx: number;
    errors: number;
    requests: { average: number; total: number };
    latency: { p50: number; p97_5: number };
  };
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p97: result.latency.p97_5,
    cpuMs: (used.user + used.system) / 1000 / result.requests.total,
  };
}

export async function tracingBench() {
  const sink = await otlpSink();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = sink.url;
  // The SDK reads the sampler from the environment when a provider is made.
  const on = (sampler: string, ratio = "1", apolloGatewaySpans = true) => {
    process.env.OTEL_TRACES_SAMPLER = sampler;
    process.env.OTEL_TRACES_SAMPLER_ARG = ratio;
    return startTracing("bench", { exporter: "otlp", acceptTraceparent: false, apolloGatewaySpans })!;
  };
  const modes = {
    off: undefined,
    "always on": () => on("always_on"),
    "always on, without @apollo/gateway's spans": () => on("always_on", "1", false),
    "10% (parentbased_traceidratio 0.1)": () => on("parentbased_traceidratio", "0.1"),
  };
  let tracing: RunningTracing | undefined = on("always_on");
  const stack = await startStack();
  try {
    const owner = await registerUser(stack, "bench-tracing");
    for (let i = 0; i < 10; i++)
      await execute(
        stack.gateway.url,
        CreatePetDocument,
        { input: { name: `Traced ${i}`, species: "DOG" } },
        owner.token,
      );
    const body = JSON.stringify({ query: print(MyPetsWithOwnersDocument), variables: { first: 10 } });
    await round(stack, body, owner.token); // warm-up, traced
    const rows: Record<string, string | number>[] = [];
    const cpu = new Map<string, number[]>(Object.keys(modes).map((mode) => [mode, []]));
    for (let i = 0; i < ROUNDS; i++)
      for (const [mode, start] of Object.entries(modes)) {
        await tracing?.stop();
        tracing = start?.();
        const r = await round(stack, body, owner.token);
        cpu.get(mode)!.push(r.cpuMs);
        rows.push({
          round: i + 1,
          tracing: mode,
          "req/s": Math.round(r.rps),
          "p50 ms": r.p50,
          "p97.5 ms": r.p97,
          "CPU ms/request": r.cpuMs.toFixed(2),
        });
      }
    await tracing?.flush();
    console.log(
      `\ntracing off and on (OTLP/HTTP protobuf): myPets(10) { owners }, ${REQUESTS} requests x ${CONNECTIONS} connections per round`,
    );
    console.table(rows);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const off = median(cpu.get("off")!);
    for (const [mode, used] of cpu)
      console.log(
        `median CPU per request, tracing ${mode}: ${median(used).toFixed(2)} ms (${((median(used) / off - 1) * 100).toFixed(1)}% vs off)`,
      );
    console.log(`OTLP exports received: ${await sink.exports()}`);
  } finally {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await stack.stop();
    await tracing?.stop();
    sink.stop();
  }
}
