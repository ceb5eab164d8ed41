import { COUNTRIES, CURRENCIES, slugify } from "./vendor-codes";

describe("vendor codes", () => {
  it("knows real countries and currencies and refuses made-up ones", () => {
    expect(COUNTRIES).toEqual(expect.arrayContaining(["DE", "FR", "US", "GB", "XK"]));
    expect(COUNTRIES).not.toEqual(expect.arrayContaining(["XX"]));
    expect(COUNTRIES).not.toContain("EU");
    expect(CURRENCIES).toEqual(expect.arrayContaining(["EUR", "USD", "GBP", "JPY"]));
    expect(CURRENCIES).not.toContain("ABC");
  });

  it("derives URL-safe slugs from names", () => {
    expect(slugify("Café Müller & Söhne")).toBe("cafe-muller-sohne");
    expect(slugify("  Happy   Tails!! ")).toBe("happy-tails");
    expect(slugify("***")).toBe("");
    expect(slugify("a".repeat(80))).toHaveLength(60);
  });
});
