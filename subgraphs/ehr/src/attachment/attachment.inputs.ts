import { IsIn } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { FileDeclarationInput } from "@pawgraph/subgraph-kit";

/** Content types a health record accepts: documents, images, DICOM and plain text. */
export const ATTACHMENT_CONTENT_TYPES = [
  "application/pdf",
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/heic",
  "text/plain",
  "application/dicom",
] as const;

@InputType({ description: "Ask for a URL to upload a file to a pet's record." })
export class RequestAttachmentUploadInput extends FileDeclarationInput {
  @Field(() => ID, { description: "The pet." })
  petId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The record entry the file belongs to (from the timeline); omit for the record as a whole.",
  })
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
