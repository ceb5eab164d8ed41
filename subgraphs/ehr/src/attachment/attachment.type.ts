import { IsIn } from "class-validator";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { FileDeclarationInput, PresignedUploadFields } from "@pawgraph/subgraph-kit";

/** Content types a health record accepts: documents, images, DICOM and plain text. */
export const ATTACHMENT_CONTENT_TYPES = ["application/pdf", "image/jpeg", "image/png", "image/webp", "image/heic", "text/plain", "application/dicom"] as const;

export enum AttachmentStatus {
  PENDING = "PENDING",
  UPLOADED = "UPLOADED",
}

registerEnumType(AttachmentStatus, {
  name: "AttachmentStatus",
  description: "Whether an attachment's file has arrived.",
  valuesConfig: {
    PENDING: { description: "Upload URL issued; the file has not been confirmed yet." },
    UPLOADED: { description: "The file is stored and can be downloaded." },
  },
});

@ObjectType({ description: "A file attached to a pet's health record, such as an X-ray, a lab report or a photo." })
export class Attachment {
  @Field(() => ID, { description: "Id of the attachment." })
  id!: string;

  @Field(() => String, { description: "File name as uploaded." })
  fileName!: string;

  @Field(() => String, { description: "MIME type." })
  contentType!: string;

  @Field(() => Int, { description: "Size in bytes." })
  sizeBytes!: number;

  @Field(() => AttachmentStatus, { description: "Whether the file has arrived." })
  status!: AttachmentStatus;

  @Field(() => ID, { nullable: true, description: "The record entry it belongs to; null when attached to the pet's record as a whole." })
  recordId!: string | null;

  @Field(() => Date, { description: "When the upload was requested." })
  createdAt!: Date;

  /** Resolved by a field resolver: a fresh signed URL. */
  downloadUrl?: string | null;
}

@ObjectType({ description: "Where and how to upload an attachment's file: send one PUT of the file to `url` with `headers`, then call `completeAttachmentUpload`." })
export class AttachmentUpload extends PresignedUploadFields {
  @Field(() => Attachment, { description: "The attachment, PENDING until the upload is confirmed." })
  attachment!: Attachment;
}

@InputType({ description: "Ask for a URL to upload a file to a pet's record." })
export class RequestAttachmentUploadInput extends FileDeclarationInput {
  @Field(() => ID, { description: "The pet." })
  petId!: string;

  @Field(() => ID, { nullable: true, description: "The record entry the file belongs to (from the timeline); omit for the record as a whole." })
  recordId?: string | null;

  @IsIn(ATTACHMENT_CONTENT_TYPES, { message: `must be one of ${ATTACHMENT_CONTENT_TYPES.join(", ")}` })
  @Field(() => String, { description: `MIME type: ${ATTACHMENT_CONTENT_TYPES.join(", ")}.` })
  contentType!: string;
}

@InputType({ description: "Confirm that an attachment's file was uploaded." })
export class CompleteAttachmentUploadInput {
  @Field(() => ID, { description: "The attachment." })
  attachmentId!: string;
}
