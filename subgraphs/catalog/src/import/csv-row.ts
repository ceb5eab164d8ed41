import { LifeStage, Species } from "../shared/species";
import { productIssues, type ProductDraft } from "../product/product.validation";
import { slugify } from "../product/slug";
import { variantIssues, type Issue, type VariantDraft } from "../variant/variant.validation";

/**
 * The columns of a product import, in the order the documentation lists them. One row is one
 * variant; rows with the same `product_slug` are one product, whose own columns are read from its
 * first good row. Lists are separated by `|`.
 */
export const CSV_COLUMNS = [
  "product_slug",
  "title",
  "description",
  "brand",
  "category",
  "species",
  "life_stages",
  "prescription_only",
  "medication_codes",
  "sku",
  "variant_title",
  "options",
  "gtin",
  "price_minor",
  "compare_at_minor",
  "currency",
  "weight_grams",
  "tax_category",
  "active",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ["title", "category", "sku", "price_minor", "currency"];

/** A row that parsed and passed every check that needs no database. */
export interface CsvProductRow {
  product: ProductDraft;
  categoryPath: string;
  variant: VariantDraft;
  active: boolean;
}

/** Validation paths (as createProduct's service names them) → the CSV column they came from. */
const COLUMN_OF: Record<string, CsvColumn> = {
  title: "title",
  slug: "product_slug",
  description: "description",
  brand: "brand",
  species: "species",
  lifeStages: "life_stages",
  medicationCodes: "medication_codes",
  sku: "sku",
  options: "options",
  gtin: "gtin",
  priceMinor: "price_minor",
  compareAtMinor: "compare_at_minor",
  currency: "currency",
  weightGrams: "weight_grams",
  taxCategory: "tax_category",
};

/** `product.species.2` → `species`, `variant.title` → `variant_title`. */
function toColumn(issue: Issue): Issue {
  const [scope, key] = issue.field.split(".") as [string, string];
  const column = scope === "variant" && key === "title" ? "variant_title" : (COLUMN_OF[key] ?? key);
  return { field: column, message: issue.message };
}

const list = (value: string) =>
  value
    .split("|")
    .map((v) => v.trim())
    .filter(Boolean);

/** Parses and checks one CSV record; the issues name CSV columns. */
export function parseCsvRow(record: Record<string, string>): { row?: CsvProductRow; issues: Issue[] } {
  const issues: Issue[] = [];
  const cell = (column: CsvColumn) => (record[column] ?? "").trim();
  const int = (column: CsvColumn, required: boolean): number | null => {
    const value = cell(column);
    if (!value) {
      if (required) issues.push({ field: column, message: "is required" });
      return null;
    }
    if (!/^-?\d{1,15}$/.test(value)) {
      issues.push({ field: column, message: "must be a whole number" });
      return null;
    }
    return Number(value);
  };
  const bool = (column: CsvColumn, fallback: boolean): boolean => {
    const value = cell(column).toLowerCase();
    if (!value) return fallback;
    if (["true", "yes", "1"].includes(value)) return true;
    if (["false", "no", "0"].includes(value)) return false;
    issues.push({ field: column, message: "must be true or false" });
    return fallback;
  };
  const enumList = <E extends string>(column: CsvColumn, values: Record<string, E>): E[] =>
    list(cell(column).toUpperCase()).flatMap((v) => {
      if (Object.values(values).includes(v as E)) return [v as E];
      issues.push({ field: column, message: `${v} is not one of ${Object.values(values).join(", ")}` });
      return [];
    });

  for (const column of REQUIRED_COLUMNS)
    if (!cell(column) && column !== "price_minor") issues.push({ field: column, message: "is required" });
  const options = list(cell("options")).flatMap((pair) => {
    const at = pair.indexOf("=");
    if (at <= 0) {
      issues.push({ field: "options", message: "must be name=value pairs separated by |" });
      return [];
    }
    return [{ name: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() }];
  });
  const title = cell("title");
  const product: ProductDraft = {
    title,
    slug: cell("product_slug") || slugify(title),
    description: record.description ?? "",
    brand: cell("brand") || null,
    species: enumList("species", Species),
    lifeStages: enumList("life_stages", LifeStage),
    prescriptionOnly: bool("prescription_only", false),
    medicationCodes: list(cell("medication_codes")),
  };
  const priceMinor = int("price_minor", true);
  const variant: VariantDraft = {
    sku: cell("sku"),
    title: cell("variant_title"),
    options,
    gtin: cell("gtin") || null,
    priceMinor: priceMinor ?? 0,
    compareAtMinor: int("compare_at_minor", false),
    currency: cell("currency").toUpperCase(),
    weightGrams: int("weight_grams", false),
    dimensions: null,
    taxCategory: cell("tax_category") || "STANDARD",
    outOfStockThreshold: 0,
  };
  const active = bool("active", true);
  if (issues.length) return { issues };
  return { row: { product, categoryPath: cell("category"), variant, active }, issues: [] };
}

/** The checks createProduct makes on its own fields and on one variant, for one row, naming CSV columns. */
export function rowIssues(row: CsvProductRow, vendorCurrency: string): Issue[] {
  return [...productIssues(row.product, "product"), ...variantIssues(row.variant, vendorCurrency, "variant")].map(
    toColumn,
  );
}
