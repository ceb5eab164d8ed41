import type { DataSource } from "typeorm";
import type { AssistantAction, AssistantCitation, TriageFinding } from "./assistant.types";

export interface ThreadRow {
  id: string;
  ownerId: string;
  petId: string | null;
  title: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ExchangeRow {
  id: string;
  threadId: string;
  ownerId: string;
  requestId: string | null;
  petId: string | null;
  question: string;
  answer: string;
  notice: string | null;
  triageLevel: string;
  triageFindings: TriageFinding[];
  citations: AssistantCitation[];
  actions: AssistantAction[];
  provider: string;
  model: string | null;
  latencyMs: number;
  createdAt: Date;
}

export type NewExchange = Omit<ExchangeRow, "id" | "createdAt" | "threadId" | "petId"> & {
  prompt: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
};

const EXCHANGE = `e.id, e.thread_id AS "threadId", e.owner_id AS "ownerId", e.request_id AS "requestId", t.pet_id AS "petId",
  e.question, e.answer, e.notice, e.triage_level AS "triageLevel", e.triage_findings AS "triageFindings",
  e.citations, e.actions, e.provider, e.model, e.latency_ms AS "latencyMs", e.created_at AS "createdAt"`;
const THREAD = `id, owner_id AS "ownerId", pet_id AS "petId", title, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Conversations and their questions and answers, kept for their owner and for audit. */
export class AssistantRepository {
  constructor(private readonly db: DataSource) {}

  async thread(id: string): Promise<ThreadRow | null> {
    const [row] = await this.db.query(`SELECT ${THREAD} FROM ai.assistant_threads WHERE id = $1`, [id]);
    return row ?? null;
  }

  async threadsOf(ownerId: string, limit: number, after: [Date, string] | null): Promise<ThreadRow[]> {
    return this.db.query(
      `SELECT ${THREAD} FROM ai.assistant_threads WHERE owner_id = $1
          AND ($3::timestamptz IS NULL OR (updated_at, id) < ($3, $4::uuid))
        ORDER BY updated_at DESC, id DESC LIMIT $2`,
      [ownerId, limit, after?.[0] ?? null, after?.[1] ?? null],
    );
  }

  /** The latest `limit` exchanges of each thread, oldest first. */
  async exchangesOf(threadIds: readonly string[], limit = 100): Promise<ExchangeRow[]> {
    if (threadIds.length === 0) return [];
    return this.db.query(
      `SELECT * FROM (
         SELECT ${EXCHANGE}, row_number() OVER (PARTITION BY e.thread_id ORDER BY e.created_at DESC, e.id DESC) AS n
           FROM ai.assistant_exchanges e JOIN ai.assistant_threads t ON t.id = e.thread_id
          WHERE e.thread_id = ANY($1::uuid[])) x
        WHERE n <= $2 ORDER BY "createdAt", id`,
      [threadIds, limit],
    );
  }

  async exchangeById(id: string): Promise<ExchangeRow | null> {
    const [row] = await this.db.query(
      `SELECT ${EXCHANGE} FROM ai.assistant_exchanges e JOIN ai.assistant_threads t ON t.id = e.thread_id WHERE e.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** How many questions the user asked since `since` (the quota). */
  async questionsSince(ownerId: string, since: Date): Promise<number> {
    const [row]: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM ai.assistant_exchanges WHERE owner_id = $1 AND created_at >= $2`,
      [ownerId, since],
    );
    return row!.n;
  }

  /** Stores the exchange, in a new thread unless `threadId` is given; one transaction. */
  async save(
    threadId: string | null,
    petId: string | null,
    title: string,
    exchange: NewExchange,
  ): Promise<ExchangeRow> {
    return this.db.transaction(async (tx) => {
      let thread = threadId;
      if (thread) {
        await tx.query(`UPDATE ai.assistant_threads SET updated_at = now() WHERE id = $1`, [thread]);
      } else {
        const [row]: { id: string }[] = await tx.query(
          `INSERT INTO ai.assistant_threads (owner_id, pet_id, title) VALUES ($1, $2, $3) RETURNING id`,
          [exchange.ownerId, petId, title],
        );
        thread = row!.id;
      }
      const [row]: { id: string; createdAt: Date }[] = await tx.query(
        `INSERT INTO ai.assistant_exchanges (thread_id, owner_id, request_id, question, answer, notice, triage_level,
           triage_findings, citations, actions, provider, model, prompt, latency_ms, input_tokens, output_tokens, cost_usd)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
         RETURNING id, created_at AS "createdAt"`,
        [
          thread,
          exchange.ownerId,
          exchange.requestId,
          exchange.question,
          exchange.answer,
          exchange.notice,
          exchange.triageLevel,
          JSON.stringify(exchange.triageFindings),
          JSON.stringify(exchange.citations),
          JSON.stringify(exchange.actions),
          exchange.provider,
          exchange.model,
          exchange.prompt,
          exchange.latencyMs,
          exchange.inputTokens,
          exchange.outputTokens,
          exchange.costUsd,
        ],
      );
      return { ...exchange, id: row!.id, createdAt: row!.createdAt, threadId: thread, petId };
    });
  }

  /** Deletes the thread and its exchanges (cascade), the audit copies included. */
  async deleteThread(id: string, ownerId: string): Promise<void> {
    await this.db.query(`DELETE FROM ai.assistant_threads WHERE id = $1 AND owner_id = $2`, [id, ownerId]);
  }
}
