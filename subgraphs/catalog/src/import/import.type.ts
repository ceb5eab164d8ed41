import { Field, ID, Int, ObjectType } from "type-graphql";
import { PresignedUploadFields } from "@pawgraph/subgraph-kit";

@ObjectType({
  description:
    "Where and how to upload a product CSV: send one PUT of the file to `url` with `headers`, then call `importProducts` with `fileId`.",
})
export class ProductImportUpload extends PresignedUploadFields {
  @Field(() => ID, { description: "The file, for `importProducts`." })
  fileId!: string;
}

@ObjectType({ description: "Why one row of a product import was not imported." })
export class ProductImportRowError {
  @Field(() => Int, { description: "Line of the CSV file (the header is line 1)." })
  row!: number;

  @Field(() => String, { description: "The CSV column at fault, e.g. `gtin` or `price_minor`." })
  field!: string;

  @Field(() => String, { description: "What is wrong with it." })
  message!: string;
}

@ObjectType({ description: "What a product import did: the good rows are imported, each bad row says why not." })
export class ProductImportResult {
  @Field(() => Int, { description: "Products created (as DRAFTs)." })
  importedProducts!: number;

  @Field(() => Int, { description: "Variants created: one per imported row." })
  importedVariants!: number;

  @Field(() => Int, { description: "Rows not imported." })
  failedRows!: number;

  @Field(() => [ProductImportRowError], { description: "One or more errors per row not imported, in file order." })
  errors!: ProductImportRowError[];
}
