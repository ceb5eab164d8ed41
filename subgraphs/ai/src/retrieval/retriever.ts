import type { Embedder } from "../embedding/embedder";
import type { KnowledgeRepository } from "../knowledge/knowledge.repository";
import type { ChunkRow, RetrievalScope } from "../knowledge/knowledge.rows";
import { contentWords, queryTerms } from "../text/words";
import { reciprocalRankFusion } from "./rrf";
import type { VectorIndex } from "./vector-index";

/** Each channel's list length, and how many fused chunks an answer may draw on (issue 15). */
export const CHANNEL_TOP = 20;
export const FINAL_TOP = 6;

/**
 * Below both of these a chunk is not about the question: its vector is far and it shares few of the
 * question's words. Tuned on the evaluation set and the off-topic questions (test/eval).
 */
export const MIN_COSINE = 0.3;
export const MIN_COVERAGE = 0.5;

export interface RetrievedChunk extends ChunkRow {
  /** 1 for the best. */
  rank: number;
  /** Reciprocal-rank-fusion score. */
  fused: number;
  /** Cosine similarity with the question (0 when the chunk was not among the vector channel's top). */
  cosine: number;
  /** Share of the question's content words the chunk contains. */
  coverage: number;
  /** Above MIN_COSINE or MIN_COVERAGE: an answer may be built from it. */
  relevant: boolean;
}

function coverageOf(questionWords: Set<string>, text: string): number {
  if (questionWords.size === 0) return 0;
  const words = new Set(contentWords(text));
  let found = 0;
  for (const word of questionWords) if (words.has(word)) found++;
  return found / questionWords.size;
}

/**
 * Hybrid retrieval (docs/decisions/0037): Postgres full text, trigram similarity of headings, and
 * vector similarity, each its top CHANNEL_TOP, fused by reciprocal rank fusion (k = 60) into the
 * final FINAL_TOP. The three channels run at once.
 */
export class Retriever {
  constructor(
    private readonly knowledge: KnowledgeRepository,
    private readonly embedder: Embedder,
    private readonly vectors: VectorIndex,
  ) {}

  async retrieve(question: string, scope: RetrievalScope, top = FINAL_TOP): Promise<RetrievedChunk[]> {
    const [queryVector] = await this.embedder.embed([question]);
    const [fullText, trigram, nearest] = await Promise.all([
      this.knowledge.fullText(queryTerms(question), scope, CHANNEL_TOP),
      this.knowledge.trigram(question, scope, CHANNEL_TOP),
      this.vectors.nearest(queryVector!, scope, CHANNEL_TOP),
    ]);
    const fused = reciprocalRankFusion([fullText, trigram, nearest.map((n) => n.id)]).slice(0, top);
    const rows = new Map((await this.knowledge.chunks(fused.map((f) => f.id))).map((r) => [r.id, r]));
    const cosines = new Map(nearest.map((n) => [n.id, n.score]));
    const questionWords = new Set(contentWords(question));
    return fused.flatMap((f, i) => {
      const row = rows.get(f.id);
      if (!row) return [];
      const cosine = cosines.get(f.id) ?? 0;
      const coverage = coverageOf(questionWords, `${row.section} ${row.text}`);
      return [
        {
          ...row,
          rank: i + 1,
          fused: f.score,
          cosine,
          coverage,
          relevant: cosine >= MIN_COSINE || coverage >= MIN_COVERAGE,
        },
      ];
    });
  }
}
