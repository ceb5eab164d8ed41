import { Field, ID, Int, ObjectType } from "type-graphql";
import { PresignedUploadFields } from "@pawgraph/subgraph-kit";

@ObjectType({ description: "A file sent with a message: a photo, a document or a short video." })
export class MessageAttachment {
  @Field(() => ID, { description: "Id of the attachment." })
  id!: string;

  @Field(() => String, { description: "File name as uploaded." })
  fileName!: string;

  @Field(() => String, { description: "MIME type." })
  contentType!: string;

  @Field(() => Int, { description: "Size in bytes." })
  sizeBytes!: number;

  @Field(() => String, {
    nullable: true,
    description: "A download URL valid for 5 minutes; null once the message was deleted.",
  })
  downloadUrl!: string | null;
}

@ObjectType({
  description:
    "Where to upload a file for a message: one PUT of the file to `url` with `headers`; then list `attachmentId` in `sendMessage`.",
})
export class MessageAttachmentUpload extends PresignedUploadFields {
  @Field(() => ID, { description: "Pass it in `sendMessage(input: { attachmentIds })` once the upload succeeded." })
  attachmentId!: string;
}
