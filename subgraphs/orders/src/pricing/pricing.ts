/**
 * The one pricing calculator: every total an order shows, pays or refunds comes from `priceOrder`.
 * Pure (no clock, no database, no currency conversion): the caller loads the rows and checks
 * promotions' dates and usage limits; this applies the rules, in this order:
 *
 *  1. line prices      subtotal = unit price × quantity (net or gross, as the currency is priced)
 *  2. line tax         on each line's whole amount at the most specific rate for the destination
 *  3. promotions       filtered by minimum, chosen by the stacking rule (promotions.ts), discounts
 *                      allocated over eligible lines by amount (largest remainder: sums exact)
 *  4. re-tax           each discounted line on its discounted amount; when prices include tax the
 *                      discount reduces the gross and the tax is recomputed from the new gross
 *  5. shipping         per vendor from its chosen method; all of it 0 when the order's subtotal
 *                      after discounts, before shipping, reaches the free-shipping threshold. That
 *                      subtotal is what the buyer sees on the price tags: NET amounts when prices
 *                      exclude tax, GROSS (tax-included) amounts when prices include tax
 *  6. shipping promos  FREE_SHIPPING zeroes the shipping of its vendor, or all of it
 *  7. totals           shipping taxed under SHIPPING when such a rate exists (shipping prices follow
 *                      the currency's tax convention too); every total is the sum of its parts
 *
 * Inputs that break the types' contract (a fractional or unsafe amount, a quantity below 1, a
 * duplicate id) are bugs in the caller and throw RangeError; outcomes the buyer must act on
 * (no address, no shipping method, too heavy, a promotion that does not apply) are in the result.
 */
import { assertCurrency, assertMinor } from "./money";
import type {
  AppliedPromotion,
  OrderLineInput,
  OrderTotals,
  PricedLine,
  PricedOrder,
  PricedVendor,
  PricingInput,
  PricingProblem,
} from "./pricing.types";
import { STACKING_RULE, applyPromotions } from "./promotions";
import { quoteShipping } from "./shipping";
import { SHIPPING_TAX_CATEGORY, findTaxRate, taxOf } from "./tax";

/** Problems that leave the order priced but not payable. A missing rate is taxed at 0, and stays payable. */
const BLOCKING: ReadonlySet<PricingProblem["code"]> = new Set([
  "NO_DESTINATION",
  "NO_SHIPPING_METHOD",
  "NO_SHIPPING_BAND",
]);

export function priceOrder(input: PricingInput): PricedOrder {
  validate(input);
  const { currency, pricesIncludeTax, destination } = input;
  const orderProblems: PricingProblem[] = [];
  const vendorProblems = new Map<string, PricingProblem[]>();
  const addProblem = (problem: PricingProblem, vendorId?: string) => {
    if (!orderProblems.some((p) => sameProblem(p, problem))) orderProblems.push(problem);
    if (vendorId === undefined) return;
    const own = vendorProblems.get(vendorId) ?? [];
    if (!own.some((p) => sameProblem(p, problem))) own.push(problem);
    vendorProblems.set(vendorId, own);
  };
  if (destination === null) addProblem({ code: "NO_DESTINATION" });

  const rateFor = (taxCategory: string, vendorId?: string): number => {
    if (destination === null) return 0;
    const rate = findTaxRate(input.taxRates, destination, taxCategory);
    if (rate) return rate.rateBasisPoints;
    if (taxCategory !== SHIPPING_TAX_CATEGORY) {
      addProblem(
        { code: "NO_TAX_RATE", taxCategory, country: destination.country, region: destination.region },
        vendorId,
      );
    }
    return 0;
  };

  // 1–2. Line prices and their tax before promotions.
  const lines = input.lines.map((l) => {
    const subtotalMinor = assertMinor(l.unitPriceMinor * l.quantity, `subtotal of line ${l.lineId}`);
    const rate = rateFor(l.taxCategory, l.vendorId);
    return { input: l, subtotalMinor, rate, taxMinor: taxOf(subtotalMinor, rate, pricesIncludeTax) };
  });

  // 3. Promotions.
  const promotions = applyPromotions(
    lines.map((l) => ({ lineId: l.input.lineId, vendorId: l.input.vendorId, subtotalMinor: l.subtotalMinor })),
    input.promotions,
    currency,
  );

  // 4. Re-tax what promotions changed.
  const pricedLines: PricedLine[] = lines.map((l) => {
    const discountMinor = promotions.lineDiscounts.get(l.input.lineId) ?? 0;
    const discounted = l.subtotalMinor - discountMinor;
    const taxMinor = discountMinor === 0 ? l.taxMinor : taxOf(discounted, l.rate, pricesIncludeTax);
    return {
      lineId: l.input.lineId,
      vendorId: l.input.vendorId,
      subtotalMinor: l.subtotalMinor,
      discountMinor,
      taxMinor,
      netMinor: pricesIncludeTax ? discounted - taxMinor : discounted,
      totalMinor: pricesIncludeTax ? discounted : discounted + taxMinor,
      taxRateBasisPoints: l.rate,
    };
  });

  // 5. Shipping, then the threshold over the whole order.
  const vendorIds = [...new Set(input.lines.map((l) => l.vendorId))];
  const quotes = new Map(
    vendorIds.map((vendorId) => {
      const quote = quoteShipping(
        vendorId,
        // Own keys only: a vendor id such as "constructor" must not find Object.prototype's.
        Object.hasOwn(input.shippingMethods, vendorId) ? input.shippingMethods[vendorId] : null,
        input.lines.filter((l) => l.vendorId === vendorId),
      );
      if (quote.problem) addProblem(quote.problem, vendorId);
      return [vendorId, quote];
    }),
  );
  const shipping = new Map(vendorIds.map((v) => [v, quotes.get(v)?.priceMinor ?? 0]));
  const freeShippingSubtotalMinor = pricedLines.reduce((s, l) => s + l.subtotalMinor - l.discountMinor, 0);
  const threshold = input.freeShippingThresholdMinor;
  const freeShippingApplied = threshold !== null && freeShippingSubtotalMinor >= threshold;
  if (freeShippingApplied) for (const v of vendorIds) shipping.set(v, 0);

  // 6. FREE_SHIPPING promotions take what shipping is left in their scope.
  const appliedPromotions: AppliedPromotion[] = promotions.applied.map((p) => {
    if (p.kind !== "FREE_SHIPPING") return p;
    let shippingDiscountMinor = 0;
    for (const v of vendorIds) {
      if (p.vendorId !== null && p.vendorId !== v) continue;
      shippingDiscountMinor += shipping.get(v) ?? 0;
      shipping.set(v, 0);
    }
    return { ...p, shippingDiscountMinor };
  });

  // 7. Shipping tax and totals, vendor by vendor.
  const shippingRate = rateFor(SHIPPING_TAX_CATEGORY);
  const vendors: PricedVendor[] = vendorIds.map((vendorId) => {
    const own = pricedLines.filter((l) => l.vendorId === vendorId);
    const shippingMinor = shipping.get(vendorId) ?? 0;
    const shippingTaxMinor = taxOf(shippingMinor, shippingRate, pricesIncludeTax);
    const linesTotal = sum(own, (l) => l.totalMinor);
    return {
      vendorId,
      subtotalMinor: sum(own, (l) => l.subtotalMinor),
      discountMinor: sum(own, (l) => l.discountMinor),
      shippingMinor,
      shippingTaxMinor,
      taxMinor: sum(own, (l) => l.taxMinor) + shippingTaxMinor,
      totalMinor: linesTotal + shippingMinor + (pricesIncludeTax ? 0 : shippingTaxMinor),
      shippingMethodId: quotes.get(vendorId)?.shippingMethodId ?? null,
      problems: vendorProblems.get(vendorId) ?? [],
    };
  });
  const totals: OrderTotals = {
    subtotalMinor: sum(vendors, (v) => v.subtotalMinor),
    discountMinor: sum(vendors, (v) => v.discountMinor),
    shippingMinor: sum(vendors, (v) => v.shippingMinor),
    taxMinor: sum(vendors, (v) => v.taxMinor),
    totalMinor: sum(vendors, (v) => v.totalMinor),
  };
  assertMinor(totals.totalMinor, "order total", { nonNegative: true });

  return {
    currency,
    pricesIncludeTax,
    taxKnown: destination !== null,
    ready: orderProblems.every((p) => !BLOCKING.has(p.code)),
    lines: pricedLines,
    vendors,
    totals,
    appliedPromotions,
    rejectedPromotions: promotions.rejected,
    freeShippingSubtotalMinor,
    freeShippingThresholdMinor: threshold,
    freeShippingApplied,
    amountToFreeShippingMinor: threshold === null ? null : Math.max(0, threshold - freeShippingSubtotalMinor),
    stackingRule: STACKING_RULE,
    problems: orderProblems,
  };
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return assertMinor(
    items.reduce((s, item) => s + of(item), 0),
    "sum",
  );
}

function sameProblem(a: PricingProblem, b: PricingProblem): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function validate(input: PricingInput): void {
  assertCurrency(input.currency);
  if (input.freeShippingThresholdMinor !== null) {
    assertMinor(input.freeShippingThresholdMinor, "free-shipping threshold", { nonNegative: true });
  }
  for (const r of input.taxRates)
    assertMinor(r.rateBasisPoints, `tax rate ${r.country}/${r.taxCategory}`, { nonNegative: true });
  const ids = new Set<string>();
  input.lines.forEach((l: OrderLineInput) => {
    if (ids.has(l.lineId)) throw new RangeError(`line ${l.lineId} is listed twice`);
    ids.add(l.lineId);
    assertMinor(l.unitPriceMinor, `unit price of line ${l.lineId}`, { nonNegative: true });
    assertMinor(l.quantity, `quantity of line ${l.lineId}`);
    if (l.quantity < 1) throw new RangeError(`quantity of line ${l.lineId} must be at least 1`);
    if (l.weightGrams !== null) assertMinor(l.weightGrams, `weight of line ${l.lineId}`, { nonNegative: true });
  });
}
