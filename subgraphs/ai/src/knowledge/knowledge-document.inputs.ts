import { IsIn } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { FileDeclarationInput } from "@pawgraph/subgraph-kit";
import { KnowledgeDocumentFormatValue, KnowledgeTopicValue, SpeciesValue } from "./knowledge-document.types";

/**
 * The longest Markdown or text document: 100,000 characters, the kit's cap on any string a client
 * sends (input-guard's MAX_STRING_LENGTH); a longer document is a PDF.
 */
export const MAX_CONTENT_CHARS = 100_000;
/** The most text a PDF may yield: 200,000 characters (about 100 chunks to embed). */
export const MAX_PDF_TEXT_CHARS = 200_000;
/** The largest PDF accepted: 20 MB. */
export const KNOWLEDGE_PDF_MAX_BYTES = 20 * 1024 * 1024;
export const KNOWLEDGE_UPLOAD_TYPES = ["application/pdf"] as const;

@InputType({ description: "A document to add to the knowledge the assistant answers from." })
export class AddKnowledgeDocumentInput {
  @Field({ description: "Its title, 3 to 200 characters." })
  title!: string;

  @Field(() => [SpeciesValue], {
    nullable: true,
    description:
      "The species it is about: questions about other species' pets do not use it. Omitted or empty: every species.",
  })
  species?: SpeciesValue[] | null;

  @Field(() => KnowledgeTopicValue, { description: "What it is about." })
  topic!: KnowledgeTopicValue;

  @Field(() => ID, {
    nullable: true,
    description:
      "The clinic it is for (a CLINIC document, used only for its staff's questions and questions about pets it has treated). Required for clinic admins; omitted by a platform admin for a PLATFORM document used for everyone's questions.",
  })
  clinicId?: string | null;

  @Field(() => KnowledgeDocumentFormatValue, { description: "MARKDOWN or TEXT with `content`; PDF with `fileId`." })
  format!: KnowledgeDocumentFormatValue;

  @Field(() => String, {
    nullable: true,
    description: `The document for MARKDOWN and TEXT, up to ${MAX_CONTENT_CHARS.toLocaleString("en")} characters.`,
  })
  content?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The uploaded PDF for PDF (`KnowledgeUpload.fileId`, requested for the same clinic, or for none). Its text must be extractable (not a scan).",
  })
  fileId?: string | null;
}

@InputType({ description: "A PDF about to be uploaded for `addKnowledgeDocument`: at most 20 MB." })
export class RequestKnowledgeUploadInput extends FileDeclarationInput {
  @IsIn(KNOWLEDGE_UPLOAD_TYPES, { message: `must be ${KNOWLEDGE_UPLOAD_TYPES.join(", ")}` })
  @Field(() => String, { description: "MIME type: application/pdf." })
  contentType!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The clinic the document will be for; omitted for a platform document (platform admins only).",
  })
  clinicId?: string | null;
}

@InputType({ description: "An added knowledge document to delete (built-in articles cannot be)." })
export class DeleteKnowledgeDocumentInput {
  @Field(() => ID, { description: "The document." })
  documentId!: string;
}
