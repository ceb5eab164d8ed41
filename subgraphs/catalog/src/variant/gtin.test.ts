import { gtinCheckDigit, isValidGtin } from "./gtin";

describe("GTIN check digits", () => {
  it.each([
    ["GTIN-8 (EAN-8)", "96385074"],
    ["GTIN-12 (UPC-A)", "036000291452"],
    ["GTIN-13 (EAN-13)", "4006381333931"],
    ["GTIN-13 (EAN-13)", "5901234123457"],
    ["GTIN-14", "10614141000415"],
  ])("accepts a real %s", (_kind, code) => {
    expect(isValidGtin(code)).toBe(true);
  });

  it.each([
    ["a wrong check digit", "4006381333932"],
    ["one digit typed wrong", "4006381332931"],
    ["a GTIN-8 with a wrong check digit", "96385075"],
    ["a GTIN-12 with a wrong check digit", "036000291453"],
    ["a GTIN-14 with a wrong check digit", "10614141000416"],
    ["a length GS1 does not use", "40063813339"],
    ["letters", "40063813339A"],
    ["an empty string", ""],
  ])("refuses %s", (_what, code) => {
    expect(isValidGtin(code)).toBe(false);
  });

  it("computes the check digit of a body", () => {
    expect(gtinCheckDigit("400638133393")).toBe(1);
    expect(gtinCheckDigit("9638507")).toBe(4);
  });
});
