import { IsIn } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { FileDeclarationInput } from "@pawgraph/subgraph-kit";

/** What may be sent in a chat: photos, documents and short videos. */
export const MESSAGE_ATTACHMENT_TYPES = [
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/heic",
  "application/pdf",
  "video/mp4",
];

@InputType({ description: "Ask for a URL to upload a file you will send in a conversation." })
export class RequestMessageAttachmentUploadInput extends FileDeclarationInput {
  @Field(() => ID, { description: "The conversation." })
  conversationId!: string;

  @IsIn(MESSAGE_ATTACHMENT_TYPES, { message: `must be one of ${MESSAGE_ATTACHMENT_TYPES.join(", ")}` })
  @Field(() => String, { description: `MIME type: ${MESSAGE_ATTACHMENT_TYPES.join(", ")}.` })
  contentType!: string;
}
