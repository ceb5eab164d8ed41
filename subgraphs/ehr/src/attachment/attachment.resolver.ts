import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root, type ClassType } from "type-graphql";
import { ClinicalAlert } from "../alert/clinical-alert.type";
import { Allergy } from "../allergy/allergy.type";
import type { EhrContext } from "../context";
import { LabResult } from "../lab-result/lab-result.type";
import { Medication } from "../medication/medication.type";
import { HomeNote } from "../note/home-note.type";
import { Vaccination } from "../vaccination/vaccination.type";
import { Visit } from "../visit/visit.type";
import { CompleteAttachmentUploadInput, RequestAttachmentUploadInput } from "./attachment.inputs";
import { toAttachment } from "./attachment.mapper";
import { Attachment, AttachmentUpload } from "./attachment.type";
import type { AttachmentService } from "./attachment.service";

/** Files on a pet's record: upload URLs, their confirmation and short-lived download URLs. */
@Resolver(() => Attachment)
export class AttachmentResolver {
  constructor(private readonly attachments: AttachmentService) {}

  @Authorized()
  @Mutation(() => AttachmentUpload, {
    description:
      "Get a presigned URL to upload a file to a pet's record (owners for the record as a whole and their notes; clinics with access for anything). Content type and size are checked.",
  })
  async requestAttachmentUpload(
    @Arg("input", () => RequestAttachmentUploadInput, { description: "The file to upload." })
    input: RequestAttachmentUploadInput,
    @Ctx() ctx: EhrContext,
  ): Promise<AttachmentUpload> {
    const { attachment, target } = await this.attachments.requestUpload(ctx, input);
    return {
      attachment: toAttachment(attachment),
      url: target.url,
      method: target.method,
      headers: Object.entries(target.headers).map(([name, value]) => ({ name, value })),
      expiresAt: target.expiresAt,
    };
  }

  @Authorized()
  @Mutation(() => Attachment, {
    description: "Confirm an upload after the PUT succeeded; storage must hold exactly the declared size and type.",
  })
  async completeAttachmentUpload(
    @Arg("input", () => CompleteAttachmentUploadInput, { description: "The attachment." })
    input: CompleteAttachmentUploadInput,
    @Ctx() ctx: EhrContext,
  ): Promise<Attachment> {
    return toAttachment(await this.attachments.complete(ctx, input.attachmentId));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "A signed download URL valid for a few minutes; null until the upload is confirmed.",
  })
  downloadUrl(@Root() attachment: ReturnType<typeof toAttachment>): Promise<string | null> {
    return this.attachments.downloadUrl(attachment.entity);
  }
}

/** `attachments` on a record type, batched per request. */
function recordAttachmentsResolver(type: ClassType) {
  @Resolver(() => type)
  class RecordAttachmentsResolver {
    @FieldResolver(() => [Attachment], { description: "Files attached to this entry." })
    async attachments(@Root() record: { id: string }, @Ctx() ctx: EhrContext): Promise<Attachment[]> {
      return (await ctx.loaders.attachmentsOfRecord.load(record.id)).map(toAttachment);
    }
  }
  return RecordAttachmentsResolver;
}

export const RECORD_ATTACHMENT_RESOLVERS = [
  Visit,
  Vaccination,
  Medication,
  Allergy,
  LabResult,
  ClinicalAlert,
  HomeNote,
].map(recordAttachmentsResolver);
