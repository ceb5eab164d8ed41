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
 * When a chunk is about the question (tuned on the labelled questions and off-topic ones, test/eval):
 * its vector is close, or it shares enough of the question's content words. One shared word is
 * chance ("world" in "who won the world cup" is in a travel article), so it takes MIN_SHARED_WORDS
 * of them as well as a MIN_COVERAGE share (or all of a one-word question's).
 */
export const MIN_COSINE = 0.3;
export const MIN_COVERAGE = 0.15;
export const MIN_SHARED_WORDS = 2;

export interface RetrievedChunk extends ChunkRow {
  /** 1 for the best. */
  rank: number;
  /** Reciprocal-rank-fusion score. */
  fused: number;
  /** Cosine similarity with the question (0 when the chunk was not among the vector channel's top). */
  cosine: number;
  /** Share of the question's content words the chunk contains. */
  coverage: number;
  /** How many of the question's distinct content words the chunk contains. */
  sharedWords: number;
  /** Close enough or sharing enough words (MIN_COSINE, MIN_COVERAGE, MIN_SHARED_WORDS): an answer may be built from it. */
  relevant: boolean;
}

/** The question's words the chunk contains, counted. */
function sharedWordsOf(questionWords: Set<string>, text: string): number {
  const words = new Set(contentWords(text));
  let shared = 0;
  for (const word of questionWords) if (words.has(word)) shared++;
  return shared;
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
    const terms = queryTerms(question);
    const [fullText, trigram, nearest] = await Promise.all([
      this.knowledge.fullText(terms, scope, CHANNEL_TOP),
      // Headings are matched against the question's content words: "how", "when" and "to" in both
      // made "How much and how often to feed a puppy" the best heading for a question about jabs.
      this.knowledge.trigram(terms.join(" "), scope, CHANNEL_TOP),
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
      const sharedWords = sharedWordsOf(questionWords, `${row.headings.join(" ")} ${row.text}`);
      const coverage = questionWords.size === 0 ? 0 : sharedWords / questionWords.size;
      return [
        {
          ...row,
          rank: i + 1,
          fused: f.score,
          cosine,
          coverage,
          sharedWords,
          relevant:
            cosine >= MIN_COSINE ||
            (coverage >= MIN_COVERAGE && sharedWords >= Math.min(MIN_SHARED_WORDS, questionWords.size)),
        },
      ];
    });
  }
}
