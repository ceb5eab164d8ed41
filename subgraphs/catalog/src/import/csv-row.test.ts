import { parseCsvRow, rowIssues } from "./csv-row";

const record = (overrides: Record<string, string> = {}) => ({
  product_slug: "chicken-kibble",
  title: "Chicken kibble",
  description: "Crunchy.",
  brand: "Happy Tails",
  category: "dogs/food",
  species: "DOG|cat",
  life_stages: "ADULT",
  prescription_only: "false",
  medication_codes: "",
  sku: "CK-2KG",
  variant_title: "2 kg",
  options: "Size=2 kg|Flavour=Chicken",
  gtin: "4006381333931",
  price_minor: "1999",
  compare_at_minor: "",
  currency: "eur",
  weight_grams: "2000",
  tax_category: "",
  active: "",
  ...overrides,
});

describe("a CSV row of a product import", () => {
  it("parses a good row into a product and a variant", () => {
    const { row, issues } = parseCsvRow(record());
    expect(issues).toEqual([]);
    expect(row).toMatchObject({
      categoryPath: "dogs/food",
      active: true,
      product: { slug: "chicken-kibble", species: ["DOG", "CAT"], lifeStages: ["ADULT"], prescriptionOnly: false },
      variant: {
        sku: "CK-2KG",
        priceMinor: 1999,
        currency: "EUR",
        taxCategory: "STANDARD",
        options: [
          { name: "Size", value: "2 kg" },
          { name: "Flavour", value: "Chicken" },
        ],
      },
    });
    expect(rowIssues(row!, "EUR")).toEqual([]);
  });

  it.each([
    ["a price that is not a number", { price_minor: "19.99" }, "price_minor"],
    ["a missing price", { price_minor: "" }, "price_minor"],
    ["an unknown species", { species: "DRAGON" }, "species"],
    ["a bad flag", { prescription_only: "maybe" }, "prescription_only"],
    ["an option without a value", { options: "Size" }, "options"],
    ["a missing SKU", { sku: "" }, "sku"],
  ])("refuses %s, naming its column", (_what, overrides, column) => {
    expect(parseCsvRow(record(overrides)).issues.map((i) => i.field)).toEqual([column]);
  });

  it.each([
    ["a negative price", { price_minor: "-5" }, "price_minor"],
    ["a bad GTIN", { gtin: "4006381333932" }, "gtin"],
    ["another currency than the vendor's", { currency: "USD" }, "currency"],
    ["an unknown currency", { currency: "ABC" }, "currency"],
    ["a bad slug", { product_slug: "Not_A_Slug" }, "product_slug"],
    ["a species twice", { species: "DOG|DOG" }, "species"],
    ["prescription-only without codes", { prescription_only: "yes" }, "medication_codes"],
    ["a too-long variant title", { variant_title: "x".repeat(121) }, "variant_title"],
  ])("checks %s as createProduct does, naming its column", (_what, overrides, column) => {
    const { row } = parseCsvRow(record(overrides));
    expect(rowIssues(row!, "EUR").map((i) => i.field)).toEqual([column]);
  });
});
