import { priceOrder } from "./pricing";
import { amountOff, buildLine, expectConsistent, freeShipping, percentOff } from "./pricing.fixtures";
import type { PricingInput, Promotion, ShippingMethod, TaxRate } from "./pricing.types";

/** mulberry32: a small seeded PRNG, so a failing cart can be reproduced from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const chance = (p: number) => next() < p;
  return { int, pick, chance };
}

function randomCart(seed: number): PricingInput {
  const r = prng(seed);
  const vendors = ["v1", "v2", "v3"].slice(0, r.int(1, 3));
  const categories = ["STANDARD", "PET_FOOD", "MEDICINE"];
  const taxRates: TaxRate[] = categories
    .filter(() => r.chance(0.8))
    .map((taxCategory) => ({
      country: "XA",
      region: r.chance(0.3) ? "R1" : null,
      taxCategory,
      rateBasisPoints: r.int(0, 2500),
    }));
  if (r.chance(0.5))
    taxRates.push({ country: "XA", region: null, taxCategory: "SHIPPING", rateBasisPoints: r.int(0, 2500) });
  const lines = Array.from({ length: r.int(1, 8) }, (_, i) =>
    buildLine({
      lineId: `line-${i}`,
      vendorId: r.pick(vendors),
      unitPriceMinor: r.chance(0.05) ? 0 : r.int(1, 60000),
      quantity: r.int(1, 5),
      taxCategory: r.pick(categories),
      weightGrams: r.chance(0.3) ? null : r.int(0, 3000),
    }),
  );
  const method = (id: string): ShippingMethod | null =>
    r.pick<ShippingMethod | null>([
      { id, kind: "FLAT", priceMinor: r.int(0, 2000) },
      { id, kind: "PICKUP" },
      {
        id,
        kind: "WEIGHT_BANDS",
        bands: [1000, 5000, 20000].map((upToGrams) => ({ upToGrams, priceMinor: r.int(0, 3000) })),
      },
      null,
    ]);
  const promotion = (i: number): Promotion => {
    const scope = { vendorId: r.chance(0.5) ? null : r.pick(vendors), exclusive: r.chance(0.2) };
    const minimum = { minimumSubtotalMinor: r.chance(0.3) ? r.int(0, 100000) : null };
    return r.pick([
      percentOff(`p${i}`, r.int(0, 10000), { ...scope, ...minimum }),
      amountOff(`p${i}`, r.int(0, 150000), { ...scope, ...minimum }),
      freeShipping(`p${i}`, { ...scope, ...minimum }),
    ]);
  };
  return {
    currency: r.pick(["USD", "EUR", "JPY", "BHD"]),
    pricesIncludeTax: r.chance(0.5),
    freeShippingThresholdMinor: r.chance(0.2) ? null : r.int(0, 200000),
    taxRates,
    destination: r.chance(0.1) ? null : { country: "XA", region: r.chance(0.5) ? "R1" : null },
    lines,
    shippingMethods: Object.fromEntries(vendors.map((v) => [v, method(`ship-${v}`)])),
    promotions: Array.from({ length: r.int(0, 4) }, (_, i) => promotion(i)),
  };
}

describe("priceOrder over random carts", () => {
  it.each(Array.from({ length: 400 }, (_, i) => 1000 + i))(
    "keeps every total the sum of its parts (seed %i)",
    (seed) => {
      const input = randomCart(seed);
      const order = priceOrder(input);
      expectConsistent(order);

      const discounts = order.appliedPromotions.filter((p) => p.kind !== "FREE_SHIPPING");
      const scopes = discounts.map((p) => p.vendorId);
      expect(new Set(scopes).size).toBe(scopes.length);
      const exclusive = discounts.filter((p) => input.promotions.find((q) => q.id === p.promotionId)?.exclusive);
      if (exclusive.length > 0) expect(discounts).toHaveLength(1);
      expect(order.appliedPromotions.length + order.rejectedPromotions.length).toBe(input.promotions.length);

      const threshold = input.freeShippingThresholdMinor;
      expect(order.freeShippingApplied).toBe(threshold !== null && order.freeShippingSubtotalMinor >= threshold);
      if (order.freeShippingApplied) expect(order.totals.shippingMinor).toBe(0);
      expect(order.freeShippingSubtotalMinor).toBe(order.totals.subtotalMinor - order.totals.discountMinor);
    },
  );
});
