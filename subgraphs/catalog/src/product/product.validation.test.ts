import { duplicateSkuIssues, variantIssues, type VariantDraft } from "../variant/variant.validation";
import { productIssues, type ProductDraft } from "./product.validation";

const product = (overrides: Partial<ProductDraft> = {}): ProductDraft => ({
  title: "Grain-free chicken kibble",
  slug: "grain-free-chicken-kibble",
  description: "**Tasty.**",
  brand: "Happy Tails",
  species: ["DOG"],
  lifeStages: ["ADULT"],
  prescriptionOnly: false,
  medicationCodes: [],
  ...overrides,
});

const variant = (overrides: Partial<VariantDraft> = {}): VariantDraft => ({
  sku: "HT-CHK-2KG",
  title: "2 kg",
  options: [{ name: "Size", value: "2 kg" }],
  gtin: "4006381333931",
  priceMinor: 1999,
  compareAtMinor: null,
  currency: "EUR",
  weightGrams: 2100,
  dimensions: null,
  taxCategory: "STANDARD",
  outOfStockThreshold: 0,
  ...overrides,
});

const fields = (issues: { field: string }[]) => issues.map((i) => i.field);

describe("product validation", () => {
  it("accepts a good product", () => {
    expect(productIssues(product(), "input")).toEqual([]);
    expect(
      productIssues(product({ prescriptionOnly: true, medicationCodes: ["QJ01CA04", "carprofen"] }), "input"),
    ).toEqual([]);
  });

  it.each<[string, Partial<ProductDraft>, string]>([
    ["a bad slug", { slug: "Not A Slug" }, "input.slug"],
    ["a too-long title", { title: "x".repeat(201) }, "input.title"],
    ["a too-short title", { title: " x " }, "input.title"],
    ["a too-long description", { description: "x".repeat(20_001) }, "input.description"],
    ["a too-long brand", { brand: "x".repeat(121) }, "input.brand"],
    ["a species twice", { species: ["DOG", "CAT", "DOG"] }, "input.species.2"],
    ["a life stage twice", { lifeStages: ["ADULT", "ADULT"] }, "input.lifeStages.1"],
    ["prescription-only without codes", { prescriptionOnly: true }, "input.medicationCodes"],
    ["a malformed medication code", { medicationCodes: ["no spaces"] }, "input.medicationCodes.0"],
  ])("names the field of %s", (_what, overrides, field) => {
    expect(fields(productIssues(product(overrides), "input"))).toEqual([field]);
  });
});

describe("variant validation", () => {
  it("accepts a good variant", () => {
    expect(variantIssues(variant(), "EUR", "input.variants.0")).toEqual([]);
    expect(variantIssues(variant({ gtin: null, compareAtMinor: 1999 }), "EUR", "input.variants.0")).toEqual([]);
  });

  it.each<[string, Partial<VariantDraft>, string]>([
    ["a negative price", { priceMinor: -1 }, "input.variants.0.priceMinor"],
    ["a compare-at price below the price", { compareAtMinor: 1000 }, "input.variants.0.compareAtMinor"],
    ["a negative compare-at price", { compareAtMinor: -5 }, "input.variants.0.compareAtMinor"],
    ["an unknown currency", { currency: "XYZ" }, "input.variants.0.currency"],
    ["another currency than the vendor's", { currency: "USD" }, "input.variants.0.currency"],
    ["a GTIN with a bad check digit", { gtin: "4006381333932" }, "input.variants.0.gtin"],
    ["a bad SKU", { sku: "has space" }, "input.variants.0.sku"],
    ["a too-long SKU", { sku: "A".repeat(65) }, "input.variants.0.sku"],
    [
      "an option named twice",
      {
        options: [
          { name: "Size", value: "1" },
          { name: "size", value: "2" },
        ],
      },
      "input.variants.0.options.1.name",
    ],
    [
      "a zero dimension",
      { dimensions: { lengthMm: 10, widthMm: 0, heightMm: 10 } },
      "input.variants.0.dimensions.widthMm",
    ],
    ["a fractional price", { priceMinor: 19.5 }, "input.variants.0.priceMinor"],
  ])("names the field of %s", (_what, overrides, field) => {
    expect(fields(variantIssues(variant(overrides), "EUR", "input.variants.0"))).toEqual([field]);
  });

  it("names the second variant that repeats a SKU", () => {
    expect(fields(duplicateSkuIssues(["A", "B", "A"], (i) => `input.variants.${i}.sku`))).toEqual([
      "input.variants.2.sku",
    ]);
  });
});
