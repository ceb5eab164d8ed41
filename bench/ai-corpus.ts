// What the ai bench feeds retrieval: the labelled questions and their variants, synthetic documents
// that bring the index to 10,000 chunks, and the two evaluation figures (recall@6, MRR@10).
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Article } from "../subgraphs/ai/src/knowledge/article";
import { chunkDocument, chunkEmbeddingText } from "../subgraphs/ai/src/knowledge/chunker";
import type { KnowledgeRepository } from "../subgraphs/ai/src/knowledge/knowledge.repository";
import type { ChunkRow, NewDocument, RetrievalScope } from "../subgraphs/ai/src/knowledge/knowledge.rows";
import { SPECIES } from "../subgraphs/ai/src/knowledge/knowledge.values";
import type { LocalEmbedder } from "../subgraphs/ai/src/embedding/local-embedder";

export const RECALL_AT = 6;
export const MRR_AT = 10;

export interface EvalQuestion {
  question: string;
  species?: string;
  expected: { slug: string; section: string }[];
}

const EVAL_DIR = join(__dirname, "..", "subgraphs", "ai", "test", "eval");

/** Every labelled question in subgraphs/ai/test/eval/*.json, in file order. */
export function loadEvalQuestions(): EvalQuestion[] {
  return readdirSync(EVAL_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(join(EVAL_DIR, f), "utf8")) as EvalQuestion[]);
}

export const scopeOf = (q: { species?: string | null }): RetrievalScope => ({
  species: q.species ?? null,
  clinicIds: [],
});

/**
 * The same definition as the retrieval evaluation test: a chunk answers a question when it comes from
 * an expected document and covers the expected section.
 */
function firstRelevantRank(q: EvalQuestion, ranked: readonly Pick<ChunkRow, "slug" | "headings">[]): number | null {
  const i = ranked
    .slice(0, MRR_AT)
    .findIndex((c) => q.expected.some((e) => e.slug === c.slug && c.headings.includes(e.section)));
  return i < 0 ? null : i + 1;
}

export interface EvalFigures {
  recall: number;
  mrr: number;
  top1: number;
  /** Questions evaluated before the deadline (all of them unless retrieval is pathologically slow). */
  asked: number;
}

/** Over every question, or those asked within `budgetMs`: a figure over fewer says so (`asked`). */
export async function evaluate(
  questions: readonly EvalQuestion[],
  rank: (q: EvalQuestion) => Promise<readonly Pick<ChunkRow, "slug" | "headings">[]>,
  budgetMs = 120_000,
): Promise<EvalFigures> {
  const deadline = Date.now() + budgetMs;
  let found = 0;
  let reciprocal = 0;
  let top1 = 0;
  let asked = 0;
  for (const q of questions) {
    if (Date.now() >= deadline) break;
    const first = firstRelevantRank(q, await rank(q));
    asked++;
    if (first !== null && first <= RECALL_AT) found++;
    if (first !== null) reciprocal += 1 / first;
    if (first === 1) top1++;
  }
  const n = asked || 1;
  return { recall: found / n, mrr: reciprocal / n, top1: top1 / n, asked };
}

/**
 * `perQuestion` wordings of each question, deterministic: as written, lower case without
 * punctuation, with a greeting, with a plea, with a word left out, with two words swapped.
 */
export function questionVariants(questions: readonly EvalQuestion[], perQuestion = 6): EvalQuestion[] {
  const variants = (text: string, i: number): string[] => {
    const words = text.split(/\s+/);
    const dropAt = 1 + (i % Math.max(1, words.length - 1));
    const swapAt = i % Math.max(1, words.length - 1);
    const swapped = [...words];
    [swapped[swapAt], swapped[swapAt + 1]] = [swapped[swapAt + 1]!, swapped[swapAt]!];
    return [
      text,
      text.toLowerCase().replace(/[^\p{L}\p{N}\s']/gu, ""),
      `hi, quick question: ${text}`,
      `${text} please help`,
      words.filter((_, j) => j !== dropAt).join(" "),
      swapped.filter(Boolean).join(" "),
    ];
  };
  return questions.flatMap((q, i) =>
    variants(q.question, i)
      .slice(0, perQuestion)
      .map((question) => ({ ...q, question })),
  );
}

/** mulberry32: a small seeded generator, so the synthetic corpus is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** In every synthetic document's title, so they can be found and removed. */
export const SYNTHETIC_TITLE = ": bench notes ";

const SPECIES_WORDS = /\b(dogs?|puppy|puppies|cats?|kittens?|rabbits?|horses?|ferrets?|birds?|parrots?|fish)\b/gi;
const SPECIES_NAMES: Record<string, string> = {
  DOG: "dogs",
  CAT: "cats",
  RABBIT: "rabbits",
  GUINEA_PIG: "guinea pigs",
  HAMSTER: "hamsters",
  FERRET: "ferrets",
  BIRD: "birds",
  REPTILE: "reptiles",
  FISH: "fish",
  HORSE: "horses",
};

/**
 * Synthetic documents recombined from the shipped articles' sentences and headings: each takes an
 * article's title with another species, and sections of sentences drawn from every article. Retrieval
 * must find the shipped chunk among thousands that share its words.
 */
export function* syntheticDocuments(
  articles: readonly Article[],
  seed = 15,
): Generator<Omit<NewDocument, "chunks" | "embeddingModel"> & { body: string }> {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const sentences: string[] = [];
  const headings: string[] = [];
  for (const article of articles)
    for (const line of article.body.split(/\r?\n/)) {
      const heading = /^#{2,6}\s+(.+)$/.exec(line);
      if (heading) headings.push(heading[1]!.trim());
      else if (line.trim() && !line.startsWith("#"))
        sentences.push(...(line.replace(/^[-*]\s+|^\d+\.\s+/, "").match(/[^.!?]+[.!?]+/g) ?? []).map((s) => s.trim()));
    }
  for (let n = 0; ; n++) {
    const base = articles[n % articles.length]!;
    const species = SPECIES[(n * 7 + 3) % SPECIES.length]!;
    const title = `${base.title.replace(SPECIES_WORDS, SPECIES_NAMES[species]!)}${SYNTHETIC_TITLE}${n}`;
    const sections = Array.from({ length: 6 + Math.floor(random() * 6) }, () => {
      const paragraphs = Array.from({ length: 2 + Math.floor(random() * 3) }, () =>
        Array.from({ length: 4 + Math.floor(random() * 5) }, () => pick(sentences)).join(" "),
      );
      return `## ${pick(headings)}\n\n${paragraphs.join("\n\n")}`;
    });
    const body = `# ${title}\n\n${sections.join("\n\n")}\n`;
    // One in ten belongs to a clinic no benchmark question is asked from, one in five is for any species.
    const clinic = n % 10 === 9;
    yield {
      slug: null,
      title,
      species: n % 5 === 4 ? [] : [species],
      topic: base.topic,
      reviewedBy: null,
      scope: clinic ? "CLINIC" : "PLATFORM",
      clinicId: clinic ? `00000000-0000-4000-8000-${String(n % 7).padStart(12, "0")}` : null,
      format: "MARKDOWN",
      contentHash: createHash("sha256").update(body).digest("hex"),
      body,
      addedBy: null,
    };
  }
}

/**
 * Adds synthetic documents until the index holds at least `target` chunks: chunked, embedded and
 * saved the way an admin's upload is (KnowledgeRepository.save, one transaction per document).
 */
export async function fillTo(
  target: number,
  existing: number,
  articles: readonly Article[],
  knowledge: KnowledgeRepository,
  embedder: LocalEmbedder,
  width = 4,
): Promise<{ documents: number; chunks: number; embedMs: number; saveMs: number }> {
  let chunks = existing;
  let documents = 0;
  let embedMs = 0;
  const started = performance.now();
  const source = syntheticDocuments(articles);
  let batch: Promise<string>[] = [];
  while (chunks < target) {
    const doc = source.next().value!;
    const embedStarted = performance.now();
    const pieces = chunkDocument(doc.body, doc.title);
    const vectors = await embedder.embed(pieces.map((c) => chunkEmbeddingText(doc.title, c.headings, c.text)));
    embedMs += performance.now() - embedStarted;
    batch.push(
      knowledge.save({
        ...doc,
        chunks: pieces.map((c, i) => ({ ...c, embedding: vectors[i]! })),
        embeddingModel: embedder.model,
      }),
    );
    if (batch.length >= width) {
      await Promise.all(batch);
      batch = [];
    }
    chunks += pieces.length;
    documents++;
  }
  await Promise.all(batch);
  return { documents, chunks, embedMs, saveMs: performance.now() - started - embedMs };
}
