import { post, type Stack } from "./harness";

/**
 * The ai side of the authorization sweep: A (the owner) asked the assistant about A's pet, so A has a
 * thread; A's clinic's admin added a clinic document and asked for a PDF upload slot. B is the admin
 * of another clinic (e2e/authorization-sweep.fixtures.ts), who may add documents for B's own clinic.
 */
export interface AiSweepSides {
  a: { ownerToken: string; petId: string; clinicId: string; clinicAdminToken: string };
}

async function idOf(stack: Stack, token: string, query: string, variables: Record<string, unknown>, path: string) {
  const result = await post(stack.gateway.url, { query, variables }, token);
  const value = path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], result.data);
  if (typeof value !== "string") throw new Error(`fixture failed: ${query.slice(0, 60)}: ${JSON.stringify(result)}`);
  return value;
}

export async function buildAiSweep(stack: Stack, sides: AiSweepSides, secret: string) {
  const { a } = sides;
  const threadId = await idOf(
    stack,
    a.ownerToken,
    `mutation($input: AskAssistantInput!) { askAssistant(input: $input) { threadId } }`,
    { input: { question: `How often should I brush my dog's teeth? ${secret}`, petId: a.petId } },
    "askAssistant.threadId",
  );
  const knowledgeDocumentId = await idOf(
    stack,
    a.clinicAdminToken,
    `mutation($input: AddKnowledgeDocumentInput!) { addKnowledgeDocument(input: $input) { id } }`,
    {
      input: {
        clinicId: a.clinicId,
        title: `Our after-hours line ${secret}`,
        topic: "GENERAL_CARE",
        format: "MARKDOWN",
        content: `# After hours\n\nCall our after-hours line for urgent questions about your pet. ${secret}`,
      },
    },
    "addKnowledgeDocument.id",
  );
  const knowledgeFileId = await idOf(
    stack,
    a.clinicAdminToken,
    `mutation($input: RequestKnowledgeUploadInput!) { requestKnowledgeUpload(input: $input) { fileId } }`,
    { input: { clinicId: a.clinicId, fileName: "a.pdf", contentType: "application/pdf", sizeBytes: 1000 } },
    "requestKnowledgeUpload.fileId",
  );
  return { a: { threadId, knowledgeDocumentId, knowledgeFileId } };
}
