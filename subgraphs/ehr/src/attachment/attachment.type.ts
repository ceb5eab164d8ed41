import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { PresignedUploadFields } from "@pawgraph/subgraph-kit";

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

  @Field(() => ID, {
    nullable: true,
    description: "The record entry it belongs to; null when attached to the pet's record as a whole.",
  })
  recordId!: string | null;

  @Field(() => Date, { description: "When the upload was requested." })
  createdAt!: Date;

  /** Resolved by a field resolver: a fresh signed URL. */
  downloadUrl?: string | null;
}

@ObjectType({
  description:
    "Where and how to upload an attachment's file: send one PUT of the file to `url` with `headers`, then call `completeAttachmentUpload`.",
})
export class AttachmentUpload extends PresignedUploadFields {
  @Field(() => Attachment, { description: "The attachment, PENDING until the upload is confirmed." })
  attachment!: Attachment;
}
