import type { KnowledgeDocumentRow } from "./knowledge.rows";
import type {
  KnowledgeDocument,
  KnowledgeDocumentFormatValue,
  KnowledgeScopeValue,
  KnowledgeTopicValue,
  SpeciesValue,
} from "./knowledge-document.types";

/** A stored document as the GraphQL type (the body only when the row carries it). */
export function toKnowledgeDocument(row: KnowledgeDocumentRow & { body?: string }): KnowledgeDocument {
  return {
    id: row.id,
    title: row.title,
    species: row.species as SpeciesValue[],
    topic: row.topic as KnowledgeTopicValue,
    reviewedBy: row.reviewedBy,
    scope: row.scope as KnowledgeScopeValue,
    clinicId: row.clinicId,
    format: row.format as KnowledgeDocumentFormatValue,
    chunkCount: row.chunkCount,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    body: row.body,
  };
}
