// The labelled retrieval questions and the two figures the issue holds retrieval to (recall@6 and
// MRR@10), shared by the exact-vector evaluation and the pgvector one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ChunkRow, RetrievalScope } from "../../src/knowledge/knowledge.rows";

export interface EvalQuestion {
  question: string;
  species?: string;
  /** The chunks that answer it: a document and one of its `##` headings. */
  expected: { slug: string; section: string }[];
}

export interface Figures {
  /** Share of questions with at least one relevant chunk in the top 6. */
  recall: number;
  /** Share of questions whose first chunk is relevant. */
  top1: number;
  /** Mean of 1/rank of the first relevant chunk in the top 10 (0 when none). */
  mrr: number;
  /** The questions with no relevant chunk in the top 6. */
  misses: string[];
}

export const RECALL_AT = 6;
export const MRR_AT = 10;

export function loadQuestions(): EvalQuestion[] {
  return ["a", "b", "c"].flatMap(
    (group) => JSON.parse(readFileSync(join(__dirname, `retrieval-${group}.json`), "utf8")) as EvalQuestion[],
  );
}

export function scopeOf(question: EvalQuestion): RetrievalScope {
  return { species: question.species ?? null, clinicIds: [] };
}

/** A chunk answers a question when it comes from an expected document and covers the expected section. */
export function isRelevant(question: EvalQuestion, chunk: Pick<ChunkRow, "slug" | "headings">): boolean {
  return question.expected.some((e) => e.slug === chunk.slug && chunk.headings.includes(e.section));
}

/** 1-based rank of the first relevant chunk, or null. */
export function firstRelevantRank(
  question: EvalQuestion,
  ranked: readonly Pick<ChunkRow, "slug" | "headings">[],
): number | null {
  const index = ranked.findIndex((chunk) => isRelevant(question, chunk));
  return index < 0 ? null : index + 1;
}

/** Runs `rank` (best first, at least MRR_AT long when it can be) over every question. */
export async function evaluate(
  questions: readonly EvalQuestion[],
  rank: (question: EvalQuestion) => Promise<readonly Pick<ChunkRow, "slug" | "headings">[]>,
): Promise<Figures> {
  let found = 0;
  let reciprocal = 0;
  let top = 0;
  const misses: string[] = [];
  for (const question of questions) {
    const first = firstRelevantRank(question, (await rank(question)).slice(0, MRR_AT));
    if (first !== null && first <= RECALL_AT) found++;
    else misses.push(question.question);
    if (first !== null) reciprocal += 1 / first;
    if (first === 1) top++;
  }
  const n = questions.length;
  return { recall: found / n, mrr: reciprocal / n, top1: top / n, misses };
}

export function formatFigures(name: string, figures: Figures): string {
  return `${name}: recall@${RECALL_AT} ${figures.recall.toFixed(3)}, MRR@${MRR_AT} ${figures.mrr.toFixed(3)}, first relevant ${figures.top1.toFixed(3)}`;
}
