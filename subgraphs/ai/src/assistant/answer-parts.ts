import type { RetrievedChunk } from "../retrieval/retriever";
import type { PetRecord, RecordFact } from "../record/pet-record";
import {
  AssistantActionKindValue,
  CitationKindValue,
  type AssistantAction,
  type AssistantCitation,
} from "./assistant.types";

/** What an answerer produces; the service adds ids, triage, timing and stores it. */
export interface ComposedAnswer {
  text: string;
  notice: string | null;
  citations: AssistantCitation[];
  actions: AssistantAction[];
  provider: string;
  model: string | null;
  inputTokens?: number | null;
  outputTokens?: number | null;
  costUsd?: number | null;
  /** What was sent to a provider, redacted (audit); null when no model was asked. */
  prompt?: string | null;
}

/** A source an answer may cite: a passage or a record item, with the marker it is cited by. */
export interface Source {
  marker: number;
  citation: AssistantCitation;
  /** The text the answerer may quote. */
  text: string;
}

export function anchorOf(section: string): string {
  return section
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function excerptOf(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}

/** Markers 1..n for the passages, then n+1.. for the record items, in the order given. */
export function sourcesOf(
  chunks: readonly RetrievedChunk[],
  facts: readonly RecordFact[],
  record: PetRecord | null,
): Source[] {
  const sources: Source[] = chunks.map((chunk, i) => ({
    marker: i + 1,
    text: chunk.text,
    citation: {
      marker: i + 1,
      kind: CitationKindValue.KNOWLEDGE,
      id: chunk.id,
      title: chunk.documentTitle,
      section: chunk.section,
      excerpt: excerptOf(chunk.text),
      link: `/knowledge/${chunk.documentId}#${anchorOf(chunk.section)}`,
      documentId: chunk.documentId,
    },
  }));
  facts.forEach((fact, i) => {
    const marker = chunks.length + i + 1;
    sources.push({
      marker,
      text: fact.text,
      citation: {
        marker,
        kind: CitationKindValue.HEALTH_RECORD,
        id: fact.id,
        title: `${record?.profile.name ?? "The pet"}'s record: ${fact.kind.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}`,
        section: null,
        excerpt: excerptOf(fact.text),
        link: `/pets/${record?.profile.id}/health-record/${fact.id}`,
        documentId: null,
      },
    });
  });
  return sources;
}

/**
 * Drops the markers of the text that name no source (a model may invent one) and returns the
 * citations the text uses, in order of first use. Markers keep their numbers, so the text streamed
 * while it was written and the stored text cite alike.
 */
export function keepCited(text: string, sources: readonly Source[]): { text: string; citations: AssistantCitation[] } {
  const byMarker = new Map(sources.map((s) => [s.marker, s]));
  const used = new Set<number>();
  const out = text.replace(/\s?\[(\d+)\]/g, (whole, digits: string) => {
    const source = byMarker.get(Number(digits));
    if (!source) return "";
    used.add(source.marker);
    return whole;
  });
  return { text: out.trim(), citations: [...used].map((marker) => byMarker.get(marker)!.citation) };
}

export function action(
  kind: AssistantActionKindValue,
  label: string,
  fields: Partial<AssistantAction> = {},
): AssistantAction {
  return {
    kind,
    label,
    clinicId: null,
    serviceId: null,
    startsAt: null,
    phone: null,
    productId: null,
    variantId: null,
    petId: null,
    recordItemId: null,
    ...fields,
  };
}

export { AssistantActionKindValue };
