import { m, q, type SweepCase } from "./authorization-sweep.case";

const markdown = { title: "B's document", topic: "GENERAL_CARE", format: "MARKDOWN", content: "# B\n\nB's own text." };

/**
 * The ai subgraph's rows of the authorization sweep (e2e/authorization-sweep.e2e.test.ts): A's pet
 * and thread in the assistant, and A's clinic's knowledge documents, as B (another clinic's admin).
 */
export const AI_CASES: Record<string, SweepCase> = {
  "Mutation.askAssistant input.petId": m("askAssistant", "AskAssistantInput", (f) => ({
    question: "Is this pet well?",
    petId: f.a.petId,
  })),
  "Mutation.askAssistant input.threadId": m("askAssistant", "AskAssistantInput", (f) => ({
    question: "And what did you say before?",
    threadId: f.a.threadId,
  })),
  "Query.assistantThread id": q(`query($id: ID!) { assistantThread(id: $id) { title } }`, (f) => ({
    id: f.a.threadId,
  })),
  "Mutation.deleteAssistantThread input.threadId": m(
    "deleteAssistantThread",
    "DeleteAssistantThreadInput",
    (f) => ({ threadId: f.a.threadId }),
    "NOT_FOUND",
    "",
  ),
  // Knowledge: A's clinic's document is for A's clinic's staff and clients; B runs another clinic.
  "Query.knowledgeDocument id": q(`query($id: ID!) { knowledgeDocument(id: $id) { title body } }`, (f) => ({
    id: f.a.knowledgeDocumentId,
  })),
  "Query.knowledgeDocuments clinicId": q(
    `query($c: ID) { knowledgeDocuments(clinicId: $c) { edges { node { title } } } }`,
    (f) => ({ c: f.a.clinicId }),
    "FORBIDDEN",
  ),
  "Mutation.addKnowledgeDocument input.clinicId": m(
    "addKnowledgeDocument",
    "AddKnowledgeDocumentInput",
    (f) => ({ ...markdown, clinicId: f.a.clinicId }),
    "FORBIDDEN",
  ),
  "Mutation.addKnowledgeDocument input.fileId": m("addKnowledgeDocument", "AddKnowledgeDocumentInput", (f) => ({
    title: "B's PDF",
    topic: "GENERAL_CARE",
    format: "PDF",
    clinicId: f.b.clinicId,
    fileId: f.a.knowledgeFileId,
  })),
  "Mutation.requestKnowledgeUpload input.clinicId": m(
    "requestKnowledgeUpload",
    "RequestKnowledgeUploadInput",
    (f) => ({ clinicId: f.a.clinicId, fileName: "b.pdf", contentType: "application/pdf", sizeBytes: 1000 }),
    "FORBIDDEN",
    "fileId",
  ),
  "Mutation.deleteKnowledgeDocument input.documentId": m(
    "deleteKnowledgeDocument",
    "DeleteKnowledgeDocumentInput",
    (f) => ({ documentId: f.a.knowledgeDocumentId }),
    "NOT_FOUND",
    "",
  ),
};
