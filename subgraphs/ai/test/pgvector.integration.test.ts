import { spawn, type ChildProcessByStdio } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { DataSource } from "typeorm";
import { createLogger } from "@pawgraph/subgraph-kit";
import { openAiDatabase } from "../src/data-source";
import { LocalEmbedder } from "../src/embedding/local-embedder";
import { chunkDocument, chunkEmbeddingText } from "../src/knowledge/chunker";
import { ingestKnowledge } from "../src/knowledge/knowledge-ingest";
import { KnowledgeRepository } from "../src/knowledge/knowledge.repository";
import { SPECIES } from "../src/knowledge/knowledge.values";
import { CHANNEL_TOP, Retriever } from "../src/retrieval/retriever";
import { ExactVectorIndex, PgvectorIndex } from "../src/retrieval/vector-index";
import { evaluate, formatFigures, loadQuestions, MRR_AT, scopeOf } from "./eval/retrieval-eval";

// The pgvector path, which the machine's Postgres cannot take (no `vector` extension): PGlite with
// pgvector and pg_trgm, served over a socket so TypeORM and pg connect to it as to any Postgres
// (test/pglite-server.mjs, in a process of its own), and the production code on it: the migration,
// ingestion, PgvectorIndex.open/refresh/nearest.
//
// PGlite is one backend: pglite-socket multiplexes connections onto it message by message (keeping a
// transaction's together), so statements sent at once on two connections can interleave and break
// ("portal does not exist"). Searches, which run three channels at once, get a pool of one.
// openAiDatabase and ingestKnowledge need two all the same (each holds a lock on one connection while
// the work runs on another, never both busy at once): they get a pool of their own.
const log = createLogger("ai").child({}, { level: "silent" });
const embedder = new LocalEmbedder();
const questions = loadQuestions();
const POOL = 4;

let server: ChildProcessByStdio<Writable, Readable, null>;
let setup: DataSource;
let db: DataSource;
let knowledge: KnowledgeRepository;
let pgvector: PgvectorIndex;
let exact: ExactVectorIndex;
let poolSize: string | undefined;

beforeAll(async () => {
  server = spawn(process.execPath, [join(__dirname, "pglite-server.mjs"), String(POOL)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const [line] = (await Promise.race([
    once(createInterface({ input: server.stdout }), "line"),
    once(server, "exit").then(([code]) => Promise.reject(new Error(`pglite-server.mjs exited with ${code}`))),
  ])) as [string];
  const { port } = JSON.parse(line) as { port: number };
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  poolSize = process.env.DB_POOL_SIZE;
  process.env.DB_POOL_SIZE = String(POOL);
  ({ dataSource: setup } = await openAiDatabase(url, log));
  await ingestKnowledge(setup, new KnowledgeRepository(setup), embedder, log);
  db = await new DataSource({ type: "postgres", url, extra: { max: 1 } }).initialize();
  knowledge = new KnowledgeRepository(db);
  const opened = await PgvectorIndex.open(db, embedder.model, embedder.dimensions, log);
  expect(opened).not.toBeNull();
  pgvector = opened!;
  exact = new ExactVectorIndex(knowledge, embedder.model, log);
}, 180_000);
afterAll(async () => {
  if (poolSize === undefined) delete process.env.DB_POOL_SIZE;
  else process.env.DB_POOL_SIZE = poolSize;
  await db?.destroy();
  await setup?.destroy();
  // Closing its stdin stops the server; it is this file's own child.
  if (server && server.exitCode === null) {
    server.stdin.end();
    await once(server, "exit");
  }
});

/**
 * Runs `work` with sorting priced out, so that Postgres orders by distance through the HNSW index as
 * it would over many chunks. PGlite is one session: a SET on one pooled connection holds for all.
 */
async function withHnsw<T>(work: () => Promise<T>): Promise<T> {
  await db.query(`SET enable_sort = off`);
  try {
    return await work();
  } finally {
    await db.query(`RESET enable_sort`);
  }
}

/** The plan of PgvectorIndex.nearest's query for a question. */
async function plan(question: string, species: string): Promise<string> {
  const [queryVector] = await embedder.embed([question]);
  const rows = await db.query<{ "QUERY PLAN": string }[]>(
    `EXPLAIN SELECT c.id FROM ai.knowledge_chunks c JOIN ai.knowledge_documents d ON d.id = c.document_id
      WHERE c.embedding_model = $3 AND ($1::text IS NULL OR cardinality(d.species) = 0 OR $1::text = ANY(d.species))
      ORDER BY c.embedding_vector OPERATOR(public.<=>) $2::public.vector LIMIT 20`,
    [species, `[${queryVector!.join(",")}]`, embedder.model],
  );
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

describe("vector search with pgvector (PGlite)", () => {
  it("adds a vector(512) copy of every chunk's embedding with an HNSW cosine index", async () => {
    const [index] = await db.query<{ indexdef: string }[]>(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'ai' AND indexname = 'knowledge_chunks_vector'`,
    );
    expect(index?.indexdef).toMatch(/USING hnsw \(embedding_vector (public\.)?vector_cosine_ops\)/);
    const [column] = await db.query<{ type: string; missing: number }[]>(
      `SELECT format_type(atttypid, atttypmod) AS type,
              (SELECT count(*)::int FROM ai.knowledge_chunks WHERE embedding_vector IS NULL) AS missing
         FROM pg_attribute WHERE attrelid = 'ai.knowledge_chunks'::regclass AND attname = 'embedding_vector'`,
    );
    expect(column).toEqual({ type: "vector(512)", missing: 0 });
    expect(pgvector.kind).toBe("pgvector");
  });

  it("finds the same nearest chunk as the exact index, whichever plan Postgres picks", async () => {
    const agreement = async () => {
      let same = 0;
      let largestGap = 0;
      for (const q of questions) {
        const [queryVector] = await embedder.embed([q.question]);
        const [fromPg] = await pgvector.nearest(queryVector!, scopeOf(q), MRR_AT);
        const [fromExact] = await exact.nearest(queryVector!, scopeOf(q), MRR_AT);
        if (fromPg?.id === fromExact?.id) same++;
        largestGap = Math.max(largestGap, Math.abs((fromPg?.score ?? 0) - (fromExact?.score ?? 0)));
      }
      return { same, largestGap };
    };
    // With a few hundred chunks Postgres sorts them all (exact); at scale it walks the HNSW graph.
    const planned = await agreement();
    const walked = await withHnsw(async () => {
      expect(await plan(questions[0]!.question, "DOG")).toContain("Index Scan using knowledge_chunks_vector");
      return agreement();
    });
    console.log(
      `pgvector agrees with the exact index on the nearest chunk for ${planned.same} of ${questions.length} ` +
        `questions as planned (sort), ${walked.same} with the HNSW index; best cosines differ by at most ` +
        `${Math.max(planned.largestGap, walked.largestGap).toExponential(2)}`,
    );
    for (const { same, largestGap } of [planned, walked]) {
      expect(same / questions.length).toBeGreaterThanOrEqual(0.9);
      expect(largestGap).toBeLessThan(1e-4);
    }
  });

  it("returns a species' few chunks through the HNSW index even for a question nearer to others", async () => {
    const [queryVector] = await embedder.embed(["how many vaccinations does a puppy need"]);
    await withHnsw(async () => {
      for (const species of SPECIES) {
        const scope = { species, clinicIds: [] };
        const fromPg = await pgvector.nearest(queryVector!, scope, CHANNEL_TOP);
        const fromExact = await exact.nearest(queryVector!, scope, CHANNEL_TOP);
        expect({ species, found: fromPg.length }).toEqual({ species, found: fromExact.length });
      }
    });
  });

  it("meets the retrieval bar with pgvector as the vector channel", async () => {
    // Two passes of every question over PGlite (WebAssembly, one statement at a time) take a while.
    const retriever = new Retriever(knowledge, embedder, pgvector);
    const run = () => evaluate(questions, (q) => retriever.retrieve(q.question, scopeOf(q), MRR_AT));
    const planned = await run();
    const walked = await withHnsw(run);
    console.log(
      `Retrieval on ${questions.length} questions (PGlite, pgvector):\n  ` +
        `${formatFigures("fused, as planned", planned)}\n  ${formatFigures("fused, HNSW index", walked)}`,
    );
    for (const figures of [planned, walked]) {
      expect(figures.recall).toBeGreaterThanOrEqual(0.85);
      expect(figures.mrr).toBeGreaterThanOrEqual(0.6);
    }
  }, 180_000);

  it("keeps a document added later in step after refresh(), and to its clinic", async () => {
    const clinicId = randomUUID();
    const title = "Quokka handling at Maple Street";
    const body = "Quokkas at the Maple Street clinic are handled in the quiet room with towels.";
    const chunks = chunkDocument(body, title);
    const embedded = await embedder.embed(chunks.map((c) => chunkEmbeddingText(title, c.headings, c.text)));
    const id = await knowledge.save({
      slug: null,
      title,
      species: [],
      topic: "GENERAL_CARE",
      reviewedBy: null,
      scope: "CLINIC",
      clinicId,
      format: "TEXT",
      contentHash: "quokka",
      body,
      addedBy: randomUUID(),
      chunks: chunks.map((c, i) => ({ ...c, embedding: embedded[i]! })),
      embeddingModel: embedder.model,
    });
    const [chunk] = await db.query<{ id: string }[]>(`SELECT id FROM ai.knowledge_chunks WHERE document_id = $1`, [id]);
    const [queryVector] = await embedder.embed(["how are quokkas handled at maple street"]);
    expect((await pgvector.nearest(queryVector!, { species: null, clinicIds: [clinicId] }, 5))[0]?.id).not.toBe(
      chunk!.id,
    );
    await pgvector.refresh();
    expect((await pgvector.nearest(queryVector!, { species: null, clinicIds: [clinicId] }, 5))[0]?.id).toBe(chunk!.id);
    const elsewhere = await pgvector.nearest(queryVector!, { species: null, clinicIds: [randomUUID()] }, 5);
    expect(elsewhere.map((n) => n.id)).not.toContain(chunk!.id);
  });
});
