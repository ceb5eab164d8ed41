import { priceOrder } from "./pricing";
import { amountOff, buildInput, buildLine, expectConsistent, percentOff, US_TAX } from "./pricing.fixtures";
import type { PricingInput } from "./pricing.types";

const price = (overrides: Partial<PricingInput>) => {
  const order = priceOrder(buildInput(overrides));
  expectConsistent(order);
  return order;
};
const oneLine = (unitPriceMinor: number) => [buildLine({ unitPriceMinor })];

describe("the free-shipping threshold (USD, default 20000, flat shipping 500, 10% tax)", () => {
  it("charges shipping at 19999 and says 1 is missing", () => {
    const order = price({ lines: oneLine(19999) });
    expect(order.freeShippingApplied).toBe(false);
    expect(order.amountToFreeShippingMinor).toBe(1);
    expect(order.totals).toEqual({
      subtotalMinor: 19999,
      discountMinor: 0,
      shippingMinor: 500,
      taxMinor: 2000,
      totalMinor: 22499,
    });
  });

  it("ships free from 20000 exactly", () => {
    const order = price({ lines: oneLine(20000) });
    expect(order.freeShippingApplied).toBe(true);
    expect(order.amountToFreeShippingMinor).toBe(0);
    expect(order.totals).toEqual({
      subtotalMinor: 20000,
      discountMinor: 0,
      shippingMinor: 0,
      taxMinor: 2000,
      totalMinor: 22000,
    });
  });

  it("ships free at 20001", () => {
    const order = price({ lines: oneLine(20001) });
    expect(order.freeShippingApplied).toBe(true);
    expect(order.totals).toEqual({
      subtotalMinor: 20001,
      discountMinor: 0,
      shippingMinor: 0,
      taxMinor: 2000,
      totalMinor: 22001,
    });
  });

  it("charges shipping again when a coupon drops a 20500 cart below the threshold", () => {
    expect(price({ lines: oneLine(20500) }).freeShippingApplied).toBe(true);
    const order = price({ lines: oneLine(20500), promotions: [amountOff("ten", 1000)] });
    expect(order.freeShippingApplied).toBe(false);
    expect(order.freeShippingSubtotalMinor).toBe(19500);
    expect(order.amountToFreeShippingMinor).toBe(500);
    expect(order.totals).toEqual({
      subtotalMinor: 20500,
      discountMinor: 1000,
      shippingMinor: 500,
      taxMinor: 1950,
      totalMinor: 21950,
    });
  });

  it("has no threshold when the caller gives none", () => {
    const order = price({ lines: oneLine(90000), freeShippingThresholdMinor: null });
    expect(order.amountToFreeShippingMinor).toBeNull();
    expect(order.totals.shippingMinor).toBe(500);
  });
});

describe("tax-inclusive and tax-exclusive prices", () => {
  it("adds tax on top when prices exclude it, and finds it inside when they include it", () => {
    const exclusive = price({ lines: oneLine(11000), pricesIncludeTax: false });
    expect(exclusive.lines[0]).toMatchObject({
      subtotalMinor: 11000,
      taxMinor: 1100,
      netMinor: 11000,
      totalMinor: 12100,
    });
    expect(exclusive.totals.totalMinor).toBe(12600);
    const inclusive = price({ lines: oneLine(11000), pricesIncludeTax: true });
    expect(inclusive.lines[0]).toMatchObject({
      subtotalMinor: 11000,
      taxMinor: 1000,
      netMinor: 10000,
      totalMinor: 11000,
    });
    expect(inclusive.totals.totalMinor).toBe(11500);
  });

  it("taxes shipping under SHIPPING when that rate exists, in the same convention", () => {
    const taxRates = [US_TAX, { ...US_TAX, taxCategory: "SHIPPING", rateBasisPoints: 1000 }];
    const exclusive = price({ taxRates, lines: oneLine(1000) });
    expect(exclusive.vendors[0]).toMatchObject({
      shippingMinor: 500,
      shippingTaxMinor: 50,
      taxMinor: 150,
      totalMinor: 1650,
    });
    const inclusive = price({
      taxRates,
      pricesIncludeTax: true,
      lines: oneLine(1100),
      shippingMethods: { "vendor-a": { id: "flat", kind: "FLAT", priceMinor: 550 } },
    });
    expect(inclusive.vendors[0]).toMatchObject({
      shippingMinor: 550,
      shippingTaxMinor: 50,
      taxMinor: 150,
      totalMinor: 1650,
    });
  });
});

describe("re-tax after discount", () => {
  it("taxes the discounted net when prices exclude tax", () => {
    const order = price({ lines: oneLine(10000), promotions: [percentOff("quarter", 2500)] });
    expect(order.lines[0]).toMatchObject({ discountMinor: 2500, taxMinor: 750, totalMinor: 8250 });
  });

  it("takes the tax out of the discounted gross when prices include tax", () => {
    const order = price({ lines: oneLine(11000), pricesIncludeTax: true, promotions: [percentOff("tenth", 1000)] });
    expect(order.lines[0]).toMatchObject({ discountMinor: 1100, taxMinor: 900, netMinor: 9000, totalMinor: 9900 });
  });

  it("re-taxes each line at its own rate after the discount is spread by amount", () => {
    const order = price({
      taxRates: [US_TAX, { ...US_TAX, taxCategory: "PET_FOOD", rateBasisPoints: 500 }],
      lines: [
        buildLine({ lineId: "toy", unitPriceMinor: 6000 }),
        buildLine({ lineId: "food", unitPriceMinor: 4000, taxCategory: "PET_FOOD" }),
      ],
      promotions: [amountOff("ten", 1000)],
    });
    expect(order.lines.map((l) => [l.lineId, l.discountMinor, l.taxMinor])).toEqual([
      ["toy", 600, 540],
      ["food", 400, 180],
    ]);
  });
});

describe("allocation of a discount", () => {
  it("splits 1000 off three equal lines as 334/333/333 and the sums stay exact", () => {
    const lines = ["a", "b", "c"].map((lineId) => buildLine({ lineId, unitPriceMinor: 1000 }));
    const order = price({ lines, promotions: [amountOff("ten", 1000)] });
    expect(order.lines.map((l) => l.discountMinor)).toEqual([334, 333, 333]);
    expect(order.lines.map((l) => l.taxMinor)).toEqual([67, 67, 67]);
    expect(order.totals).toMatchObject({ discountMinor: 1000, taxMinor: 201, totalMinor: 2201 + 500 });
  });

  it("never takes a line below 0: a fixed amount above the subtotal is capped", () => {
    const order = price({ lines: oneLine(700), promotions: [amountOff("big", 5000)] });
    expect(order.lines[0]).toMatchObject({ discountMinor: 700, taxMinor: 0, totalMinor: 0 });
    expect(order.appliedPromotions[0]?.discountMinor).toBe(700);
  });
});

describe("currencies with other exponents", () => {
  it("prices JPY (no decimals) with tax included", () => {
    const order = price({
      currency: "JPY",
      pricesIncludeTax: true,
      freeShippingThresholdMinor: 5000,
      taxRates: [{ country: "JP", region: null, taxCategory: "STANDARD", rateBasisPoints: 1000 }],
      destination: { country: "JP", region: null },
      lines: [buildLine({ unitPriceMinor: 1980, quantity: 3 })],
      shippingMethods: { "vendor-a": { id: "flat", kind: "FLAT", priceMinor: 600 } },
      promotions: [percentOff("fifteen", 1500)],
    });
    expect(order.lines[0]).toMatchObject({ subtotalMinor: 5940, discountMinor: 891, taxMinor: 459, totalMinor: 5049 });
    expect(order.freeShippingApplied).toBe(true);
    expect(order.totals.totalMinor).toBe(5049);
  });

  it("prices BHD (three decimals) and writes messages with three decimals", () => {
    const order = price({
      currency: "BHD",
      freeShippingThresholdMinor: null,
      taxRates: [{ country: "BH", region: null, taxCategory: "STANDARD", rateBasisPoints: 1000 }],
      destination: { country: "BH", region: null },
      lines: [buildLine({ unitPriceMinor: 12345, quantity: 2 })],
      promotions: [
        percentOff("tenth", 1000),
        percentOff("later", 500, { vendorId: "vendor-a", minimumSubtotalMinor: 24691 }),
      ],
    });
    expect(order.lines[0]).toMatchObject({ subtotalMinor: 24690, discountMinor: 2469, taxMinor: 2222 });
    expect(order.rejectedPromotions[0]?.message).toMatch(
      /^Add BHD\s0\.001 more to use LATER \(minimum BHD\s24\.691\)\.$/,
    );
  });
});

describe("promotion minimums", () => {
  it("does not apply a promotion below its minimum and says what is missing", () => {
    const order = price({ lines: oneLine(4999), promotions: [amountOff("save", 500, { minimumSubtotalMinor: 5000 })] });
    expect(order.appliedPromotions).toEqual([]);
    expect(order.rejectedPromotions).toEqual([
      {
        promotionId: "save",
        code: "SAVE",
        reason: { code: "MINIMUM_NOT_MET", minimumMinor: 5000, eligibleSubtotalMinor: 4999, missingMinor: 1 },
        message: "Add $0.01 more to use SAVE (minimum $50.00).",
      },
    ]);
  });

  it("measures a vendor promotion's minimum on that vendor's lines only", () => {
    const order = price({
      lines: [
        buildLine({ lineId: "a", unitPriceMinor: 3000 }),
        buildLine({ lineId: "b", vendorId: "vendor-b", unitPriceMinor: 9000 }),
      ],
      shippingMethods: { "vendor-a": { id: "pickup", kind: "PICKUP" }, "vendor-b": { id: "pickup-b", kind: "PICKUP" } },
      promotions: [amountOff("a5", 500, { vendorId: "vendor-a", minimumSubtotalMinor: 5000 })],
    });
    expect(order.rejectedPromotions[0]?.reason).toMatchObject({ code: "MINIMUM_NOT_MET", missingMinor: 2000 });
  });
});
