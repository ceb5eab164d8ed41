import { IsIn, Matches, Max, MaxLength, Min } from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { HttpHeader } from "@pawgraph/subgraph-kit";

/** What may be sent in a chat: photos, documents and short videos. */
export const MESSAGE_ATTACHMENT_TYPES = ["image/jpeg", "image/png", "image/webp", "image/heic", "application/pdf", "video/mp4"];

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

  @Field(() => String, { nullable: true, description: "A download URL valid for 5 minutes; null once the message was deleted." })
  downloadUrl!: string | null;
}

@ObjectType({ description: "Where to upload a file for a message: one PUT of the file to `url` with `headers`; then list `attachmentId` in `sendMessage`." })
export class MessageAttachmentUpload {
  @Field(() => ID, { description: "Pass it in `sendMessage(input: { attachmentIds })` once the upload succeeded." })
  attachmentId!: string;

  @Field(() => String, { description: "Presigned upload URL." })
  url!: string;

  @Field(() => String, { description: "HTTP method to use (PUT)." })
  method!: string;

  @Field(() => [HttpHeader], { description: "Headers to send; Content-Length must equal `sizeBytes`." })
  headers!: HttpHeader[];

  @Field(() => Date, { description: "When the URL stops working." })
  expiresAt!: Date;
}

@InputType({ description: "Ask for a URL to upload a file you will send in a conversation." })
export class RequestMessageAttachmentUploadInput {
  @Field(() => ID, { description: "The conversation." })
  conversationId!: string;

  @Matches(/^[^/\\\u0000-\u001f]+$/, { message: "must be a plain file name" })
  @MaxLength(200, { message: "must be at most 200 characters" })
  @Field(() => String, { description: "File name, up to 200 characters, without folders." })
  fileName!: string;

  @IsIn(MESSAGE_ATTACHMENT_TYPES, { message: `must be one of ${MESSAGE_ATTACHMENT_TYPES.join(", ")}` })
  @Field(() => String, { description: `MIME type: ${MESSAGE_ATTACHMENT_TYPES.join(", ")}.` })
  contentType!: string;

  @Min(1, { message: "must be at least 1 byte" })
  @Max(2_147_483_647, { message: "is too large" })
  @Field(() => Int, { description: "Exact size of the file in bytes (at most the configured limit, 20 MB by default)." })
  sizeBytes!: number;
}
