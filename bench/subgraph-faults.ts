// `BENCH_ONLY=subgraph-faults npm run bench` (issue 11's fault section, docs/decisions/0025): ehr runs
// as its own process and is frozen (SIGSTOP) for 10 s under load. Half the connections ask the
// issue's pets + identity + ehr query, half the same without ehr's field; reported per phase:
// latency, and how many answers carried ehr's coded errors; then the time from SIGCONT to the first
// full answer. Loopback only; bounded in time, and ehr is resumed and stopped whatever happens.
import { freePort, startProcess } from "../e2e/processes";
import { jwksUrlOf, subgraphUrls, execute, registerUser, startTestGateway, type Stack } from "../e2e/harness";
import { CreatePetDocument } from "../clients/__generated__/graphql";
import { subgraphTimeoutMs } from "@pawgraph/subgraph-kit";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
/** Load before measuring: the first requests pay for JIT compilation and pool warm-up, not for the fault. */
const WARM_UP_MS = 3_000;
const BEFORE_MS = 5_000;
const FROZEN_MS = 10_000;
const AFTER_MS = 5_000;

const WITH_EHR = `{ me { displayName } myPets(first:10){ edges{ node{ name healthTimeline(first:5){ edges{ node{ kind } } } } } } }`;
const WITHOUT_EHR = `{ me { displayName } myPets(first:10){ edges{ node{ name } } } }`;

interface Sample {
  query: "with ehr" | "without ehr";
  at: number;
  ms: number;
  /** The codes of the errors it carried (none for a full answer). */
  codes: string[];
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!) : NaN;
};

export async function subgraphFaultsBench(stack: Stack): Promise<void> {
  const port = await freePort();
  const jwksUrl = jwksUrlOf(stack);
  const ehr = startProcess("subgraphs/ehr", {
    PORT: String(port),
    DATABASE_URL: stack.databaseUrl,
    EVENT_STREAM: stack.eventStream,
    PETS_URL: stack.pets.url,
    IDENTITY_URL: stack.identity.url,
    IDENTITY_JWKS_URL: jwksUrl,
    GATEWAY_SECRET: stack.gatewaySecret.secret,
    REMINDER_JOB_ENABLED: "false",
  });
  try {
    await ehr.waitForLog((line) => /ehr subgraph ready/.test(line.msg ?? ""), 60_000);
    const urls = { ...subgraphUrls(stack), ehr: `http://127.0.0.1:${port}/graphql` };
    // The production guards: SUBGRAPH_TIMEOUT_MS and the breaker's settings from the environment (defaults 5 s, 50 %, 5, 2 s).
    const gateway = await startTestGateway(urls, jwksUrl, { gatewaySecret: stack.gatewaySecret.secret });
    try {
      const owner = await registerUser(stack, "bench-faults");
      for (let i = 0; i < 10; i++)
        await execute(gateway.url, CreatePetDocument, { input: { name: `Frozen ${i}`, species: "DOG" } }, owner.token);
      const samples: Sample[] = [];
      const started = performance.now() + WARM_UP_MS;
      const end = BEFORE_MS + FROZEN_MS + AFTER_MS;
      const worker = async (query: Sample["query"]) => {
        const body = JSON.stringify({ query: query === "with ehr" ? WITH_EHR : WITHOUT_EHR });
        while (performance.now() - started < end) {
          const at = performance.now() - started;
          const response = await fetch(gateway.url, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${owner.token}` },
            body,
          });
          const answer = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
          samples.push({
            query,
            at,
            ms: performance.now() - started - at,
            codes: (answer.errors ?? []).map((e) => e.extensions?.code ?? "?"),
          });
        }
      };
      let resumedAt = Infinity;
      const freezer = (async () => {
        await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS + BEFORE_MS));
        ehr.child.kill("SIGSTOP");
        await new Promise((resolve) => setTimeout(resolve, FROZEN_MS));
        ehr.child.kill("SIGCONT");
        resumedAt = performance.now() - started;
      })();
      await Promise.all([
        freezer,
        ...Array.from({ length: CONNECTIONS }, (_, i) => worker(i % 2 === 0 ? "with ehr" : "without ehr")),
      ]);

      // A request belongs to the phase it was sent in, except those sent before the freeze and still
      // waiting when it came: they are the ones that wait out the timeout (the breaker was closed).
      const caughtByFreeze = (s: Sample) => s.at < BEFORE_MS && s.at + s.ms > BEFORE_MS;
      const phases = [
        ["before", (s: Sample) => s.at >= 0 && s.at < BEFORE_MS && !caughtByFreeze(s)],
        ["in flight at freeze", caughtByFreeze],
        ["ehr frozen", (s: Sample) => s.at >= BEFORE_MS && s.at < BEFORE_MS + FROZEN_MS],
        ["after SIGCONT", (s: Sample) => s.at >= BEFORE_MS + FROZEN_MS],
      ] as const;
      const rows = phases.flatMap(([phase, belongs]) =>
        (["with ehr", "without ehr"] as const).map((query) => {
          const inPhase = samples.filter((s) => s.query === query && belongs(s));
          const count = (code: string) => inPhase.filter((s) => s.codes.includes(code)).length;
          return {
            phase,
            query,
            requests: inPhase.length,
            "p50 ms": percentile(
              inPhase.map((s) => s.ms),
              50,
            ),
            "p99 ms": percentile(
              inPhase.map((s) => s.ms),
              99,
            ),
            "max ms": percentile(
              inPhase.map((s) => s.ms),
              100,
            ),
            SUBGRAPH_TIMEOUT: count("SUBGRAPH_TIMEOUT"),
            SUBGRAPH_UNAVAILABLE: count("SUBGRAPH_UNAVAILABLE"),
            "other errors": inPhase.filter((s) =>
              s.codes.some((c) => c !== "SUBGRAPH_TIMEOUT" && c !== "SUBGRAPH_UNAVAILABLE"),
            ).length,
          };
        }),
      );
      const firstFull = samples
        .filter((s) => s.query === "with ehr" && s.codes.length === 0 && s.at + s.ms >= resumedAt)
        .sort((a, b) => a.at + a.ms - (b.at + b.ms))[0];
      console.log(
        `\nehr frozen (SIGSTOP) for ${FROZEN_MS / 1000}s under load: ${CONNECTIONS} connections, half asking a pets + identity + ehr query, half the same without ehr`,
      );
      console.table(rows);
      const p99 = (phase: string) => rows.find((r) => r.phase === phase && r.query === "without ehr")!["p99 ms"];
      const ehrWhileFrozen = samples.filter(
        (s) => s.query === "with ehr" && (caughtByFreeze(s) || (s.at >= BEFORE_MS && s.at < BEFORE_MS + FROZEN_MS)),
      );
      console.log(
        `ehr's fields while frozen: slowest answer ${percentile(
          ehrWhileFrozen.map((s) => s.ms),
          100,
        )} ms (timeout ${subgraphTimeoutMs()} ms); p99 without ehr ${p99("before")} ms before, ${p99("ehr frozen")} ms frozen (${Math.round((p99("ehr frozen") / p99("before") - 1) * 100)}%)`,
      );
      console.log(
        `first full answer ${firstFull ? `${Math.round(firstFull.at + firstFull.ms - resumedAt)} ms after SIGCONT` : "never, within the run"}`,
      );
    } finally {
      await gateway.stop();
    }
  } finally {
    ehr.child.kill("SIGCONT");
    ehr.child.kill("SIGKILL");
    await ehr.exited;
  }
}
