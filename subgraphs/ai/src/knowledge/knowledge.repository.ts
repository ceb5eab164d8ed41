import type { DataSource, EntityManager } from "typeorm";
import type { ChunkRow, ChunkVectorRow, KnowledgeDocumentRow, NewDocument, RetrievalScope } from "./knowledge.rows";

const DOCUMENT_COLUMNS = `d.id, d.slug, d.title, d.species, d.topic, d.reviewed_by AS "reviewedBy", d.scope,
  d.clinic_id AS "clinicId", d.format, d.content_hash AS "contentHash", d.added_by AS "addedBy",
  date_trunc('milliseconds', d.created_at) AS "createdAt", d.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM ai.knowledge_chunks c WHERE c.document_id = d.id) AS "chunkCount"`;

const CHUNK_COLUMNS = `c.id, c.document_id AS "documentId", d.title AS "documentTitle", d.slug, d.scope,
  d.clinic_id AS "clinicId", c.section, c.headings, c.text`;

/** Which documents a question may draw on: everyone's, its clinics' own, for its species or for any. */
const VISIBLE = `(d.scope <> 'CLINIC' OR d.clinic_id = ANY($1::uuid[]))
  AND ($2::text IS NULL OR cardinality(d.species) = 0 OR $2::text = ANY(d.species))`;

/**
 * A one-dimensional `real[]` in Postgres's binary array format: ndim, has-nulls flag, element type,
 * then per dimension its length and lower bound, then each element as a length and a big-endian float4.
 */
export function decodeFloat4Array(bytes: Buffer): Float32Array {
  const ndim = bytes.readInt32BE(0);
  if (ndim === 0) return new Float32Array(0);
  if (ndim !== 1) throw new Error(`expected a one-dimensional real[], got ${ndim} dimensions`);
  const length = bytes.readInt32BE(12);
  const out = new Float32Array(length);
  let offset = 20;
  for (let i = 0; i < length; i++) {
    const size = bytes.readInt32BE(offset);
    if (size !== 4) throw new Error(`expected float4 elements, got one of ${size} bytes`);
    out[i] = bytes.readFloatBE(offset + 4);
    offset += 8;
  }
  return out;
}

/** The knowledge index in SQL: documents, chunks, and the full-text and trigram halves of retrieval. */
export class KnowledgeRepository {
  constructor(private readonly db: DataSource) {}

  /** Built-in articles by slug with their content hash and the embedding model of their chunks. */
  async builtInState(): Promise<Map<string, { id: string; contentHash: string; models: string[] }>> {
    const rows: { id: string; slug: string; contentHash: string; models: string[] }[] = await this.db.query(
      `SELECT d.id, d.slug, d.content_hash AS "contentHash",
              coalesce(array_agg(DISTINCT c.embedding_model) FILTER (WHERE c.id IS NOT NULL), '{}') AS models
         FROM ai.knowledge_documents d LEFT JOIN ai.knowledge_chunks c ON c.document_id = d.id
        WHERE d.scope = 'BUILT_IN' GROUP BY d.id`,
    );
    return new Map(rows.map((r) => [r.slug, { id: r.id, contentHash: r.contentHash, models: r.models }]));
  }

  /** Stores a document and its chunks in one transaction, replacing a built-in article of the same slug. */
  async save(doc: NewDocument, manager: EntityManager = this.db.manager): Promise<string> {
    return manager.transaction(async (tx) => {
      const [row]: { id: string }[] = await tx.query(
        `INSERT INTO ai.knowledge_documents
           (slug, title, species, topic, reviewed_by, scope, clinic_id, format, content_hash, body, added_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (slug) DO UPDATE SET title = excluded.title, species = excluded.species, topic = excluded.topic,
           reviewed_by = excluded.reviewed_by, content_hash = excluded.content_hash, body = excluded.body,
           updated_at = now()
         RETURNING id`,
        [
          doc.slug,
          doc.title,
          doc.species,
          doc.topic,
          doc.reviewedBy,
          doc.scope,
          doc.clinicId,
          doc.format,
          doc.contentHash,
          doc.body,
          doc.addedBy,
        ],
      );
      const id = row!.id;
      await tx.query(`DELETE FROM ai.knowledge_chunks WHERE document_id = $1`, [id]);
      await tx.query(
        `INSERT INTO ai.knowledge_chunks
           (document_id, ordinal, section, headings, text, token_count, embedding, embedding_model, embedding_dimensions)
         SELECT $1, c.ordinal, c.headings[1], c.headings, c.text, c.tokens, c.embedding, $3, $4
           FROM jsonb_to_recordset($2::jsonb) AS c(ordinal int, headings text[], text text, tokens int, embedding real[])`,
        [
          id,
          // Postgres refuses WITH ORDINALITY next to a column definition list: the ordinal travels in the JSON.
          JSON.stringify(doc.chunks.map((c, ordinal) => ({ ordinal, ...c }))),
          doc.embeddingModel,
          doc.chunks[0]?.embedding.length ?? 0,
        ],
      );
      return id;
    });
  }

  async deleteBuiltInsExcept(slugs: string[]): Promise<number> {
    // Counted in SQL: TypeORM hands a DELETE's result back as [rows, affected], not as the rows.
    const [row]: { removed: number }[] = await this.db.query(
      `WITH removed AS (
         DELETE FROM ai.knowledge_documents WHERE scope = 'BUILT_IN' AND NOT (slug = ANY($1::text[])) RETURNING id)
       SELECT count(*)::int AS removed FROM removed`,
      [slugs],
    );
    return row!.removed;
  }

  /** Chunks embedded by another model than `model` (a model change re-embeds them). */
  async chunksNotEmbeddedBy(
    model: string,
    limit: number,
  ): Promise<{ id: string; title: string; headings: string[]; text: string }[]> {
    return this.db.query(
      `SELECT c.id, d.title, c.headings, c.text FROM ai.knowledge_chunks c JOIN ai.knowledge_documents d ON d.id = c.document_id
        WHERE c.embedding_model <> $1 ORDER BY c.id LIMIT $2`,
      [model, limit],
    );
  }

  async setEmbeddings(rows: { id: string; embedding: number[] }[], model: string): Promise<void> {
    await this.db.query(
      `UPDATE ai.knowledge_chunks c SET embedding = v.embedding, embedding_model = $2,
              embedding_dimensions = cardinality(v.embedding)
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, embedding real[]) WHERE c.id = v.id`,
      [JSON.stringify(rows), model],
    );
    // The documents' version is what vector indexes watch.
    await this.db.query(
      `UPDATE ai.knowledge_documents SET updated_at = now()
        WHERE id IN (SELECT document_id FROM ai.knowledge_chunks WHERE id = ANY($1::uuid[]))`,
      [rows.map((r) => r.id)],
    );
  }

  /** Every chunk's vector (the in-process index loads them) and a version that changes with any write. */
  async vectors(model: string): Promise<ChunkVectorRow[]> {
    // The vectors in Postgres's binary array format (`array_send`): pg parses a `real[]` as text,
    // which took 4.2 s for 10,000 × 512 (bench/ai.ts); decoding the bytes takes a fraction of that.
    const rows: (Omit<ChunkVectorRow, "embedding"> & { embedding: Buffer })[] = await this.db.query(
      `SELECT c.id, d.scope, d.clinic_id AS "clinicId", d.species, array_send(c.embedding) AS embedding
         FROM ai.knowledge_chunks c JOIN ai.knowledge_documents d ON d.id = c.document_id
        WHERE c.embedding_model = $1`,
      [model],
    );
    return rows.map((row) => ({ ...row, embedding: decodeFloat4Array(row.embedding) }));
  }

  /** Changes whenever a document is added, replaced or removed: the in-process index reloads then. */
  async version(): Promise<string> {
    const [row]: { version: string }[] = await this.db.query(
      `SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') AS version FROM ai.knowledge_documents`,
    );
    return row!.version;
  }

  /**
   * Full text: chunks matching any of the question's words, ranked by each word's `ts_rank` weighted
   * by its inverse document frequency. Postgres ranks have no IDF, and without it the words in every
   * chunk (dog, cat, vet, feed) outrank the one that says what the question is about (ibuprofen).
   */
  async fullText(terms: string[], scope: RetrievalScope, limit: number): Promise<string[]> {
    if (terms.length === 0) return [];
    const rows: { id: string }[] = await this.db.query(
      // MATERIALIZED: inlined, each term's document count ran again for every candidate row (84 s for
      // one question over 10,000 chunks in bench/ai.ts); computed once it is a few index lookups.
      `WITH total AS MATERIALIZED (SELECT greatest(count(*), 1)::float8 AS n FROM ai.knowledge_chunks),
            terms AS MATERIALIZED (
              SELECT q, ln(1 + (SELECT n FROM total) / (1 + (SELECT count(*) FROM ai.knowledge_chunks c WHERE c.search @@ q))) AS idf
                FROM (SELECT DISTINCT to_tsquery('english', term) AS q FROM unnest($3::text[]) AS term) t
               WHERE numnode(q) > 0)
       SELECT c.id FROM ai.knowledge_chunks c JOIN ai.knowledge_documents d ON d.id = c.document_id,
              LATERAL (SELECT sum(t.idf * ts_rank(c.search, t.q, 1)) AS score FROM terms t WHERE c.search @@ t.q) s
        WHERE ${VISIBLE} AND c.search @@ to_tsquery('english', $5) AND s.score > 0
        ORDER BY s.score DESC, c.id LIMIT $4`,
      [scope.clinicIds, scope.species, terms, limit, terms.join(" | ")],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Trigrams: chunks one of whose headings appears, typos and all, in the question
   * (`word_similarity(heading, question)`: how well the heading fits some stretch of it). Every
   * heading a chunk covers counts, not only its first; ties go to the earlier chunk, so the order
   * does not depend on random ids.
   */
  async trigram(question: string, scope: RetrievalScope, limit: number, threshold = 0.35): Promise<string[]> {
    // Each distinct heading is scored once (articles share headings such as "When to see a vet"), and
    // only chunks under a heading that scored are read: scoring every chunk's headings cost 50-170 ms
    // over 10,000 chunks (bench/ai.ts).
    const rows: { id: string }[] = await this.db.query(
      `WITH hit AS MATERIALIZED (
         SELECT heading, public.word_similarity(heading, $3) AS score
           FROM (SELECT DISTINCT unnest(headings) AS heading FROM ai.knowledge_chunks) h
          WHERE public.word_similarity(heading, $3) >= $5)
       SELECT c.id FROM ai.knowledge_chunks c JOIN ai.knowledge_documents d ON d.id = c.document_id,
              LATERAL (SELECT max(hit.score) AS score FROM hit WHERE hit.heading = ANY(c.headings)) s
        WHERE ${VISIBLE} AND c.headings && (SELECT coalesce(array_agg(heading), '{}') FROM hit) AND s.score IS NOT NULL
        ORDER BY s.score DESC, c.ordinal, c.id LIMIT $4`,
      [scope.clinicIds, scope.species, question, limit, threshold],
    );
    return rows.map((r) => r.id);
  }

  async chunks(ids: string[]): Promise<ChunkRow[]> {
    if (ids.length === 0) return [];
    return this.db.query(
      `SELECT ${CHUNK_COLUMNS} FROM ai.knowledge_chunks c JOIN ai.knowledge_documents d ON d.id = c.document_id
        WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /**
   * A page of documents, newest first: one clinic's own, or (clinicId null) the built-in and platform
   * ones. Ordered by creation to the millisecond, which is what a cursor's date holds.
   */
  async documentsPage(
    clinicId: string | null,
    limit: number,
    after: [Date, string] | null,
  ): Promise<KnowledgeDocumentRow[]> {
    return this.db.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM ai.knowledge_documents d
        WHERE (CASE WHEN $1::uuid IS NULL THEN d.scope IN ('BUILT_IN', 'PLATFORM') ELSE d.clinic_id = $1 END)
          AND ($3::timestamptz IS NULL OR (date_trunc('milliseconds', d.created_at), d.id) < ($3, $4::uuid))
        ORDER BY date_trunc('milliseconds', d.created_at) DESC, d.id DESC LIMIT $2`,
      [clinicId, limit, after?.[0] ?? null, after?.[1] ?? null],
    );
  }

  /** The bodies of these documents (a listed page's, when a client asks for them). */
  async bodies(ids: readonly string[]): Promise<{ id: string; body: string }[]> {
    return this.db.query(`SELECT id, body FROM ai.knowledge_documents WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Deletes an added document and (by cascade) its chunks; built-in articles are ingestion's to remove. */
  async deleteAdded(id: string): Promise<boolean> {
    // Wrapped in a SELECT: TypeORM answers a bare DELETE with [rows, count], not the rows.
    const [row]: { deleted: number }[] = await this.db.query(
      `WITH gone AS (DELETE FROM ai.knowledge_documents WHERE id = $1 AND scope <> 'BUILT_IN' RETURNING id)
       SELECT count(*)::int AS deleted FROM gone`,
      [id],
    );
    return row!.deleted > 0;
  }

  async document(id: string): Promise<(KnowledgeDocumentRow & { body: string }) | null> {
    const [row] = await this.db.query(
      `SELECT ${DOCUMENT_COLUMNS}, d.body FROM ai.knowledge_documents d WHERE d.id = $1`,
      [id],
    );
    return row ?? null;
  }
}
