import {
  CompleteAttachmentUploadDocument,
  GrantRecordAccessDocument,
  PetAttachmentsDocument,
  RecordVisitDocument,
  RequestAttachmentUploadDocument,
} from "../clients/__generated__/graphql";
import {
  createPet,
  execute,
  onlyError,
  registerClinic,
  registerClinicMember,
  registerUser,
  startStack,
  type Stack,
} from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

async function setup() {
  const owner = await registerUser(stack, "owner");
  const petId = (await createPet(stack, owner.token)).id;
  const { clinicId } = await registerClinic(stack);
  const vet = await registerClinicMember(stack, clinicId);
  await execute(stack.gateway.url, GrantRecordAccessDocument, { input: { petId, clinicId } }, owner.token);
  const visit = await execute(
    stack.gateway.url,
    RecordVisitDocument,
    { input: { petId, reason: "Lameness" } },
    vet.token,
  );
  return { owner, vet, petId, visitId: visit.data!.recordVisit.id };
}

const pdf = Buffer.from("%PDF-1.4\n% Pawgraph test report\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

async function put(url: string, body: Buffer, headers: Record<string, string>) {
  return fetch(url, { method: "PUT", body, headers: { ...headers, "content-length": String(body.length) } });
}

describe("attachments", () => {
  it("uploads through the presigned URL and downloads the same bytes back", async () => {
    const { owner, vet, petId, visitId } = await setup();
    const requested = await execute(
      stack.gateway.url,
      RequestAttachmentUploadDocument,
      {
        input: {
          petId,
          recordId: visitId,
          fileName: "x-ray report.pdf",
          contentType: "application/pdf",
          sizeBytes: pdf.length,
        },
      },
      vet.token,
    );
    expect(requested.errors).toBeUndefined();
    const upload = requested.data!.requestAttachmentUpload;
    expect(upload).toMatchObject({
      method: "PUT",
      attachment: { status: "PENDING", downloadUrl: null, recordId: visitId },
    });

    const early = await execute(
      stack.gateway.url,
      CompleteAttachmentUploadDocument,
      { input: { attachmentId: upload.attachment.id } },
      vet.token,
    );
    expect(onlyError(early).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.attachmentId" });

    const headers = Object.fromEntries(upload.headers.map((h) => [h.name, h.value]));
    // Uploads and downloads go through the gateway, which forwards /files/ehr/* (docs/decisions/0060).
    expect(upload.url.startsWith(`${new URL(stack.gateway.url).origin}/files/ehr/`)).toBe(true);
    expect((await put(upload.url, pdf, headers)).status).toBe(200);
    const completed = await execute(
      stack.gateway.url,
      CompleteAttachmentUploadDocument,
      { input: { attachmentId: upload.attachment.id } },
      vet.token,
    );
    expect(completed.data?.completeAttachmentUpload).toMatchObject({
      status: "UPLOADED",
      sizeBytes: pdf.length,
      downloadUrl: expect.any(String),
    });

    const listed = await execute(stack.gateway.url, PetAttachmentsDocument, { id: petId }, owner.token);
    const attachment = listed.data!.pet!.healthAttachments![0]!;
    expect(attachment).toMatchObject({ fileName: "x-ray report.pdf", status: "UPLOADED" });
    const visitNode = listed.data!.pet!.healthTimeline!.edges[0]!.node;
    expect(visitNode.__typename === "Visit" && visitNode.attachments.map((a) => a.id)).toEqual([attachment.id]);

    const download = await fetch(attachment.downloadUrl!);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toContain("x-ray%20report.pdf");
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);

    const tampered = new URL(attachment.downloadUrl!);
    tampered.searchParams.set("exp", String(Number(tampered.searchParams.get("exp")) + 3600));
    expect((await fetch(tampered)).status).toBe(403);
  });

  it("refuses a wrong content type, an oversize file and a mismatched upload", async () => {
    const { owner, vet, petId } = await setup();
    const exe = await execute(
      stack.gateway.url,
      RequestAttachmentUploadDocument,
      { input: { petId, fileName: "run.exe", contentType: "application/x-msdownload", sizeBytes: 10 } },
      owner.token,
    );
    expect(onlyError(exe).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.contentType" });
    const huge = await execute(
      stack.gateway.url,
      RequestAttachmentUploadDocument,
      { input: { petId, fileName: "scan.png", contentType: "image/png", sizeBytes: 21 * 1024 * 1024 } },
      owner.token,
    );
    expect(onlyError(huge).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.sizeBytes" });
    const path = await execute(
      stack.gateway.url,
      RequestAttachmentUploadDocument,
      { input: { petId, fileName: "../etc/passwd", contentType: "text/plain", sizeBytes: 10 } },
      owner.token,
    );
    expect(onlyError(path).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.fileName" });

    const ok = await execute(
      stack.gateway.url,
      RequestAttachmentUploadDocument,
      { input: { petId, fileName: "photo.png", contentType: "image/png", sizeBytes: 100 } },
      owner.token,
    );
    const upload = ok.data!.requestAttachmentUpload;
    // The signature fixes type and size: another type, or more bytes than declared, are refused.
    expect((await put(upload.url, Buffer.alloc(100), { "content-type": "text/html" })).status).toBe(403);
    expect((await put(upload.url, Buffer.alloc(5000), { "content-type": "image/png" })).status).toBe(400);
    const notDone = await execute(
      stack.gateway.url,
      CompleteAttachmentUploadDocument,
      { input: { attachmentId: upload.attachment.id } },
      owner.token,
    );
    expect(onlyError(notDone).extensions?.code).toBe("BAD_USER_INPUT");

    const stranger = await registerUser(stack, "stranger");
    const foreign = await execute(
      stack.gateway.url,
      RequestAttachmentUploadDocument,
      { input: { petId, fileName: "a.pdf", contentType: "application/pdf", sizeBytes: 10 } },
      stranger.token,
    );
    expect(onlyError(foreign).extensions?.code).toBe("NOT_FOUND");
    expect(vet).toBeDefined();
  });
});
