import { allocate, assertMinor, currencyExponent, divideRoundHalfUp, formatMoney, percentOf } from "./money";

describe("currencyExponent", () => {
  it.each([
    ["USD", 2],
    ["EUR", 2],
    ["GBP", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["JOD", 3],
  ])("%s has %i decimals", (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });

  it("refuses what is not an ISO 4217 code", () => {
    expect(() => currencyExponent("usd")).toThrow(RangeError);
    expect(() => currencyExponent("XYZ")).toThrow(RangeError);
  });
});

describe("assertMinor", () => {
  it("refuses fractions, unsafe integers and NaN", () => {
    expect(() => assertMinor(1.5, "x")).toThrow(RangeError);
    expect(() => assertMinor(2 ** 53, "x")).toThrow(RangeError);
    expect(() => assertMinor(NaN, "x")).toThrow(RangeError);
    expect(() => assertMinor(-1, "x", { nonNegative: true })).toThrow(RangeError);
    expect(assertMinor(-1, "x")).toBe(-1);
  });
});

describe("percentOf and divideRoundHalfUp", () => {
  it("rounds halves away from zero", () => {
    expect(percentOf(5, 1000)).toBe(1); // 0.5
    expect(percentOf(-5, 1000)).toBe(-1);
    expect(percentOf(15, 5000)).toBe(8); // 7.5
    expect(percentOf(14, 1000)).toBe(1); // 1.4
    expect(percentOf(16, 1000)).toBe(2); // 1.6
    expect(divideRoundHalfUp(-7n, 2n)).toBe(-4n);
    expect(divideRoundHalfUp(7n, -2n)).toBe(-4n);
  });

  it("stays exact where a float product would not", () => {
    // 9007199254740991 × 3333 overflows 2^53; the BigInt path rounds the exact value.
    expect(percentOf(Number.MAX_SAFE_INTEGER, 3333)).toBe(3002099511605172);
  });
});

describe("allocate", () => {
  it("splits 1000 across three equal lines as 334/333/333", () => {
    expect(allocate(1000, [500, 500, 500])).toEqual([334, 333, 333]);
  });

  it("breaks ties by index and gives nothing to a zero weight", () => {
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocate(5, [0, 3, 0, 2])).toEqual([0, 3, 0, 2]);
    expect(allocate(-1000, [1, 1, 1])).toEqual([-334, -333, -333]);
  });

  it("gives the leftover unit to the largest remainder, not the first line", () => {
    // exact shares 1.6, 2.4, 6.0 → floors 1, 2, 6, the spare unit to the .6
    expect(allocate(10, [4, 6, 15])).toEqual([2, 2, 6]);
  });

  it("always sums to the total and never exceeds a weight when the total fits", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let run = 0; run < 500; run++) {
      const weights = Array.from({ length: 1 + (next() % 6) }, () => next() % 10_000);
      const sumWeights = weights.reduce((s, w) => s + w, 0);
      if (sumWeights === 0) continue;
      const total = next() % (sumWeights + 1);
      const parts = allocate(total, weights);
      expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
      parts.forEach((p) => expect(p).toBeGreaterThanOrEqual(0));
      parts.forEach((p, i) => expect(p).toBeLessThanOrEqual(weights[i] ?? 0));
    }
  });

  it("refuses to split a non-zero amount over nothing", () => {
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
    expect(() => allocate(1, [0, 0])).toThrow(RangeError);
  });
});

describe("formatMoney", () => {
  it("places the decimal point by the currency's exponent", () => {
    expect(formatMoney(123456, "USD")).toBe("$1,234.56");
    expect(formatMoney(5, "USD")).toBe("$0.05");
    expect(formatMoney(1234, "JPY")).toBe("¥1,234");
    expect(formatMoney(1234, "KWD")).toMatch(/^KWD\s1\.234$/); // Intl puts a no-break space there
    expect(formatMoney(-150, "EUR")).toBe("-€1.50");
  });

  it("is exact for the largest safe amount", () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, "USD")).toBe("$90,071,992,547,409.91");
  });
});
