/** Builders and the invariant check shared by the pricing tests. */
import type { OrderLineInput, PricedOrder, PricingInput, Promotion } from "./pricing.types";

export const US_TAX = { country: "US", region: null, taxCategory: "STANDARD", rateBasisPoints: 1000 };

export function buildLine(overrides: Partial<OrderLineInput> = {}): OrderLineInput {
  return {
    lineId: "line-1",
    vendorId: "vendor-a",
    productId: "product-1",
    categoryId: null,
    unitPriceMinor: 1000,
    quantity: 1,
    taxCategory: "STANDARD",
    weightGrams: null,
    ...overrides,
  };
}

export function buildInput(overrides: Partial<PricingInput> = {}): PricingInput {
  return {
    currency: "USD",
    pricesIncludeTax: false,
    freeShippingThresholdMinor: 20000,
    taxRates: [US_TAX],
    destination: { country: "US", region: null },
    lines: [buildLine()],
    shippingMethods: { "vendor-a": { id: "flat-a", kind: "FLAT", priceMinor: 500 } },
    promotions: [],
    ...overrides,
  };
}

type Common = Omit<Promotion, "kind" | "valueBasisPoints" | "valueMinor">;
const common = (id: string, overrides: Partial<Common>): Common => ({
  id,
  code: id.toUpperCase(),
  minimumSubtotalMinor: null,
  vendorId: null,
  exclusive: false,
  ...overrides,
});

export const percentOff = (id: string, valueBasisPoints: number, overrides: Partial<Common> = {}): Promotion => ({
  ...common(id, overrides),
  kind: "PERCENTAGE",
  valueBasisPoints,
});

export const amountOff = (id: string, valueMinor: number, overrides: Partial<Common> = {}): Promotion => ({
  ...common(id, overrides),
  kind: "FIXED",
  valueMinor,
});

export const freeShipping = (id: string, overrides: Partial<Common> = {}): Promotion => ({
  ...common(id, overrides),
  kind: "FREE_SHIPPING",
});

const total = (values: number[]) => values.reduce((s, v) => s + v, 0);

/** Every amount an integer ≥ 0, and every total the sum of its parts. */
export function expectConsistent(order: PricedOrder): void {
  const taxAdded = order.pricesIncludeTax ? 0 : 1;
  const amounts = [
    ...order.lines.flatMap((l) => [l.subtotalMinor, l.discountMinor, l.taxMinor, l.netMinor, l.totalMinor]),
    ...order.vendors.flatMap((v) => [
      v.subtotalMinor,
      v.discountMinor,
      v.shippingMinor,
      v.shippingTaxMinor,
      v.taxMinor,
      v.totalMinor,
    ]),
    ...Object.values(order.totals),
  ];
  for (const a of amounts) {
    expect(Number.isSafeInteger(a)).toBe(true);
    expect(a).toBeGreaterThanOrEqual(0);
  }
  for (const l of order.lines) {
    expect(l.discountMinor).toBeLessThanOrEqual(l.subtotalMinor);
    expect(l.totalMinor).toBe(l.subtotalMinor - l.discountMinor + taxAdded * l.taxMinor);
    expect(l.netMinor + (order.pricesIncludeTax ? l.taxMinor : 0)).toBe(l.subtotalMinor - l.discountMinor);
  }
  for (const v of order.vendors) {
    const own = order.lines.filter((l) => l.vendorId === v.vendorId);
    expect(v.subtotalMinor).toBe(total(own.map((l) => l.subtotalMinor)));
    expect(v.discountMinor).toBe(total(own.map((l) => l.discountMinor)));
    expect(v.taxMinor).toBe(total(own.map((l) => l.taxMinor)) + v.shippingTaxMinor);
    expect(v.totalMinor).toBe(v.subtotalMinor - v.discountMinor + v.shippingMinor + taxAdded * v.taxMinor);
    expect(v.totalMinor).toBe(total(own.map((l) => l.totalMinor)) + v.shippingMinor + taxAdded * v.shippingTaxMinor);
  }
  const t = order.totals;
  expect(t.subtotalMinor).toBe(total(order.vendors.map((v) => v.subtotalMinor)));
  expect(t.discountMinor).toBe(total(order.vendors.map((v) => v.discountMinor)));
  expect(t.shippingMinor).toBe(total(order.vendors.map((v) => v.shippingMinor)));
  expect(t.taxMinor).toBe(total(order.vendors.map((v) => v.taxMinor)));
  expect(t.totalMinor).toBe(total(order.vendors.map((v) => v.totalMinor)));
  expect(t.totalMinor).toBe(t.subtotalMinor - t.discountMinor + t.shippingMinor + taxAdded * t.taxMinor);
  expect(t.discountMinor).toBe(total(order.appliedPromotions.map((p) => p.discountMinor)));
  for (const p of order.appliedPromotions) {
    expect(p.discountMinor).toBe(total(p.lines.map((l) => l.discountMinor)));
  }
}
