import type { Money } from "@pawgraph/subgraph-kit";
import { toShippingMethod } from "../settings/shipping-method.mapper";
import type { CartQuote, QuoteProblem } from "./cart-quote";
import type { Cart, CartLine, CartProblem } from "./cart.types";

function problem(p: QuoteProblem): CartProblem {
  return { code: p.code, message: p.message, lineId: p.lineId, vendorId: p.vendorId };
}

/** The GraphQL view of a priced cart. */
export function toCart(quote: CartQuote): Cart {
  const { priced, currency } = quote;
  const money = (amountMinor: number): Money => ({ amountMinor, currency: currency! });
  const pricedLine = new Map(priced?.lines.map((l) => [l.lineId, l]));
  const pricedVendor = new Map(priced?.vendors.map((v) => [v.vendorId, v]));
  const lines: CartLine[] = quote.lines.map(({ row, variant, problem: p }) => {
    const line = pricedLine.get(row.id);
    return {
      id: row.id,
      variant: { id: row.variantId },
      product: variant ? { id: variant.productId } : null,
      vendor: variant ? { id: variant.vendorId } : null,
      pet: row.petId ? { id: row.petId } : null,
      title: variant?.title ?? null,
      quantity: row.quantity,
      unitPrice: variant ? { amountMinor: variant.priceMinor, currency: variant.currency } : null,
      subtotal: line ? money(line.subtotalMinor) : null,
      discount: line ? money(line.discountMinor) : null,
      tax: line ? money(line.taxMinor) : null,
      total: line ? money(line.totalMinor) : null,
      available: !p || p.code === "PET_REQUIRED",
      problem: p ? problem(p) : null,
      prescriptionOnly: variant?.prescriptionOnly ?? false,
    };
  });
  const totals = priced?.totals;
  const threshold = priced?.freeShippingThresholdMinor ?? null;
  return {
    id: quote.cart.id,
    lines,
    itemCount: quote.lines.reduce((n, l) => n + l.row.quantity, 0),
    currency,
    pricesIncludeTax: quote.pricesIncludeTax,
    subtotal: totals ? money(totals.subtotalMinor) : null,
    discount: totals ? money(totals.discountMinor + shippingDiscount(quote)) : null,
    shipping: totals ? money(totals.shippingMinor) : null,
    tax: totals ? money(totals.taxMinor) : null,
    total: totals ? money(totals.totalMinor) : null,
    freeShipping:
      priced && threshold !== null
        ? {
            threshold: money(threshold),
            remaining: money(priced.amountToFreeShippingMinor ?? 0),
            reached: priced.amountToFreeShippingMinor === 0,
          }
        : null,
    coupons: quote.coupons.map((c) => ({
      code: c.coupon.code,
      applied: c.applied,
      discount: money(c.discountMinor),
      reason: c.reason,
      message: c.message,
    })),
    shippingAddress: quote.cart.shippingAddress,
    vendors: quote.vendors.map((v) => {
      const pv = pricedVendor.get(v.vendorId);
      return {
        vendor: { id: v.vendorId },
        name: v.name,
        lineIds: v.lineIds,
        shippingMethods: v.methods.map(toShippingMethod),
        shippingMethod: v.method ? toShippingMethod(v.method) : null,
        subtotal: money(pv?.subtotalMinor ?? 0),
        discount: money(pv?.discountMinor ?? 0),
        shipping: money(pv?.shippingMinor ?? 0),
        tax: money(pv?.taxMinor ?? 0),
        total: money(pv?.totalMinor ?? 0),
      };
    }),
    problems: quote.problems.map(problem),
    checkoutExpiresAt: quote.cart.checkout ? quote.cart.checkoutExpiresAt : null,
  };
}

function shippingDiscount(quote: CartQuote): number {
  return quote.priced?.appliedPromotions.reduce((sum, p) => sum + p.shippingDiscountMinor, 0) ?? 0;
}
