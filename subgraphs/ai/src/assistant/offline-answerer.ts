import { dot } from "../embedding/embedder";
import type { LocalEmbedder } from "../embedding/local-embedder";
import type { PetRecord } from "../record/pet-record";
import type { RetrievedChunk } from "../retrieval/retriever";
import { contentWords } from "../text/words";
import { keepCited, sourcesOf, type ComposedAnswer } from "./answer-parts";
import { looksLikeInstruction } from "./instructions";

/** At most this many sentences, from at most this many passages: a short answer the user can check. */
const MAX_SENTENCES = 5;
const MAX_PER_PASSAGE = 2;
/**
 * A record item is quoted when it is about the same thing as the question: it contains at least half
 * of the question's content words (the pet's name aside), or its vector is this close.
 */
const MIN_FACT_COVERAGE = 0.5;
const MIN_FACT_SIMILARITY = 0.2;
const MAX_FACTS = 2;

export const OFFLINE_NOTICE =
  "Offline answer: composed from Pawgraph's care articles and the pet's record without a language model. It is general guidance, not a diagnosis.";
/** Noticed (not in the text: it is about the sources, not from them) when only the record speaks to the question. */
export const NO_ARTICLE = "None of Pawgraph's care articles covers this; ask your vet about it.";
export const DONT_KNOW =
  "I don't know: none of Pawgraph's care articles answers this. Please ask your vet, or book a visit if you are worried.";

/** The question's content words, without the pet's own name (every record item is about the pet). */
function questionWords(question: string, petName: string | undefined): Set<string> {
  const name = new Set(petName ? contentWords(petName) : []);
  return new Set(contentWords(question).filter((w) => !name.has(w)));
}

/** The sentences (and list items) of a passage, without Markdown list marks. */
export function sentencesOf(text: string): string[] {
  return (
    text
      .split(/\n+/)
      .map((line) => line.replace(/^\s*(?:[-*+]|\d+\.)\s+/, "").trim())
      .flatMap((line) => line.match(/[^.!?]+(?:[.!?]+["')\]]*|$)/g) ?? [])
      .map((s) => s.trim())
      // A lead-in ("you can do a few things:") says nothing without the list it introduces.
      .filter((s) => contentWords(s).length >= 3 && !s.endsWith(":") && !looksLikeInstruction(s))
      .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
  );
}

/**
 * The offline answerer (DESIGN §5): picks the sentences of the retrieved passages closest to the
 * question, and the items of the pet's record about the same thing, and cites each one. It writes
 * nothing of its own but the "don't know" line, so every sentence of its answer is a quotation of a
 * source the asker may see.
 */
export class OfflineAnswerer {
  constructor(private readonly embedder: LocalEmbedder) {}

  private relevantFacts(question: string, q: number[], record: PetRecord | null): PetRecord["facts"] {
    if (!record) return [];
    const words = questionWords(question, record.profile.name);
    return record.facts
      .map((fact) => {
        const factWords = new Set(contentWords(fact.text));
        const coverage = words.size ? [...words].filter((w) => factWords.has(w)).length / words.size : 0;
        return { fact, coverage, cosine: dot(q, this.embedder.embedOne(fact.text)) };
      })
      .filter((f) => f.coverage >= MIN_FACT_COVERAGE || f.cosine >= MIN_FACT_SIMILARITY)
      .sort((a, b) => b.coverage + b.cosine - (a.coverage + a.cosine))
      .slice(0, MAX_FACTS)
      .map((f) => f.fact);
  }

  /** `dosing`: the question asks for a dose; the pet's running prescriptions are quoted, nothing else about doses. */
  answer(
    question: string,
    chunks: readonly RetrievedChunk[],
    record: PetRecord | null,
    dosing = false,
  ): ComposedAnswer {
    const q = this.embedder.embedOne(question);
    const relevant = chunks.filter((c) => c.relevant);
    const prescribed = new Set(record?.prescriptions.map((p) => p.id) ?? []);
    const facts = dosing
      ? (record?.facts ?? []).filter((f) => prescribed.has(f.id)).slice(0, MAX_FACTS)
      : this.relevantFacts(question, q, record);
    if (relevant.length === 0 && facts.length === 0)
      return { text: DONT_KNOW, notice: OFFLINE_NOTICE, citations: [], actions: [], provider: "offline", model: null };
    const sources = sourcesOf(relevant, facts, record);
    const picked = relevant
      .flatMap((chunk, i) =>
        sentencesOf(chunk.text).map((sentence, position) => ({
          marker: i + 1,
          position,
          sentence,
          score: dot(q, this.embedder.embedOne(`${chunk.section}. ${sentence}`)) + 0.02 * (relevant.length - i),
        })),
      )
      .sort((a, b) => b.score - a.score);
    const chosen: typeof picked = [];
    const perPassage = new Map<number, number>();
    for (const candidate of picked) {
      if (chosen.length >= MAX_SENTENCES) break;
      if ((perPassage.get(candidate.marker) ?? 0) >= MAX_PER_PASSAGE) continue;
      perPassage.set(candidate.marker, (perPassage.get(candidate.marker) ?? 0) + 1);
      chosen.push(candidate);
    }
    // Passages in rank order, each one's sentences in its own order: the answer reads as written.
    chosen.sort((a, b) => a.marker - b.marker || a.position - b.position);
    const lines = chosen.map((c) => `${c.sentence} [${c.marker}]`);
    const name = record?.profile.name ?? "Your pet";
    // One line per record item, as one sentence: each line of the answer is one cited statement.
    facts.forEach((fact, i) =>
      lines.push(
        `From ${name}'s record: ${fact.text.replace(/\.\s+/g, "; ").replace(/\.$/, "")}. [${relevant.length + i + 1}]`,
      ),
    );
    const { text, citations } = keepCited(lines.join("\n"), sources);
    const notice = relevant.length === 0 ? `${OFFLINE_NOTICE} ${NO_ARTICLE}` : OFFLINE_NOTICE;
    return { text, notice, citations, actions: [], provider: "offline", model: null };
  }
}
