import { randomUUID } from "node:crypto";
import { parse } from "csv-parse";
import {
  BadUserInputError,
  DomainError,
  NotFoundError,
  parseId,
  requireViewer,
  type FileStore,
  type UploadTarget,
} from "@pawgraph/subgraph-kit";
import type { CategoryRepository } from "../category/category.repository";
import type { CatalogContext } from "../context";
import { requireVendorWriter } from "../product/product-access";
import type { ProductService } from "../product/product.service";
import type { ProductRepository } from "../product/product.repository";
import type { VariantRepository } from "../variant/variant.repository";
import { CSV_COLUMNS, REQUIRED_COLUMNS, parseCsvRow, rowIssues, type CsvProductRow } from "./csv-row";
import { IMPORT_MAX_BYTES, type ImportProductsInput, type RequestProductImportUploadInput } from "./import.inputs";
import type { ProductImportResult, ProductImportRowError } from "./import.type";

const MAX_ROWS = 5000;
const UPLOAD_URL_SECONDS = 15 * 60;

interface GoodRow extends CsvProductRow {
  line: number;
}

/**
 * Bulk import of products from a CSV the vendor uploaded: streamed from the file store through
 * csv-parse, each row checked with createProduct's own validation, rows grouped into products by
 * slug, and each product written in its own transaction, so one bad product never blocks the others.
 */
export class ProductImportService {
  constructor(
    private readonly products: ProductService,
    private readonly productRows: ProductRepository,
    private readonly variants: VariantRepository,
    private readonly categories: CategoryRepository,
    private readonly store: FileStore,
  ) {}

  private key(vendorId: string, fileId: string): string {
    return `imports/${vendorId}/${fileId}.csv`;
  }

  async requestUpload(
    ctx: CatalogContext,
    input: RequestProductImportUploadInput,
  ): Promise<{ fileId: string; target: UploadTarget }> {
    const vendor = requireVendorWriter(
      ctx.viewer,
      await ctx.loaders.vendor.load(parseId(input.vendorId, "input.vendorId")),
      "input.vendorId",
    );
    if (input.file.sizeBytes > IMPORT_MAX_BYTES)
      throw new BadUserInputError("input.file.sizeBytes", `must be at most ${IMPORT_MAX_BYTES} bytes (5 MB)`);
    const fileId = randomUUID();
    const target = await this.store.presignUpload(
      this.key(vendor.id, fileId),
      input.file.contentType,
      input.file.sizeBytes,
      UPLOAD_URL_SECONDS,
    );
    return { fileId, target };
  }

  async run(ctx: CatalogContext, input: ImportProductsInput): Promise<ProductImportResult> {
    const viewer = requireViewer(ctx.viewer);
    const vendor = requireVendorWriter(
      viewer,
      await ctx.loaders.vendor.load(parseId(input.vendorId, "input.vendorId")),
      "input.vendorId",
    );
    // The key holds the vendor: another vendor's file id is simply not there.
    const stream = await this.store.read(this.key(vendor.id, parseId(input.fileId, "input.fileId")));
    if (!stream) throw new NotFoundError("File", "input.fileId");

    const errors: ProductImportRowError[] = [];
    const fail = (line: number, field: string, message: string) => errors.push({ row: line, field, message });
    const good: GoodRow[] = [];
    const parser = stream.pipe(
      parse({
        bom: true,
        columns: (header: string[]) => {
          const names = header.map((h) => h.trim().toLowerCase());
          const unknown = names.find((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
          if (unknown) throw new BadUserInputError("input.fileId", `Unknown column ${unknown}`);
          const missing = REQUIRED_COLUMNS.find((c) => !names.includes(c));
          if (missing) throw new BadUserInputError("input.fileId", `The CSV needs a ${missing} column`);
          return names;
        },
        info: true,
        skip_empty_lines: true,
        max_record_size: 100_000,
      }),
    );
    let rows = 0;
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: Record<string, string>;
        info: { lines: number };
      }>) {
        if (++rows > MAX_ROWS) throw new BadUserInputError("input.fileId", `at most ${MAX_ROWS} rows per import`);
        const { row, issues } = parseCsvRow(record);
        const all = row ? rowIssues(row, vendor.currency) : issues;
        if (all.length) all.forEach((i) => fail(info.lines, i.field, i.message));
        else good.push({ ...row!, line: info.lines });
      }
    } catch (error) {
      stream.destroy();
      if (error instanceof DomainError) throw error;
      throw new BadUserInputError("input.fileId", `The file is not valid CSV: ${(error as Error).message}`);
    }

    // Across rows and against the database: categories, SKUs used twice, slugs and SKUs already taken.
    const categories = new Map<string, string | null>();
    for (const path of new Set(good.map((r) => r.categoryPath)))
      categories.set(path, (await this.categories.byPath(path))?.id ?? null);
    const takenSkus = new Set(await this.variants.takenSkus(vendor.id, [...new Set(good.map((r) => r.variant.sku))]));
    const takenSlugs = new Set(
      await this.productRows.takenSlugs(vendor.id, [...new Set(good.map((r) => r.product.slug))]),
    );
    const seenSkus = new Set<string>();
    const groups = new Map<string, GoodRow[]>();
    for (const row of good) {
      const problem = !categories.get(row.categoryPath)
        ? ["category", `no category ${row.categoryPath}`]
        : takenSlugs.has(row.product.slug)
          ? ["product_slug", `${row.product.slug} is taken by another of your products`]
          : seenSkus.has(row.variant.sku)
            ? ["sku", `SKU ${row.variant.sku} appears on an earlier row`]
            : takenSkus.has(row.variant.sku)
              ? ["sku", `SKU ${row.variant.sku} is already used by another variant`]
              : null;
      seenSkus.add(row.variant.sku);
      if (problem) fail(row.line, problem[0]!, problem[1]!);
      else groups.set(row.product.slug, [...(groups.get(row.product.slug) ?? []), row]);
    }

    let importedProducts = 0;
    let importedVariants = 0;
    for (const rows of groups.values()) {
      const first = rows[0]!;
      try {
        await this.products.insert(
          viewer,
          {
            vendor,
            categoryId: categories.get(first.categoryPath)!,
            product: first.product,
            variants: rows.map((r) => ({ draft: r.variant, active: r.active })),
          },
          { product: "product", variant: (i) => `variant.${i}` },
        );
        importedProducts += 1;
        importedVariants += rows.length;
      } catch (error) {
        if (!(error instanceof BadUserInputError)) throw error;
        rows.forEach((r) => fail(r.line, error.field === "product.slug" ? "product_slug" : "sku", error.message));
      }
    }
    errors.sort((a, b) => a.row - b.row);
    return {
      importedProducts,
      importedVariants,
      failedRows: new Set(errors.map((e) => e.row)).size,
      errors,
    };
  }
}
