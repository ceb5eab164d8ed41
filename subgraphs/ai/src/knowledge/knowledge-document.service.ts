import { randomUUID } from "node:crypto";
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  isPlatformAdmin,
  isUuid,
  parseId,
  requireViewer,
  type BaseContext,
  type FileStore,
  type UploadTarget,
  type Viewer,
} from "@pawgraph/subgraph-kit";
import type { Embedder } from "../embedding/embedder";
import type { VectorIndex } from "../retrieval/vector-index";
import { contentHash } from "./article";
import { embeddedChunks } from "./chunker";
import {
  KNOWLEDGE_PDF_MAX_BYTES,
  MAX_CONTENT_CHARS,
  MAX_PDF_TEXT_CHARS,
  type AddKnowledgeDocumentInput,
  type RequestKnowledgeUploadInput,
} from "./knowledge-document.inputs";
import type { KnowledgeRepository } from "./knowledge.repository";
import type { KnowledgeDocumentRow } from "./knowledge.rows";
import { KNOWLEDGE_TOPICS } from "./knowledge.values";
import { pdfText } from "./pdf-text";

const UPLOAD_URL_SECONDS = 15 * 60;

type Document = KnowledgeDocumentRow & { body: string };

/** Whether the viewer works at this clinic, in any role (vet, staff, admin). */
function worksAt(viewer: Viewer, clinicId: string): boolean {
  return viewer.memberships.some((m) => m.clinicId.toLowerCase() === clinicId);
}

function adminOf(viewer: Viewer, clinicId: string): boolean {
  return viewer.memberships.some((m) => m.clinicId.toLowerCase() === clinicId && m.role === "CLINIC_ADMIN");
}

/** Built-in and platform documents: anyone signed in; a clinic's: its staff and platform admins. */
function mayRead(viewer: Viewer, doc: KnowledgeDocumentRow): boolean {
  return doc.scope !== "CLINIC" || isPlatformAdmin(viewer) || worksAt(viewer, doc.clinicId!);
}

/**
 * The documents added to the knowledge index by platform admins (PLATFORM, or CLINIC for any clinic)
 * and clinic admins (CLINIC, for their clinic): checked, chunked, embedded and stored in one
 * transaction, then the vector index refreshed, so the next question can use them.
 */
export class KnowledgeDocumentService {
  constructor(
    private readonly knowledge: KnowledgeRepository,
    private readonly embedder: Embedder,
    private readonly vectors: VectorIndex,
    private readonly files: FileStore,
  ) {}

  /** A document the viewer may read; NOT_FOUND otherwise (no hint that a clinic's document exists). */
  async readable(ctx: BaseContext, id: string, field: string): Promise<Document> {
    const viewer = requireViewer(ctx.viewer);
    const doc = isUuid(id) ? await this.knowledge.document(id.toLowerCase()) : null;
    if (!doc || !mayRead(viewer, doc)) throw new NotFoundError("KnowledgeDocument", field);
    return doc;
  }

  /**
   * Whose documents a list shows: one clinic's (its staff, platform admins), or the built-in and
   * platform ones (platform admins: they manage them).
   */
  listable(ctx: BaseContext, clinicId: string | null | undefined): string | null {
    const viewer = requireViewer(ctx.viewer);
    if (clinicId == null) {
      if (!isPlatformAdmin(viewer)) throw new ForbiddenError("Only platform admins list platform documents");
      return null;
    }
    const id = isUuid(clinicId) ? clinicId.toLowerCase() : null;
    if (!isPlatformAdmin(viewer) && (!id || !worksAt(viewer, id))) throw new ForbiddenError();
    if (!id) throw new BadUserInputError("clinicId", "clinicId is not a valid id");
    return id;
  }

  /**
   * The clinic a new document is for, checked against the viewer: platform admins add PLATFORM
   * documents (no clinic) or CLINIC ones for any clinic; a clinic admin only CLINIC ones for theirs.
   */
  private writableScope(viewer: Viewer, clinicId: string | null | undefined): string | null {
    if (clinicId == null) {
      if (isPlatformAdmin(viewer)) return null;
      if (viewer.memberships.some((m) => m.role === "CLINIC_ADMIN"))
        throw new BadUserInputError("input.clinicId", "clinicId is required: name the clinic the document is for");
      throw new ForbiddenError("Only platform admins and clinic admins add knowledge documents");
    }
    const id = isUuid(clinicId) ? clinicId.toLowerCase() : null;
    // A clinic the viewer does not administer is FORBIDDEN whether it exists or not.
    if (!isPlatformAdmin(viewer) && (!id || !adminOf(viewer, id)))
      throw new ForbiddenError("Only the clinic's admins add documents for it");
    return parseId(clinicId, "input.clinicId");
  }

  /** Uploads are kept under the scope they were requested for: another clinic's file id is simply not there. */
  private key(clinicId: string | null, fileId: string): string {
    return `knowledge/${clinicId ?? "platform"}/${fileId}.pdf`;
  }

  async requestUpload(
    ctx: BaseContext,
    input: RequestKnowledgeUploadInput,
  ): Promise<{ fileId: string; target: UploadTarget }> {
    const clinicId = this.writableScope(requireViewer(ctx.viewer), input.clinicId);
    if (input.sizeBytes > KNOWLEDGE_PDF_MAX_BYTES)
      throw new BadUserInputError("input.sizeBytes", `must be at most ${KNOWLEDGE_PDF_MAX_BYTES} bytes (20 MB)`);
    const fileId = randomUUID();
    const target = await this.files.presignUpload(
      this.key(clinicId, fileId),
      input.contentType,
      input.sizeBytes,
      UPLOAD_URL_SECONDS,
    );
    return { fileId, target };
  }

  async add(ctx: BaseContext, input: AddKnowledgeDocumentInput): Promise<Document> {
    const viewer = requireViewer(ctx.viewer);
    const clinicId = this.writableScope(viewer, input.clinicId);
    const title = input.title.trim();
    if (title.length < 3 || title.length > 200)
      throw new BadUserInputError("input.title", "A title is 3 to 200 characters");
    if (!(KNOWLEDGE_TOPICS as readonly string[]).includes(input.topic))
      throw new BadUserInputError("input.topic", "Unknown topic");
    const species = [...new Set(input.species ?? [])];
    const body = await this.bodyOf(input, clinicId);
    const chunks = await embeddedChunks(this.embedder, title, body);
    if (chunks.length === 0)
      throw new BadUserInputError(
        input.format === "PDF" ? "input.fileId" : "input.content",
        "The document has no text",
      );
    const id = await this.knowledge.save({
      slug: null,
      title,
      species,
      topic: input.topic,
      reviewedBy: null,
      scope: clinicId ? "CLINIC" : "PLATFORM",
      clinicId,
      format: input.format,
      contentHash: contentHash(body),
      body,
      addedBy: viewer.userId,
      chunks,
      embeddingModel: this.embedder.model,
    });
    await this.vectors.refresh();
    ctx.log.info({ documentId: id, clinicId, chunks: chunks.length }, "knowledge document added");
    return (await this.knowledge.document(id))!;
  }

  /** The document's text: `content` for MARKDOWN and TEXT, the uploaded PDF's text for PDF. */
  private async bodyOf(input: AddKnowledgeDocumentInput, clinicId: string | null): Promise<string> {
    if (input.format !== "PDF") {
      if (input.fileId != null) throw new BadUserInputError("input.fileId", "fileId is only for PDF documents");
      const content = input.content?.trim() ?? "";
      if (!content) throw new BadUserInputError("input.content", `content is required for ${input.format} documents`);
      if (content.length > MAX_CONTENT_CHARS)
        throw new BadUserInputError("input.content", `content is at most ${MAX_CONTENT_CHARS} characters`);
      return content;
    }
    if (input.content != null) throw new BadUserInputError("input.content", "A PDF document's text comes from fileId");
    if (input.fileId == null) throw new BadUserInputError("input.fileId", "fileId is required for PDF documents");
    const stream = await this.files.read(this.key(clinicId, parseId(input.fileId, "input.fileId")));
    if (!stream) throw new NotFoundError("File", "input.fileId");
    const parts: Buffer[] = [];
    let size = 0;
    for await (const part of stream as AsyncIterable<Buffer>) {
      size += part.length;
      if (size > KNOWLEDGE_PDF_MAX_BYTES) {
        stream.destroy();
        throw new BadUserInputError("input.fileId", "The file is larger than 20 MB");
      }
      parts.push(part);
    }
    const text = await pdfText(new Uint8Array(Buffer.concat(parts)));
    if (text === null) throw new BadUserInputError("input.fileId", "The file is not a PDF that can be read");
    if (!text.trim()) throw new BadUserInputError("input.fileId", "The PDF has no extractable text (a scan?)");
    if (text.length > MAX_PDF_TEXT_CHARS)
      throw new BadUserInputError("input.fileId", `The PDF's text is longer than ${MAX_PDF_TEXT_CHARS} characters`);
    return text;
  }

  /**
   * Deletes an added document: platform admins any, a clinic admin their clinic's. Built-in articles
   * are FORBIDDEN (they come back on the next start). One the viewer may not read is NOT_FOUND.
   */
  async delete(ctx: BaseContext, documentId: string): Promise<string> {
    const viewer = requireViewer(ctx.viewer);
    const doc = await this.readable(ctx, documentId, "input.documentId");
    if (doc.scope === "BUILT_IN") throw new ForbiddenError("Built-in articles cannot be deleted");
    if (!isPlatformAdmin(viewer) && !(doc.scope === "CLINIC" && adminOf(viewer, doc.clinicId!)))
      throw new ForbiddenError("Only platform admins and the clinic's admins delete its documents");
    if (!(await this.knowledge.deleteAdded(doc.id))) throw new NotFoundError("KnowledgeDocument", "input.documentId");
    await this.vectors.refresh();
    ctx.log.info({ documentId: doc.id, clinicId: doc.clinicId }, "knowledge document deleted");
    return doc.id;
  }
}
