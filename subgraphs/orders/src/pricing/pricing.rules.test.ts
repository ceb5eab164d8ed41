import { priceOrder } from "./pricing";
import { amountOff, buildInput, buildLine, expectConsistent, freeShipping, percentOff } from "./pricing.fixtures";
import type { PricingInput, ShippingMethod } from "./pricing.types";

const price = (overrides: Partial<PricingInput>) => {
  const order = priceOrder(buildInput(overrides));
  expectConsistent(order);
  return order;
};
const twoVendors = [
  buildLine({ lineId: "a", vendorId: "vendor-a", unitPriceMinor: 10000 }),
  buildLine({ lineId: "b", vendorId: "vendor-b", unitPriceMinor: 10000 }),
];
const flat = (id: string, priceMinor: number): ShippingMethod => ({ id, kind: "FLAT", priceMinor });
const bothFlat = { "vendor-a": flat("flat-a", 500), "vendor-b": flat("flat-b", 700) };

describe("stacking", () => {
  it("applies one platform-wide discount: the second is rejected", () => {
    const order = price({ lines: twoVendors, promotions: [percentOff("first", 1000), amountOff("second", 500)] });
    expect(order.appliedPromotions.map((p) => p.promotionId)).toEqual(["first"]);
    expect(order.rejectedPromotions[0]?.reason).toEqual({
      code: "SCOPE_ALREADY_DISCOUNTED",
      conflictsWithPromotionId: "first",
    });
    expect(order.stackingRule).toMatch(/one platform-wide discount and one discount per vendor/);
  });

  it("combines a vendor discount with a platform one, the platform's on what the vendor left", () => {
    const order = price({
      lines: twoVendors,
      promotions: [amountOff("platform", 2000), percentOff("vendor", 1000, { vendorId: "vendor-a" })],
    });
    expect(order.lines.map((l) => l.discountMinor)).toEqual([1000 + 947, 1053]);
    expect(order.appliedPromotions.map((p) => [p.promotionId, p.discountMinor])).toEqual([
      ["platform", 2000],
      ["vendor", 1000],
    ]);
  });

  it("lets the first exclusive promotion win over every other discount, but not over free shipping", () => {
    const order = price({
      lines: twoVendors,
      shippingMethods: bothFlat,
      freeShippingThresholdMinor: null,
      promotions: [
        percentOff("plain", 1000),
        amountOff("solo", 500, { vendorId: "vendor-b", exclusive: true }),
        percentOff("solo-too", 5000, { exclusive: true }),
        freeShipping("ship", { exclusive: true }),
      ],
    });
    expect(order.appliedPromotions.map((p) => p.promotionId)).toEqual(["solo", "ship"]);
    expect(order.rejectedPromotions.map((r) => [r.promotionId, r.reason])).toEqual([
      ["plain", { code: "NOT_COMBINABLE", conflictsWithPromotionId: "solo" }],
      ["solo-too", { code: "NOT_COMBINABLE", conflictsWithPromotionId: "solo" }],
    ]);
    expect(order.rejectedPromotions[0]?.message).toBe("PLAIN cannot be combined with SOLO.");
    expect(order.totals).toMatchObject({ discountMinor: 500, shippingMinor: 0 });
  });

  it("does not let an exclusive promotion below its minimum block the others", () => {
    const order = price({
      lines: twoVendors,
      promotions: [amountOff("solo", 500, { exclusive: true, minimumSubtotalMinor: 99999 }), percentOff("plain", 1000)],
    });
    expect(order.appliedPromotions.map((p) => p.promotionId)).toEqual(["plain"]);
    expect(order.rejectedPromotions.map((r) => r.reason.code)).toEqual(["MINIMUM_NOT_MET"]);
  });

  it("rejects a vendor promotion when that vendor has nothing in the order", () => {
    const order = price({ promotions: [percentOff("other", 1000, { vendorId: "vendor-z" })] });
    expect(order.rejectedPromotions[0]?.reason).toEqual({ code: "NO_ELIGIBLE_LINES" });
  });
});

describe("free-shipping promotions", () => {
  it("zero their vendor's shipping only, and report what they saved", () => {
    const order = price({
      lines: twoVendors,
      shippingMethods: bothFlat,
      freeShippingThresholdMinor: null,
      promotions: [freeShipping("ship-b", { vendorId: "vendor-b" })],
    });
    expect(order.vendors.map((v) => [v.vendorId, v.shippingMinor])).toEqual([
      ["vendor-a", 500],
      ["vendor-b", 0],
    ]);
    expect(order.appliedPromotions[0]?.shippingDiscountMinor).toBe(700);
  });

  it("save nothing when the threshold already made shipping free", () => {
    const order = price({ lines: twoVendors, shippingMethods: bothFlat, promotions: [freeShipping("ship")] });
    expect(order.freeShippingApplied).toBe(true);
    expect(order.appliedPromotions[0]?.shippingDiscountMinor).toBe(0);
  });
});

describe("weight bands", () => {
  const bands: ShippingMethod = {
    id: "bands",
    kind: "WEIGHT_BANDS",
    // Listed out of order on purpose: the lightest band that fits is used.
    bands: [
      { upToGrams: 5000, priceMinor: 900 },
      { upToGrams: 1000, priceMinor: 400 },
    ],
  };
  const shipped = (lines: PricingInput["lines"]) => price({ lines, shippingMethods: { "vendor-a": bands } });

  it.each([
    [300, 2, 400],
    [1000, 1, 400],
    [1001, 1, 900],
    [2500, 2, 900],
  ])("%i g × %i costs %i", (weightGrams, quantity, expected) => {
    const order = shipped([
      buildLine({ weightGrams, quantity }),
      buildLine({ lineId: "no-weight", weightGrams: null }),
    ]);
    expect(order.vendors[0]?.shippingMinor).toBe(expected);
    expect(order.ready).toBe(true);
  });

  it("reports NO_SHIPPING_BAND when the shipment is heavier than every band", () => {
    const order = shipped([buildLine({ weightGrams: 3000, quantity: 2 })]);
    const problem = { code: "NO_SHIPPING_BAND", vendorId: "vendor-a", weightGrams: 6000, heaviestBandGrams: 5000 };
    expect(order.vendors[0]).toMatchObject({ shippingMinor: 0, shippingMethodId: "bands", problems: [problem] });
    expect(order.problems).toEqual([problem]);
    expect(order.ready).toBe(false);
  });

  it("charges nothing for pickup", () => {
    const order = price({ shippingMethods: { "vendor-a": { id: "pickup", kind: "PICKUP" } } });
    expect(order.vendors[0]).toMatchObject({ shippingMinor: 0, shippingMethodId: "pickup", problems: [] });
  });
});

describe("problems", () => {
  it("flags a vendor without a shipping method", () => {
    const order = price({ lines: twoVendors, shippingMethods: { "vendor-a": flat("flat-a", 500) } });
    expect(order.vendors[1]).toMatchObject({
      shippingMethodId: null,
      problems: [{ code: "NO_SHIPPING_METHOD", vendorId: "vendor-b" }],
    });
    expect(order.ready).toBe(false);
  });

  it("reads only the methods given, whatever the vendor id", () => {
    const order = price({ lines: [buildLine({ vendorId: "constructor" })], shippingMethods: {} });
    expect(order.problems).toEqual([{ code: "NO_SHIPPING_METHOD", vendorId: "constructor" }]);
  });

  it("prices without tax, flagged, while there is no destination", () => {
    const order = price({ destination: null });
    expect(order).toMatchObject({ taxKnown: false, ready: false, problems: [{ code: "NO_DESTINATION" }] });
    expect(order.totals.taxMinor).toBe(0);
  });

  it("taxes a category without a rate at 0 and says so, without blocking checkout", () => {
    const order = price({ lines: [buildLine({ taxCategory: "BOOKS" })] });
    const problem = { code: "NO_TAX_RATE", taxCategory: "BOOKS", country: "US", region: null };
    expect(order.lines[0]?.taxMinor).toBe(0);
    expect(order).toMatchObject({ ready: true, problems: [problem], vendors: [{ problems: [problem] }] });
  });

  it("throws on input that breaks the contract", () => {
    expect(() => priceOrder(buildInput({ lines: [buildLine({ unitPriceMinor: 9.99 })] }))).toThrow(RangeError);
    expect(() => priceOrder(buildInput({ lines: [buildLine({ quantity: 0 })] }))).toThrow(RangeError);
    expect(() => priceOrder(buildInput({ lines: [buildLine(), buildLine()] }))).toThrow(/listed twice/);
    expect(() => priceOrder(buildInput({ currency: "XXY" }))).toThrow(RangeError);
    expect(() => priceOrder(buildInput({ promotions: [percentOff("p", 10001)] }))).toThrow(/above 100/);
  });
});
