import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { BadUserInputError, ForbiddenError, NotFoundError, parseId, type FileStore } from "@pawgraph/subgraph-kit";
import { readsOwnerOnlyNotes, type AccessPolicy } from "../access/access-policy";
import type { EhrContext } from "../context";
import type { TimelineRepository } from "../timeline/timeline.repository";
import type { AttachmentEntity } from "./attachment.entity";
import type { RequestAttachmentUploadInput } from "./attachment.inputs";
import type { AttachmentRepository } from "./attachment.repository";

export interface AttachmentSettings {
  maxBytes: number;
  uploadUrlSeconds: number;
  downloadUrlSeconds: number;
}

/**
 * Files on the record: the subgraph signs upload and download URLs and checks what arrived; the
 * bytes go straight between the client and storage.
 */
export class AttachmentService {
  constructor(
    private readonly db: DataSource,
    private readonly attachments: AttachmentRepository,
    private readonly timeline: TimelineRepository,
    private readonly policy: AccessPolicy,
    private readonly store: FileStore,
    private readonly settings: AttachmentSettings,
  ) {}

  async requestUpload(ctx: EhrContext, input: RequestAttachmentUploadInput) {
    if (input.sizeBytes > this.settings.maxBytes) {
      throw new BadUserInputError("input.sizeBytes", `must be at most ${this.settings.maxBytes} bytes`);
    }
    const access = await this.policy.read(ctx, input.petId, "input.petId");
    // An owner-only note is no entry at all for anyone but owners: NOT_FOUND, like a foreign id.
    const record = input.recordId
      ? await this.recordOf(access.petId, parseId(input.recordId, "input.recordId"), readsOwnerOnlyNotes(access))
      : null;
    // Owners attach to the record as a whole and to their own notes; clinics with access to anything.
    const ownerMayAttach = access.relationship === "OWNER" && (!record || record.kind === "HOME_NOTE");
    const clinicId = ownerMayAttach
      ? null
      : (await this.policy.clinicalWrite(ctx, access.petId, null, "input.petId", true)).clinicId;
    const id = randomUUID();
    const storageKey = `ehr/${access.petId}/${id}`;
    await this.db.transaction(async (tx) => {
      await this.attachments.insert(tx, {
        id,
        petId: access.petId,
        recordKind: record?.kind ?? null,
        recordId: record?.id ?? null,
        fileName: input.fileName.trim(),
        contentType: input.contentType,
        sizeBytes: input.sizeBytes,
        storageKey,
        uploadedBy: ctx.viewer!.userId,
      });
      await ctx.accessLog.logWrite(tx, access, clinicId);
    });
    const target = await this.store.presignUpload(
      storageKey,
      input.contentType,
      input.sizeBytes,
      this.settings.uploadUrlSeconds,
    );
    return { attachment: await this.attachments.get(id), target };
  }

  /** Confirms an upload: storage must hold exactly the declared size and type. */
  async complete(ctx: EhrContext, attachmentId: string): Promise<AttachmentEntity> {
    const attachment = await this.attachments.byId(parseId(attachmentId, "input.attachmentId"));
    if (!attachment) throw new NotFoundError("Attachment", "input.attachmentId");
    const access = await this.policy.read(ctx, attachment.petId, "input.attachmentId");
    // A file on an owner-only note stays the owners' even if its uploader has since stopped being one.
    if (
      attachment.recordKind === "HOME_NOTE" &&
      attachment.recordId &&
      !readsOwnerOnlyNotes(access) &&
      !(await this.timeline.entry(attachment.petId, attachment.recordId, { ownerOnlyNotes: false }))
    )
      throw new NotFoundError("Attachment", "input.attachmentId");
    if (attachment.uploadedBy !== ctx.viewer!.userId)
      throw new ForbiddenError("Only the uploader can complete an upload");
    if (attachment.status === "UPLOADED") return attachment;
    const stored = await this.store.stat(attachment.storageKey);
    if (!stored) throw new BadUserInputError("input.attachmentId", "No file has been uploaded yet");
    if (
      stored.sizeBytes !== attachment.sizeBytes ||
      (stored.contentType && stored.contentType !== attachment.contentType)
    ) {
      throw new BadUserInputError("input.attachmentId", "The uploaded file does not match the declared size and type");
    }
    return this.attachments.markUploaded(attachment.id);
  }

  /** A short-lived download URL, for readers of the record, once the file is there. */
  async downloadUrl(attachment: AttachmentEntity): Promise<string | null> {
    if (attachment.status !== "UPLOADED") return null;
    return (
      await this.store.presignDownload(attachment.storageKey, attachment.fileName, this.settings.downloadUrlSeconds)
    ).url;
  }

  private async recordOf(
    petId: string,
    recordId: string,
    ownerOnlyNotes: boolean,
  ): Promise<{ id: string; kind: string }> {
    const record = await this.timeline.entry(petId, recordId, { ownerOnlyNotes });
    if (!record) throw new NotFoundError("Record entry", "input.recordId");
    return record;
  }
}
