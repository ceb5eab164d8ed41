import { BadUserInputError } from "@pawgraph/subgraph-kit";
import {
  bandsOf,
  commissionRuleOf,
  couponOf,
  shippingMethodOf,
  shippingPatchOf,
  taxRateOf,
} from "./settings.validation";
import type { ShippingMethodRow } from "./settings.repository";

/** The field a rule refuses, or null when it accepts. */
function refusedField(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof BadUserInputError) return error.field ?? "(none)";
    throw error;
  }
}

const now = new Date("2026-06-01T12:00:00Z");
const vendorId = "5f0c3c1e-8f43-4d1e-9a57-3f2d6c1b9a10";

describe("taxRateOf", () => {
  it("normalises the country and region and keeps a valid rate", () => {
    expect(taxRateOf({ country: " de ", region: "by", taxCategory: "REDUCED", rateBps: 700 })).toEqual({
      country: "DE",
      region: "BY",
      taxCategory: "REDUCED",
      rateBps: 700,
    });
  });

  it.each([
    [{ country: "XX" }, "input.country"],
    [{ region: "" }, "input.region"],
    [{ taxCategory: "1ST" }, "input.taxCategory"],
    [{ rateBps: 0.5 }, "input.rateBps"],
    [{ rateBps: 10_001 }, "input.rateBps"],
  ])("refuses %j naming %s", (bad, field) => {
    expect(
      refusedField(() => taxRateOf({ country: "DE", region: null, taxCategory: "STANDARD", rateBps: 1900, ...bad })),
    ).toBe(field);
  });
});

describe("commissionRuleOf", () => {
  const base = { scope: "VENDOR" as const, targetId: vendorId.toUpperCase() };

  it("keeps only the fields of the rule's kind, the target lower case", () => {
    expect(commissionRuleOf({ ...base, kind: "PERCENTAGE", rateBps: 1200 })).toEqual({
      ...base,
      targetId: vendorId,
      kind: "PERCENTAGE",
      rateBps: 1200,
      fixedMinor: null,
      minimumMinor: null,
      currency: null,
    });
    expect(commissionRuleOf({ ...base, kind: "FIXED", fixedMinor: 0, currency: "eur" })).toMatchObject({
      fixedMinor: 0,
      currency: "EUR",
    });
  });

  it.each([
    [{ kind: "PERCENTAGE" }, "input.rateBps"],
    [{ kind: "PERCENTAGE", rateBps: 1, fixedMinor: 1 }, "input.fixedMinor"],
    [{ kind: "FIXED" }, "input.fixedMinor"],
    [{ kind: "FIXED", fixedMinor: 1 }, "input.currency"],
    [{ kind: "FIXED", fixedMinor: 1, rateBps: 1, currency: "EUR" }, "input.rateBps"],
    [{ kind: "PERCENTAGE", rateBps: 1, minimumMinor: -1, currency: "EUR" }, "input.minimumMinor"],
  ] as const)("refuses %j naming %s", (bad, field) => {
    expect(refusedField(() => commissionRuleOf({ ...base, ...bad }))).toBe(field);
  });
});

describe("couponOf", () => {
  const base = { code: "spring-25", kind: "PERCENTAGE" as const, percentBps: 2500 };

  it("upper-cases the code and defaults what was left out", () => {
    expect(couponOf(base, now)).toMatchObject({ code: "SPRING-25", exclusive: false, vendorId: null, endsAt: null });
  });

  it.each([
    [{ code: "a b" }, "input.code"],
    [{ percentBps: 0 }, "input.percentBps"],
    [{ kind: "FIXED", percentBps: null }, "input.amount"],
    [{ kind: "FREE_SHIPPING" }, "input.percentBps"],
    [{ endsAt: now }, "input.endsAt"],
    [{ startsAt: new Date("2026-07-02"), endsAt: new Date("2026-07-01") }, "input.endsAt"],
    [{ usageLimit: 0 }, "input.usageLimit"],
  ] as const)("refuses %j naming %s", (bad, field) => {
    expect(refusedField(() => couponOf({ ...base, ...bad }, now))).toBe(field);
  });
});

describe("shipping methods", () => {
  const flat = { vendorId, name: " Standard ", kind: "FLAT" as const, priceMinor: 500, currency: "USD" };

  it("accepts each kind with its own field only", () => {
    expect(shippingMethodOf(flat)).toMatchObject({ name: "Standard", priceMinor: 500, bands: null, clinicId: null });
    expect(
      refusedField(() => shippingMethodOf({ ...flat, kind: "PICKUP", priceMinor: null, clinicId: vendorId })),
    ).toBeNull();
    expect(refusedField(() => shippingMethodOf({ ...flat, clinicId: vendorId }))).toBe("input.clinicId");
  });

  it("wants 1 to 20 bands, strictly heavier, with prices of 0 or more", () => {
    expect(bandsOf("input.bands", [{ upToGrams: 1, priceMinor: 0 }])).toHaveLength(1);
    expect(refusedField(() => bandsOf("input.bands", []))).toBe("input.bands");
    const band = (upToGrams: number, priceMinor = 1) => ({ upToGrams, priceMinor });
    expect(refusedField(() => bandsOf("input.bands", [band(2), band(1)]))).toBe("input.bands.1.upToGrams");
    expect(refusedField(() => bandsOf("input.bands", [band(1, -1)]))).toBe("input.bands.0.priceMinor");
  });

  it("changes only what the method's kind has", () => {
    const method = { kind: "FLAT" } as ShippingMethodRow;
    expect(shippingPatchOf({ priceMinor: 0, active: false }, method)).toEqual({ priceMinor: 0, active: false });
    expect(refusedField(() => shippingPatchOf({ bands: [{ upToGrams: 1, priceMinor: 1 }] }, method))).toBe(
      "input.bands",
    );
  });
});
