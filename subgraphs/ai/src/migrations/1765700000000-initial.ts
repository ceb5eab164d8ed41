import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What ai keeps (docs/decisions/0037): the knowledge index (documents, their chunks with a full-text
 * document and an embedding that names its model), and the assistant's conversations with every
 * question, answer, citation and triage level for audit. The pet's record is never stored here.
 */
export class Initial1765700000000 implements MigrationInterface {
  name = "Initial1765700000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    for (const statement of STATEMENTS) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ["assistant_exchanges", "assistant_threads", "knowledge_chunks", "knowledge_documents"])
      await db.query(`DROP TABLE IF EXISTS ai.${table}`);
  }
}

const STATEMENTS = [
  `CREATE TABLE ai.knowledge_documents (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug text UNIQUE,
    title text NOT NULL,
    species text[] NOT NULL DEFAULT '{}',
    topic text NOT NULL,
    reviewed_by text,
    scope text NOT NULL CHECK (scope IN ('BUILT_IN', 'PLATFORM', 'CLINIC')),
    clinic_id uuid,
    format text NOT NULL CHECK (format IN ('MARKDOWN', 'TEXT', 'PDF')),
    content_hash text NOT NULL,
    body text NOT NULL,
    added_by uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((scope = 'CLINIC') = (clinic_id IS NOT NULL)),
    CHECK ((scope = 'BUILT_IN') = (slug IS NOT NULL))
  )`,
  `CREATE INDEX knowledge_documents_clinic ON ai.knowledge_documents (clinic_id, created_at DESC, id) WHERE clinic_id IS NOT NULL`,
  `CREATE INDEX knowledge_documents_recent ON ai.knowledge_documents (created_at DESC, id)`,
  `CREATE TABLE ai.knowledge_chunks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    document_id uuid NOT NULL REFERENCES ai.knowledge_documents (id) ON DELETE CASCADE,
    ordinal int NOT NULL,
    section text NOT NULL,
    headings text[] NOT NULL,
    text text NOT NULL,
    token_count int NOT NULL,
    search tsvector GENERATED ALWAYS AS (to_tsvector('english', section || ' ' || text)) STORED,
    embedding real[] NOT NULL,
    embedding_model text NOT NULL,
    embedding_dimensions int NOT NULL,
    UNIQUE (document_id, ordinal)
  )`,
  `CREATE INDEX knowledge_chunks_search ON ai.knowledge_chunks USING gin (search)`,
  `CREATE INDEX knowledge_chunks_section_trgm ON ai.knowledge_chunks USING gin (section public.gin_trgm_ops)`,
  `CREATE INDEX knowledge_chunks_model ON ai.knowledge_chunks (embedding_model)`,
  `CREATE TABLE ai.assistant_threads (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id uuid NOT NULL,
    pet_id uuid,
    title text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX assistant_threads_owner ON ai.assistant_threads (owner_id, updated_at DESC, id DESC)`,
  `CREATE TABLE ai.assistant_exchanges (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    thread_id uuid NOT NULL REFERENCES ai.assistant_threads (id) ON DELETE CASCADE,
    owner_id uuid NOT NULL,
    request_id uuid,
    question text NOT NULL,
    answer text NOT NULL,
    notice text,
    triage_level text NOT NULL CHECK (triage_level IN ('RED', 'ORANGE', 'YELLOW', 'GREEN', 'BLUE')),
    triage_findings jsonb NOT NULL DEFAULT '[]',
    citations jsonb NOT NULL DEFAULT '[]',
    actions jsonb NOT NULL DEFAULT '[]',
    provider text NOT NULL,
    model text,
    prompt text,
    latency_ms int NOT NULL,
    input_tokens int,
    output_tokens int,
    cost_usd numeric(12, 6),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX assistant_exchanges_thread ON ai.assistant_exchanges (thread_id, created_at, id)`,
  `CREATE INDEX assistant_exchanges_owner_recent ON ai.assistant_exchanges (owner_id, created_at DESC)`,
];
