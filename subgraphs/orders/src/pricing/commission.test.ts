import { commissionFor, type CommissionLine, type CommissionRule } from "./commission";

const line = (overrides: Partial<CommissionLine> = {}): CommissionLine => ({
  productId: "product-1",
  categoryId: "category-1",
  vendorId: "vendor-1",
  quantity: 2,
  amountMinor: 10000,
  currency: "USD",
  ...overrides,
});
const rule = (
  overrides: Partial<CommissionRule> & Pick<CommissionRule, "id" | "scope" | "targetId">,
): CommissionRule => ({
  kind: "PERCENTAGE",
  rateBasisPoints: 1500,
  ...overrides,
});
const rules: CommissionRule[] = [
  rule({ id: "vendor", scope: "VENDOR", targetId: "vendor-1", rateBasisPoints: 800 }),
  rule({ id: "category", scope: "CATEGORY", targetId: "category-1", rateBasisPoints: 1200 }),
  rule({ id: "product", scope: "PRODUCT", targetId: "product-1", rateBasisPoints: 500 }),
  rule({ id: "elsewhere", scope: "PRODUCT", targetId: "product-9", rateBasisPoints: 9000 }),
];

describe("commissionFor", () => {
  it("takes the most specific rule: product, then category, then vendor, then the platform's 10%", () => {
    expect(commissionFor(line(), rules)).toMatchObject({ amountMinor: 500, ruleId: "product", scope: "PRODUCT" });
    expect(commissionFor(line({ productId: "p2" }), rules)).toMatchObject({ amountMinor: 1200, ruleId: "category" });
    expect(commissionFor(line({ productId: "p2", categoryId: null }), rules)).toMatchObject({
      amountMinor: 800,
      ruleId: "vendor",
      scope: "VENDOR",
    });
    expect(commissionFor(line({ productId: "p2", categoryId: null, vendorId: "v2" }), rules)).toEqual({
      amountMinor: 1000,
      ruleId: null,
      scope: "PLATFORM",
      description: "10% of $100.00 (platform default): $10.00",
    });
  });

  it("rounds a percentage half up", () => {
    expect(commissionFor(line({ amountMinor: 1005 }), []).amountMinor).toBe(101); // 100.5
    expect(commissionFor(line({ amountMinor: 1004 }), []).amountMinor).toBe(100);
  });

  it("raises a small commission to the rule's minimum, never above the line amount", () => {
    const withMinimum = [
      rule({ id: "min", scope: "VENDOR", targetId: "vendor-1", rateBasisPoints: 1000, minimumMinor: 300 }),
    ];
    expect(commissionFor(line({ amountMinor: 1000 }), withMinimum)).toEqual({
      amountMinor: 300,
      ruleId: "min",
      scope: "VENDOR",
      description: "10% of $10.00 (vendor rule min), raised to the minimum $3.00: $3.00",
    });
    expect(commissionFor(line({ amountMinor: 200 }), withMinimum)).toMatchObject({
      amountMinor: 200,
      description:
        "10% of $2.00 (vendor rule min), raised to the minimum $3.00, capped at the line amount $2.00: $2.00",
    });
  });

  it("charges a fixed amount per unit", () => {
    const fixed = [rule({ id: "fixed", scope: "CATEGORY", targetId: "category-1", kind: "FIXED", fixedMinor: 150 })];
    expect(commissionFor(line({ quantity: 3 }), fixed)).toEqual({
      amountMinor: 450,
      ruleId: "fixed",
      scope: "CATEGORY",
      description: "$1.50 per unit × 3 (category rule fixed): $4.50",
    });
    expect(commissionFor(line({ quantity: 3, amountMinor: 400 }), fixed).amountMinor).toBe(400);
  });

  it("takes a platform default the caller passes, in other currencies too", () => {
    expect(commissionFor(line({ currency: "JPY", amountMinor: 1234 }), [], { rateBasisPoints: 1250 })).toMatchObject({
      amountMinor: 154, // 154.25
      description: "12.5% of ¥1,234 (platform default): ¥154",
    });
  });

  it("throws on a rule without its value", () => {
    const broken = [{ id: "b", scope: "VENDOR", targetId: "vendor-1", kind: "FIXED" } as const];
    expect(() => commissionFor(line(), broken)).toThrow(RangeError);
  });
});
