// BENCH_ONLY=ai (or ai-retrieval, ai-ask): the ai subgraph, offline. Retrieval p50/p95/p99 over
// 10,000 chunks per channel, on Postgres with the exact in-process vector index and on PGlite with
// pgvector (bench/ai-retrieval.ts); the evaluation figures (retrieval recall@6 and MRR@10 on
// subgraphs/ai/test/eval, triage recall and precision on the triage set); askAssistant through the
// gateway sequentially and 8 at a time, the time to the first streamed event, and askAssistant again
// with 10,000 chunks in the stack's own index (bench/ai-ask.ts). BENCH_AI_CHUNKS changes the 10,000;
// BENCH_AI_PGLITE=0 skips PGlite (its HNSW upkeep for 10,000 chunks takes minutes).
import { triage } from "../subgraphs/ai/src/triage/triage";
import { TRIAGE_SET } from "../subgraphs/ai/src/triage/triage-set";
import type { Stack } from "../e2e/harness";
import { aiAskBench } from "./ai-ask";
import { aiRetrievalBench } from "./ai-retrieval";
import { ms, summarise } from "./ai-stats";

export { AI_BENCH_QUOTA_PER_HOUR } from "./ai-ask";

const isEmergency = (level: string): boolean => level === "RED" || level === "ORANGE";

/** Triage over its labelled set, as its test counts: an emergency is RED or ORANGE. */
function triageFigures(): void {
  const timings: number[] = [];
  const results = TRIAGE_SET.map((item) => {
    const started = performance.now();
    const got = triage(item.text, item.species).level;
    timings.push(performance.now() - started);
    return { ...item, got };
  });
  const expected = results.filter((r) => isEmergency(r.expected));
  const flagged = results.filter((r) => isEmergency(r.got));
  const caught = expected.filter((r) => isEmergency(r.got)).length;
  const right = flagged.filter((r) => isEmergency(r.expected)).length;
  console.log(`\ntriage on its labelled set (${results.length} utterances, ${expected.length} emergencies):`);
  console.table([
    {
      "emergency recall": (caught / expected.length).toFixed(3),
      "emergency precision": (right / (flagged.length || 1)).toFixed(3),
      "exact level": (results.filter((r) => r.got === r.expected).length / results.length).toFixed(3),
      "p50 ms": summarise(timings)["p50 ms"],
      "max ms": ms(Math.max(...timings)),
    },
  ]);
  const missed = expected.filter((r) => !isEmergency(r.got));
  if (missed.length) console.log(`missed emergencies: ${missed.map((r) => `"${r.text}" (${r.got})`).join("; ")}`);
}

/** "retrieval" needs no stack (a database of its own, and PGlite); "ask" runs on the bench stack. */
export async function aiBench(part: "retrieval" | "ask", stack?: Stack): Promise<void> {
  if (part === "retrieval") {
    triageFigures();
    await aiRetrievalBench();
  } else await aiAskBench(stack!);
}
