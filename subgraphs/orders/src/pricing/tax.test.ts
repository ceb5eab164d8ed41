import { findTaxRate, taxInGross, taxOnNet } from "./tax";

const rates = [
  { country: "US", region: null, taxCategory: "STANDARD", rateBasisPoints: 500 },
  { country: "US", region: "CA", taxCategory: "STANDARD", rateBasisPoints: 725 },
  { country: "DE", region: null, taxCategory: "STANDARD", rateBasisPoints: 1900 },
  { country: "DE", region: null, taxCategory: "PET_FOOD", rateBasisPoints: 700 },
];

describe("findTaxRate", () => {
  it("prefers country + region + category", () => {
    expect(findTaxRate(rates, { country: "US", region: "CA" }, "STANDARD")?.rateBasisPoints).toBe(725);
  });

  it("falls back to the country-wide rate of the category", () => {
    expect(findTaxRate(rates, { country: "US", region: "NY" }, "STANDARD")?.rateBasisPoints).toBe(500);
    expect(findTaxRate(rates, { country: "DE", region: null }, "PET_FOOD")?.rateBasisPoints).toBe(700);
  });

  it("finds nothing for another category or country", () => {
    expect(findTaxRate(rates, { country: "US", region: "CA" }, "PET_FOOD")).toBeNull();
    expect(findTaxRate(rates, { country: "FR", region: null }, "STANDARD")).toBeNull();
  });
});

describe("tax formulas", () => {
  it("taxes a net amount: round(net × rate)", () => {
    expect(taxOnNet(1000, 1900)).toBe(190);
    expect(taxOnNet(1999, 725)).toBe(145); // 144.9275
  });

  it("takes the tax out of a gross amount so that net + tax is the gross exactly", () => {
    expect(taxInGross(1190, 1900)).toBe(190);
    expect(taxInGross(1999, 1900)).toBe(319); // net round(1679.83) = 1680
    expect(taxInGross(0, 1900)).toBe(0);
  });
});
