import type { DataSource } from "typeorm";
import type { Logger } from "@pawgraph/subgraph-kit";
import { dot } from "../embedding/embedder";
import type { KnowledgeRepository } from "../knowledge/knowledge.repository";
import type { ChunkVectorRow, RetrievalScope } from "../knowledge/knowledge.rows";

/** Nearest chunks to a query vector among those a question may draw on. */
export interface VectorIndex {
  readonly kind: "pgvector" | "exact";
  nearest(vector: number[], scope: RetrievalScope, limit: number): Promise<{ id: string; score: number }[]>;
  /** Called after the index's rows changed in this process (others notice through the version). */
  refresh(): Promise<void>;
}

function visible(row: ChunkVectorRow, scope: RetrievalScope): boolean {
  if (row.scope === "CLINIC" && !scope.clinicIds.includes(row.clinicId!)) return false;
  return scope.species === null || row.species.length === 0 || row.species.includes(scope.species);
}

/**
 * Exact cosine over every chunk's `real[]` vector, in this process. The same scan in SQL
 * (`sum(a*b)` over `unnest`) took 476 ms for 10,000 chunks of 512 dimensions on PostgreSQL 15 here;
 * in memory it is a few milliseconds (docs/decisions/0037). The vectors are reloaded when the
 * documents' version changes, which one small statement per search checks; searches meanwhile use
 * the vectors already loaded.
 */
export class ExactVectorIndex implements VectorIndex {
  readonly kind = "exact";
  private rows: ChunkVectorRow[] = [];
  private loadedVersion: string | null = null;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly knowledge: KnowledgeRepository,
    private readonly model: string,
    private readonly log: Logger,
  ) {}

  /** Reloads now and waits: at start, and after this process changed the index (its own writes show at once). */
  async refresh(): Promise<void> {
    await this.load(await this.knowledge.version());
  }

  /**
   * Before a search: the first load is waited for; after that, a change made elsewhere (another
   * instance added a document) reloads in the background while searches use the vectors they have.
   * Reloading 10,000 chunks takes seconds, longer than a question may wait (bench/ai.ts).
   */
  private async ensureLoaded(): Promise<void> {
    const version = await this.knowledge.version();
    if (version === this.loadedVersion) return;
    if (this.loadedVersion === null) return this.load(version);
    void this.load(version).catch((error: unknown) => this.log.warn({ err: error }, "vector index reload failed"));
  }

  /** One reload at a time; a caller asking meanwhile shares it. */
  private load(version: string): Promise<void> {
    this.loading ??= (async () => {
      this.rows = await this.knowledge.vectors(this.model);
      this.loadedVersion = version;
    })().finally(() => (this.loading = null));
    return this.loading;
  }

  async nearest(vector: number[], scope: RetrievalScope, limit: number): Promise<{ id: string; score: number }[]> {
    await this.ensureLoaded();
    const best: { id: string; score: number }[] = [];
    for (const row of this.rows) {
      if (!visible(row, scope)) continue;
      const score = dot(vector, row.embedding);
      if (best.length < limit) {
        best.push({ id: row.id, score });
        best.sort((a, b) => b.score - a.score);
      } else if (score > best[limit - 1]!.score) {
        best[limit - 1] = { id: row.id, score };
        best.sort((a, b) => b.score - a.score);
      }
    }
    return best;
  }
}

/**
 * pgvector, when `CREATE EXTENSION vector` succeeds: a `vector(n)` copy of each chunk's embedding with
 * an HNSW index (cosine), kept in step with `real[]` (the source of truth, which every database has).
 *
 * An HNSW scan yields its `ef_search` (40) nearest chunks and only then applies the clinic and species
 * filter: a rabbit owner's question could come back with none of the few rabbit chunks. pgvector 0.8
 * scans on until the limit is met (`hnsw.iterative_scan`); an older pgvector is not used.
 */
export class PgvectorIndex implements VectorIndex {
  readonly kind = "pgvector";

  private constructor(
    private readonly db: DataSource,
    private readonly model: string,
  ) {}

  /** The pgvector index, or null when the database has no `vector` extension. */
  static async open(db: DataSource, model: string, dimensions: number, log: Logger): Promise<PgvectorIndex | null> {
    try {
      await db.query(`CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public`);
    } catch (error) {
      log.info({ err: error }, "pgvector is not available: vector search runs in process over real[]");
      return null;
    }
    const [{ version }] = await db.query<[{ version: string }]>(
      `SELECT extversion AS version FROM pg_extension WHERE extname = 'vector'`,
    );
    const [major = 0, minor = 0] = version.split(".").map(Number);
    if (major === 0 && minor < 8) {
      log.warn({ version }, "pgvector before 0.8 loses filtered results: vector search runs in process over real[]");
      return null;
    }
    const [column]: { type: string | null }[] = await db.query(
      `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = 'ai.knowledge_chunks'::regclass AND attname = 'embedding_vector' AND NOT attisdropped`,
    );
    const wanted = `vector(${dimensions})`;
    if (column?.type !== wanted) {
      // A new embedding dimension needs a new column and index (HNSW indexes one dimension).
      await db.query(`ALTER TABLE ai.knowledge_chunks DROP COLUMN IF EXISTS embedding_vector`);
      await db.query(`ALTER TABLE ai.knowledge_chunks ADD COLUMN embedding_vector public.${wanted}`);
      await db.query(
        `CREATE INDEX knowledge_chunks_vector ON ai.knowledge_chunks
           USING hnsw (embedding_vector public.vector_cosine_ops)`,
      );
    }
    const index = new PgvectorIndex(db, model);
    await index.refresh();
    return index;
  }

  async refresh(): Promise<void> {
    await this.db.query(
      `UPDATE ai.knowledge_chunks SET embedding_vector = embedding::public.vector
        WHERE embedding_model = $1 AND (embedding_vector IS NULL OR embedding_vector <> embedding::public.vector)`,
      [this.model],
    );
  }

  async nearest(vector: number[], scope: RetrievalScope, limit: number): Promise<{ id: string; score: number }[]> {
    // SET LOCAL needs a transaction; strict_order keeps the distances in order as the scan goes on.
    const rows = await this.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL hnsw.iterative_scan = strict_order`);
      return tx.query<{ id: string; distance: number }[]>(
        `SELECT c.id, c.embedding_vector OPERATOR(public.<=>) $3::public.vector AS distance
         FROM ai.knowledge_chunks c JOIN ai.knowledge_documents d ON d.id = c.document_id
        WHERE c.embedding_model = $5
          AND (d.scope <> 'CLINIC' OR d.clinic_id = ANY($1::uuid[]))
          AND ($2::text IS NULL OR cardinality(d.species) = 0 OR $2::text = ANY(d.species))
        ORDER BY c.embedding_vector OPERATOR(public.<=>) $3::public.vector LIMIT $4`,
        [scope.clinicIds, scope.species, `[${vector.join(",")}]`, limit, this.model],
      );
    });
    return rows.map((r) => ({ id: r.id, score: 1 - Number(r.distance) }));
  }
}
