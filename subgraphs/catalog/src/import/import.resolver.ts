import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { toHttpHeaders } from "@pawgraph/subgraph-kit";
import type { CatalogContext } from "../context";
import { ImportProductsInput, RequestProductImportUploadInput } from "./import.inputs";
import type { ProductImportService } from "./import.service";
import { ProductImportResult, ProductImportUpload } from "./import.type";

const COLUMNS_DOC = `One row per variant, a header row first (UTF-8, comma-separated, quoted as RFC 4180). Columns: \
\`product_slug\` (rows with the same slug make one product; made from the title when empty), \
\`title\`* , \`description\` (Markdown), \`brand\`, \`category\`* (a category path such as \`dogs/food\`), \
\`species\` and \`life_stages\` (lists separated by \`|\`, e.g. \`DOG|CAT\`), \`prescription_only\` (true/false), \
\`medication_codes\` (\`|\`-separated; required when prescription-only), \`sku\`*, \`variant_title\`, \
\`options\` (\`Size=2 kg|Flavour=Chicken\`), \`gtin\`, \`price_minor\`* (whole minor units, 1999 for 19.99), \
\`compare_at_minor\`, \`currency\`* (the vendor's), \`weight_grams\`, \`tax_category\` (default STANDARD), \
\`active\` (default true). * required. A product's own columns are read from its first good row.`;

@Resolver()
export class ProductImportResolver {
  constructor(private readonly imports: ProductImportService) {}

  @Authorized()
  @Mutation(() => ProductImportUpload, {
    description:
      "Ask for a URL to upload a product CSV for your vendor (at most 5 MB), then call `importProducts`. " +
      COLUMNS_DOC,
  })
  async requestProductImportUpload(
    @Arg("input", () => RequestProductImportUploadInput, { description: "Your vendor and the file." })
    input: RequestProductImportUploadInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<ProductImportUpload> {
    const { fileId, target } = await this.imports.requestUpload(ctx, input);
    return {
      fileId,
      url: target.url,
      method: target.method,
      headers: toHttpHeaders(target.headers),
      expiresAt: target.expiresAt,
    };
  }

  @Authorized()
  @Mutation(() => ProductImportResult, {
    description:
      "Import the products of an uploaded CSV into your vendor as DRAFTs. Every row is checked as `createProduct` checks its input; good rows are imported (each product in its own transaction) and every bad row is reported with its line, column and reason. A file that is not CSV, lacks a required column or has over 5000 rows is BAD_USER_INPUT on `input.fileId`. " +
      COLUMNS_DOC,
  })
  importProducts(
    @Arg("input", () => ImportProductsInput, { description: "Your vendor and the uploaded file." })
    input: ImportProductsInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<ProductImportResult> {
    return this.imports.run(ctx, input);
  }
}
