/** A knowledge document as stored (its body is read only when a client opens it). */
export interface KnowledgeDocumentRow {
  id: string;
  slug: string | null;
  title: string;
  species: string[];
  topic: string;
  reviewedBy: string | null;
  scope: "BUILT_IN" | "PLATFORM" | "CLINIC";
  clinicId: string | null;
  format: "MARKDOWN" | "TEXT" | "PDF";
  contentHash: string;
  addedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  chunkCount: number;
}

/** A chunk as retrieval hands it on: enough to cite it and to quote it. */
export interface ChunkRow {
  id: string;
  documentId: string;
  documentTitle: string;
  slug: string | null;
  scope: KnowledgeDocumentRow["scope"];
  clinicId: string | null;
  section: string;
  headings: string[];
  text: string;
}

/** A chunk's vector and what decides who may retrieve it, for the in-process vector index. */
export interface ChunkVectorRow {
  id: string;
  scope: KnowledgeDocumentRow["scope"];
  clinicId: string | null;
  species: string[];
  embedding: Float32Array;
}

/** A document to store with its chunks, embedded. */
export interface NewDocument {
  slug: string | null;
  title: string;
  species: string[];
  topic: string;
  reviewedBy: string | null;
  scope: KnowledgeDocumentRow["scope"];
  clinicId: string | null;
  format: KnowledgeDocumentRow["format"];
  contentHash: string;
  body: string;
  addedBy: string | null;
  chunks: { headings: string[]; text: string; tokens: number; embedding: number[] }[];
  embeddingModel: string;
}

/** Who is asking, as far as retrieval's filter goes. */
export interface RetrievalScope {
  /** Only documents for this species or for any (null: no species filter). */
  species: string | null;
  /** Clinics whose own documents the asker may read: the clinics they work at or their pet is seen at. */
  clinicIds: string[];
}
