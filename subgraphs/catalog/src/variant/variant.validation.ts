import { isValidGtin } from "./gtin";

/** A variant as it is about to be stored, from an input, a CSV row, or a row merged with changes. */
export interface VariantDraft {
  sku: string;
  title: string;
  options: { name: string; value: string }[];
  gtin: string | null;
  priceMinor: number;
  compareAtMinor: number | null;
  currency: string;
  weightGrams: number | null;
  dimensions: { lengthMm: number; widthMm: number; heightMm: number } | null;
  taxCategory: string;
  outOfStockThreshold: number;
}

/** One thing wrong with an input: the exact input path (`input.variants.0.gtin`) and why. */
export interface Issue {
  field: string;
  message: string;
}

export const SKU = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/;
export const TAX_CATEGORY = /^[A-Z][A-Z0-9_]{1,31}$/;
/** ISO 4217 codes the runtime knows (Intl's list: every active currency). */
const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));
const MAX_MINOR = 1_000_000_000;

export function isKnownCurrency(code: string): boolean {
  return CURRENCIES.has(code);
}

const count = (value: number) => Number.isSafeInteger(value);

/**
 * Everything wrong with one variant, each naming its field under `at` (e.g. `input.variants.0`):
 * SKU shape, GTIN check digit, prices (whole, not negative, compare-at not below the price), a known
 * currency that is the vendor's own, sizes and texts within bounds.
 */
export function variantIssues(v: VariantDraft, vendorCurrency: string, at: string): Issue[] {
  const issues: Issue[] = [];
  const add = (field: string, message: string) => issues.push({ field: `${at}.${field}`, message });
  if (!SKU.test(v.sku))
    add("sku", "must be 1-64 letters, digits, dots, dashes, underscores or slashes, starting with a letter or digit");
  if (v.title.length > 120) add("title", "must be at most 120 characters");
  if (v.options.length > 10) add("options", "at most 10 options");
  const names = new Set<string>();
  v.options.forEach((option, i) => {
    if (!option.name.trim() || option.name.length > 40) add(`options.${i}.name`, "must be 1-40 characters");
    else if (names.has(option.name.trim().toLowerCase())) add(`options.${i}.name`, "is given twice");
    if (!option.value.trim() || option.value.length > 80) add(`options.${i}.value`, "must be 1-80 characters");
    names.add(option.name.trim().toLowerCase());
  });
  if (v.gtin !== null && !isValidGtin(v.gtin))
    add("gtin", "is not a valid GTIN: 8, 12, 13 or 14 digits with a correct check digit");
  if (!count(v.priceMinor) || v.priceMinor < 0) add("priceMinor", "must be a whole amount of at least 0");
  else if (v.priceMinor > MAX_MINOR) add("priceMinor", `must be at most ${MAX_MINOR}`);
  if (v.compareAtMinor !== null) {
    if (!count(v.compareAtMinor) || v.compareAtMinor < 0) add("compareAtMinor", "must be a whole amount of at least 0");
    else if (v.compareAtMinor > MAX_MINOR) add("compareAtMinor", `must be at most ${MAX_MINOR}`);
    else if (count(v.priceMinor) && v.compareAtMinor < v.priceMinor)
      add("compareAtMinor", "must not be below the price (it is the price before a reduction)");
  }
  if (!isKnownCurrency(v.currency)) add("currency", "is not an ISO 4217 currency code");
  else if (v.currency !== vendorCurrency) add("currency", `must be the vendor's currency, ${vendorCurrency}`);
  if (v.weightGrams !== null && (!count(v.weightGrams) || v.weightGrams < 0 || v.weightGrams > 1_000_000))
    add("weightGrams", "must be between 0 and 1000000 grams");
  if (v.dimensions) {
    for (const side of ["lengthMm", "widthMm", "heightMm"] as const) {
      const mm = v.dimensions[side];
      if (!count(mm) || mm < 1 || mm > 10_000) add(`dimensions.${side}`, "must be between 1 and 10000 mm");
    }
  }
  if (!TAX_CATEGORY.test(v.taxCategory)) add("taxCategory", "must be an upper-case code such as STANDARD or REDUCED");
  if (!count(v.outOfStockThreshold) || v.outOfStockThreshold < 0 || v.outOfStockThreshold > 1_000_000)
    add("outOfStockThreshold", "must be between 0 and 1000000");
  return issues;
}

/** SKUs given twice in one input: the second (and later) one is at fault, e.g. `input.variants.1.sku`. */
export function duplicateSkuIssues(skus: readonly string[], fieldOf: (index: number) => string): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  skus.forEach((sku, i) => {
    if (seen.has(sku))
      issues.push({ field: fieldOf(i), message: `SKU ${sku} is used by another variant in this input` });
    seen.add(sku);
  });
  return issues;
}
