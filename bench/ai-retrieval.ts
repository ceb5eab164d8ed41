// BENCH_ONLY=ai-retrieval: Retriever.retrieve over 10,000 chunks with the offline embedder, on the
// machine's Postgres (exact in-process vectors) and on PGlite (pgvector HNSW), with each channel
// timed on its own and the evaluation figures before and after the synthetic documents.
import type { DataSource } from "typeorm";
import { createLogger } from "@pawgraph/subgraph-kit";
import { createOwnDatabase } from "@pawgraph/subgraph-kit/src/testing/own-database";
import { openAiDatabase } from "../subgraphs/ai/src/data-source";
import { LocalEmbedder } from "../subgraphs/ai/src/embedding/local-embedder";
import type { Article } from "../subgraphs/ai/src/knowledge/article";
import { ingestKnowledge, readArticles } from "../subgraphs/ai/src/knowledge/knowledge-ingest";
import { KnowledgeRepository } from "../subgraphs/ai/src/knowledge/knowledge.repository";
import type { ChunkRow } from "../subgraphs/ai/src/knowledge/knowledge.rows";
import { CHANNEL_TOP, Retriever } from "../subgraphs/ai/src/retrieval/retriever";
import { ExactVectorIndex, PgvectorIndex, type VectorIndex } from "../subgraphs/ai/src/retrieval/vector-index";
import { queryTerms } from "../subgraphs/ai/src/text/words";
import {
  evaluate,
  fillTo,
  loadEvalQuestions,
  MRR_AT,
  questionVariants,
  scopeOf,
  type EvalFigures,
  type EvalQuestion,
} from "./ai-corpus";
import { startPglite } from "./ai-pglite";
import { ms, summarise } from "./ai-stats";

const TARGET_CHUNKS = Number(process.env.BENCH_AI_CHUNKS ?? 10_000);
// Each timed loop stops here whatever is left: the section must end by itself.
const LOOP_BUDGET_MS = 60_000;
const log = createLogger("ai").child({}, { level: "silent" });
const embedder = new LocalEmbedder();

interface Setup {
  db: DataSource;
  knowledge: KnowledgeRepository;
  articles: Article[];
  questions: EvalQuestion[];
}

const chunkCount = async (db: DataSource): Promise<number> =>
  (await db.query(`SELECT count(*)::int AS n FROM ai.knowledge_chunks`))[0].n as number;

async function inOrder(knowledge: KnowledgeRepository, ids: string[]): Promise<ChunkRow[]> {
  const rows = new Map((await knowledge.chunks(ids)).map((r) => [r.id, r]));
  return ids.flatMap((id) => rows.get(id) ?? []);
}

/** recall@6 and MRR@10 of the fused list. */
async function fusedFigures(s: Setup, vectors: VectorIndex): Promise<{ fused: EvalFigures }> {
  const retriever = new Retriever(s.knowledge, embedder, vectors);
  return { fused: await evaluate(s.questions, (q) => retriever.retrieve(q.question, scopeOf(q), MRR_AT)) };
}

/** recall@6 and MRR@10 of each channel alone and of the fused list. */
async function figuresByChannel(s: Setup, vectors: VectorIndex): Promise<Record<string, EvalFigures>> {
  return {
    "full text": await evaluate(s.questions, async (q) =>
      inOrder(s.knowledge, await s.knowledge.fullText(queryTerms(q.question), scopeOf(q), MRR_AT)),
    ),
    trigram: await evaluate(s.questions, async (q) =>
      inOrder(s.knowledge, await s.knowledge.trigram(queryTerms(q.question).join(" "), scopeOf(q), MRR_AT)),
    ),
    vector: await evaluate(s.questions, async (q) => {
      const [v] = await embedder.embed([q.question]);
      return inOrder(
        s.knowledge,
        (await vectors.nearest(v!, scopeOf(q), MRR_AT)).map((n) => n.id),
      );
    }),
    ...(await fusedFigures(s, vectors)),
  };
}

type Step = "retrieve" | "embed" | "fullText" | "trigram" | "vector";

/**
 * Sequential retrieve() calls, then each channel alone as the retriever calls it (CHANNEL_TOP), so a
 * slow channel shows, with how many rows each returned (a filtered HNSW scan can return fewer than
 * asked for). Stops at LOOP_BUDGET_MS.
 */
async function timeRetrieval(s: Setup, vectors: VectorIndex, questions: EvalQuestion[]) {
  const retriever = new Retriever(s.knowledge, embedder, vectors);
  const warmUpUntil = Date.now() + LOOP_BUDGET_MS / 6;
  for (const q of questions.slice(0, 20)) {
    if (Date.now() >= warmUpUntil) break;
    await retriever.retrieve(q.question, scopeOf(q));
  }
  const steps: Step[] = ["retrieve", "embed", "fullText", "trigram", "vector"];
  const times = Object.fromEntries(steps.map((step) => [step, [] as number[]])) as Record<Step, number[]>;
  const rows = Object.fromEntries(steps.map((step) => [step, [] as number[]])) as Record<Step, number[]>;
  const timed = async <T extends unknown[]>(step: Step, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    times[step].push(performance.now() - started);
    rows[step].push(result.length);
    return result;
  };
  const deadline = Date.now() + LOOP_BUDGET_MS;
  for (const q of questions) {
    if (Date.now() >= deadline) break;
    await timed("retrieve", () => retriever.retrieve(q.question, scopeOf(q)));
  }
  for (const q of questions.slice(0, times.retrieve.length)) {
    if (Date.now() >= deadline + LOOP_BUDGET_MS / 2) break;
    const [v] = await timed("embed", () => embedder.embed([q.question]));
    await timed("fullText", () => s.knowledge.fullText(queryTerms(q.question), scopeOf(q), CHANNEL_TOP));
    await timed("trigram", () => s.knowledge.trigram(queryTerms(q.question).join(" "), scopeOf(q), CHANNEL_TOP));
    await timed("vector", () => vectors.nearest(v!, scopeOf(q), CHANNEL_TOP));
  }
  return { times, rows };
}

function printTimes(title: string, { times, rows }: Awaited<ReturnType<typeof timeRetrieval>>) {
  console.log(title);
  console.table(
    Object.entries(times).map(([step, samples]) => ({
      step: step === "retrieve" ? "retrieve (fused)" : step,
      ...summarise(samples),
      "rows (mean)": ms(rows[step as Step].reduce((a, b) => a + b, 0) / (samples.length || 1)),
    })),
  );
}

function printFigures(title: string, figures: Record<string, EvalFigures>) {
  console.log(title);
  console.table(
    Object.entries(figures).map(([channel, f]) => ({
      channel,
      "recall@6": f.recall.toFixed(3),
      "MRR@10": f.mrr.toFixed(3),
      "first relevant": f.top1.toFixed(3),
      questions: f.asked,
    })),
  );
}

async function setUp(url: string): Promise<Setup & { ingestMs: number; articleChunks: number }> {
  const { dataSource: db } = await openAiDatabase(url, log);
  const knowledge = new KnowledgeRepository(db);
  const started = performance.now();
  await ingestKnowledge(db, knowledge, embedder, log);
  const ingestMs = performance.now() - started;
  return {
    db,
    knowledge,
    articles: await readArticles(),
    questions: loadEvalQuestions(),
    ingestMs,
    articleChunks: await chunkCount(db),
  };
}

async function fill(s: Setup & { articleChunks: number }): Promise<number> {
  const filled = await fillTo(TARGET_CHUNKS, s.articleChunks, s.articles, s.knowledge, embedder);
  const total = await chunkCount(s.db);
  // As autovacuum would, in time (PGlite has none): without statistics the planner ignores HNSW.
  await s.db.query(`ANALYZE ai.knowledge_documents`);
  await s.db.query(`ANALYZE ai.knowledge_chunks`);
  console.log(
    `index filled to ${total} chunks: ${filled.documents} synthetic documents in ${((filled.embedMs + filled.saveMs) / 1000).toFixed(1)} s (chunking + embedding ${(filled.embedMs / 1000).toFixed(1)} s, saving ${(filled.saveMs / 1000).toFixed(1)} s)`,
  );
  return total;
}

/** The JS heap and the array buffers outside it (the index's Float32Arrays live there). */
const memory = () => {
  global.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heapUsed, arrayBuffers };
};
const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);

/** On the machine's Postgres, in a database of its own: the exact in-process index. */
async function onPostgres(questions: EvalQuestion[]) {
  const own = await createOwnDatabase("aibench_retrieval");
  const s = await setUp(own.url);
  try {
    console.log(
      `\nai retrieval on Postgres (exact in-process vectors, ${embedder.model}): ${s.articles.length} articles ingested in ${ms(s.ingestMs)} ms = ${s.articleChunks} chunks`,
    );
    printFigures(
      `evaluation on the ${s.questions.length} labelled questions, shipped articles only:`,
      await figuresByChannel(s, new ExactVectorIndex(s.knowledge, embedder.model, log)),
    );
    const total = await fill(s);
    const before = memory();
    const exact = new ExactVectorIndex(s.knowledge, embedder.model, log);
    const loadStarted = performance.now();
    await exact.refresh();
    const loadMs = performance.now() - loadStarted;
    const after = memory();
    console.log(
      `exact vector index over ${total} chunks: loaded in ${ms(loadMs)} ms; heapUsed +${mib(after.heapUsed - before.heapUsed)} MiB, array buffers +${mib(after.arrayBuffers - before.arrayBuffers)} MiB`,
    );
    printTimes(
      `retrieval over ${total} chunks, ${questions.length} questions sequentially (ms):`,
      await timeRetrieval(s, exact, questions),
    );
    printFigures(
      `evaluation among the ${total} chunks (synthetic distractors recombine the articles' own sentences):`,
      await fusedFigures(s, exact),
    );
  } finally {
    await s.db.destroy();
    await own.drop();
  }
}

/** On PGlite with pgvector and pg_trgm (in a process of its own): the HNSW index. */
async function onPglite(questions: EvalQuestion[]) {
  const pglite = await startPglite().catch((error: unknown) => {
    console.log(`\nai retrieval on PGlite (pgvector): NOT RUN, PGlite did not start: ${String(error)}`);
    return null;
  });
  if (!pglite) return;
  const poolSize = process.env.DB_POOL_SIZE;
  process.env.DB_POOL_SIZE = String(pglite.connections);
  let s: (Setup & { ingestMs: number; articleChunks: number }) | null = null;
  let stage = "ingesting the articles";
  try {
    s = await setUp(pglite.url);
    stage = "opening the pgvector index";
    const opened = performance.now();
    const pgvector = await PgvectorIndex.open(s.db, embedder.model, embedder.dimensions, log);
    if (!pgvector) throw new Error("CREATE EXTENSION vector failed on PGlite");
    console.log(
      `\nai retrieval on PGlite (pgvector HNSW, one single-threaded backend): ${s.articles.length} articles ingested in ${ms(s.ingestMs)} ms = ${s.articleChunks} chunks; vector column and HNSW index in ${ms(performance.now() - opened)} ms`,
    );
    stage = "evaluating";
    printFigures(`evaluation on the labelled questions, shipped articles only:`, await fusedFigures(s, pgvector));
    stage = "adding the synthetic documents";
    const total = await fill(s);
    stage = "refreshing the pgvector index";
    const refreshed = performance.now();
    await pgvector.refresh();
    console.log(
      `pgvector refresh (vector copy + HNSW inserts) for ${total} chunks: ${ms(performance.now() - refreshed)} ms`,
    );
    stage = "timing retrieval";
    printTimes(
      `retrieval over ${total} chunks on PGlite, up to ${questions.length} questions sequentially (ms):`,
      await timeRetrieval(s, pgvector, questions),
    );
    stage = "evaluating among the synthetic documents";
    printFigures(`evaluation among the ${total} chunks (pgvector):`, await fusedFigures(s, pgvector));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.log(`ai retrieval on PGlite (pgvector): FAILED while ${stage}: ${reason}`);
  } finally {
    await s?.db.destroy();
    if (poolSize === undefined) delete process.env.DB_POOL_SIZE;
    else process.env.DB_POOL_SIZE = poolSize;
    await pglite.stop();
  }
}

export async function aiRetrievalBench(): Promise<void> {
  const questions = questionVariants(loadEvalQuestions());
  // BENCH_AI_PGLITE=0 skips PGlite, =only runs PGlite alone.
  if (process.env.BENCH_AI_PGLITE !== "only") await onPostgres(questions);
  if (process.env.BENCH_AI_PGLITE !== "0") await onPglite(questions.filter((_, i) => i % 3 === 0));
}
