import { IsIn, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { FileDeclarationInput } from "@pawgraph/subgraph-kit";

export const CSV_CONTENT_TYPES = ["text/csv", "text/plain", "application/vnd.ms-excel"] as const;
/** The largest import file accepted: 5 MB (about 20,000 rows). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

@InputType({ description: "A CSV file about to be uploaded: at most 5 MB." })
export class CsvFileInput extends FileDeclarationInput {
  @IsIn(CSV_CONTENT_TYPES, { message: `must be one of ${CSV_CONTENT_TYPES.join(", ")}` })
  @Field(() => String, { description: `MIME type: ${CSV_CONTENT_TYPES.join(", ")}.` })
  contentType!: string;
}

@InputType({ description: "Ask for a URL to upload a CSV of products for your vendor." })
export class RequestProductImportUploadInput {
  @Field(() => ID, { description: "Your vendor." })
  vendorId!: string;

  @ValidateNested()
  @Field(() => CsvFileInput, { description: "The CSV file." })
  file!: CsvFileInput;
}

@InputType({ description: "Import the products of an uploaded CSV into your vendor." })
export class ImportProductsInput {
  @Field(() => ID, { description: "Your vendor (the one the upload was requested for)." })
  vendorId!: string;

  @Field(() => ID, { description: "The uploaded file (`ProductImportUpload.fileId`)." })
  fileId!: string;
}
