import {
  formatMoney,
  priceOrder,
  type PricedOrder,
  type PricingProblem,
  type Promotion,
  type ShippingMethod,
} from "../pricing";
import type { OrderableVariant } from "../catalog/catalog.client";
import type { CouponRow, CurrencySettingsRow, ShippingMethodRow, TaxRateRow } from "../settings/settings.repository";
import type { CartLineRow, CartRow } from "./cart.repository";

/** Everything a cart's price depends on, read by `CartService` (database and catalog). */
export interface CartFacts {
  cart: CartRow;
  lines: CartLineRow[];
  variants: Map<string, OrderableVariant>;
  settings: CurrencySettingsRow | null;
  taxRates: TaxRateRow[];
  /** Active shipping methods of the cart's vendors. */
  methods: ShippingMethodRow[];
  /** The buyer's choice per vendor. */
  choices: Map<string, string>;
  /** In the order they were applied. */
  coupons: CouponRow[];
  /** Coupons refused before pricing (window, limits, currency), with why. */
  couponRefusals: Map<string, { reason: string; message: string }>;
}

export interface QuoteProblem {
  code: string;
  message: string;
  lineId: string | null;
  vendorId: string | null;
}

export interface QuotedLine {
  row: CartLineRow;
  variant: OrderableVariant | null;
  problem: QuoteProblem | null;
}

export interface QuotedVendor {
  vendorId: string;
  name: string;
  lineIds: string[];
  methods: ShippingMethodRow[];
  method: ShippingMethodRow | null;
}

export interface QuotedCoupon {
  coupon: CouponRow;
  applied: boolean;
  discountMinor: number;
  reason: string | null;
  message: string | null;
}

/** A cart priced: what the cart shows, and what checkout freezes and an order is made of. */
export interface CartQuote {
  cart: CartRow;
  currency: string | null;
  pricesIncludeTax: boolean;
  lines: QuotedLine[];
  vendors: QuotedVendor[];
  coupons: QuotedCoupon[];
  /** null while no line can be priced. */
  priced: PricedOrder | null;
  problems: QuoteProblem[];
}

function lineProblem(
  line: CartLineRow,
  variant: OrderableVariant | undefined,
  currency: string | null,
): QuoteProblem | null {
  const at = (code: string, message: string): QuoteProblem => ({ code, message, lineId: line.id, vendorId: null });
  if (!variant) return at("UNKNOWN_VARIANT", "This product is no longer sold; remove it from the cart.");
  if (!variant.purchasable)
    return at(
      "UNAVAILABLE",
      `${variant.title} cannot be bought at the moment (${variant.unavailableReason}); remove it from the cart.`,
    );
  if (currency && variant.currency !== currency)
    return at("CURRENCY_MISMATCH", `${variant.title} is priced in ${variant.currency}; this cart is in ${currency}.`);
  if (variant.prescriptionOnly && !line.petId)
    return at("PET_REQUIRED", `${variant.title} is prescription-only: say which pet it is for.`);
  return null;
}

function toShippingMethod(row: ShippingMethodRow): ShippingMethod {
  if (row.kind === "FLAT") return { id: row.id, kind: "FLAT", priceMinor: row.priceMinor ?? 0 };
  if (row.kind === "WEIGHT_BANDS") return { id: row.id, kind: "WEIGHT_BANDS", bands: row.bands ?? [] };
  return { id: row.id, kind: "PICKUP" };
}

function toPromotion(coupon: CouponRow): Promotion {
  const base = {
    id: coupon.id,
    code: coupon.code,
    minimumSubtotalMinor: coupon.minimumSubtotalMinor,
    vendorId: coupon.vendorId,
    exclusive: coupon.exclusive,
  };
  if (coupon.kind === "PERCENTAGE") return { ...base, kind: "PERCENTAGE", valueBasisPoints: coupon.percentBps! };
  if (coupon.kind === "FIXED") return { ...base, kind: "FIXED", valueMinor: coupon.amountMinor! };
  return { ...base, kind: "FREE_SHIPPING" };
}

function pricingProblem(problem: PricingProblem, names: Map<string, string>): QuoteProblem | null {
  switch (problem.code) {
    case "NO_DESTINATION":
      return {
        code: "NO_SHIPPING_ADDRESS",
        message: "Add a shipping address: tax and shipping depend on it.",
        lineId: null,
        vendorId: null,
      };
    case "NO_SHIPPING_METHOD":
      return {
        code: "NO_SHIPPING_METHOD",
        message: `Choose how ${names.get(problem.vendorId) ?? "this vendor"} ships your order.`,
        lineId: null,
        vendorId: problem.vendorId,
      };
    case "NO_SHIPPING_BAND":
      return {
        code: "NO_SHIPPING_BAND",
        message: `${names.get(problem.vendorId) ?? "This vendor"} cannot ship ${problem.weightGrams} g with this method (at most ${problem.heaviestBandGrams} g).`,
        lineId: null,
        vendorId: problem.vendorId,
      };
    case "NO_TAX_RATE":
      return null; // no rate configured for the destination: no tax is due there
  }
}

/** Prices a cart from its facts: the one place cart lines, shipping choices and coupons meet the calculator. */
export function quoteCart(facts: CartFacts): CartQuote {
  const { cart } = facts;
  const currency =
    cart.currency ?? facts.lines.map((l) => facts.variants.get(l.variantId)?.currency).find(Boolean) ?? null;
  const lines = facts.lines.map((row) => {
    const variant = facts.variants.get(row.variantId) ?? null;
    return { row, variant, problem: lineProblem(row, variant ?? undefined, currency) };
  });
  const priceable = lines.filter((l) => l.variant && (!l.problem || l.problem.code === "PET_REQUIRED"));
  const vendorIds = [...new Set(priceable.map((l) => l.variant!.vendorId))];
  const names = new Map(priceable.map((l) => [l.variant!.vendorId, l.variant!.vendorName]));
  const vendors: QuotedVendor[] = vendorIds.map((vendorId) => {
    const methods = facts.methods.filter((m) => m.vendorId === vendorId && m.currency === currency);
    const chosen = methods.find((m) => m.id === facts.choices.get(vendorId));
    return {
      vendorId,
      name: names.get(vendorId)!,
      lineIds: priceable.filter((l) => l.variant!.vendorId === vendorId).map((l) => l.row.id),
      methods,
      method: chosen ?? (methods.length === 1 ? methods[0]! : null),
    };
  });
  const pricesIncludeTax = facts.settings?.pricesIncludeTax ?? false;
  const usable = facts.coupons.filter((c) => !facts.couponRefusals.has(c.id));
  const address = cart.shippingAddress;
  const priced =
    currency && priceable.length > 0
      ? priceOrder({
          currency,
          pricesIncludeTax,
          freeShippingThresholdMinor: facts.settings?.freeShippingThresholdMinor ?? null,
          taxRates: facts.taxRates.map((r) => ({ ...r, rateBasisPoints: r.rateBps })),
          destination: address ? { country: address.country, region: address.region } : null,
          lines: priceable.map(({ row, variant }) => ({
            lineId: row.id,
            vendorId: variant!.vendorId,
            productId: variant!.productId,
            categoryId: variant!.categoryId,
            unitPriceMinor: variant!.priceMinor,
            quantity: row.quantity,
            taxCategory: variant!.taxCategory,
            weightGrams: variant!.weightGrams,
          })),
          shippingMethods: Object.fromEntries(
            vendors.map((v) => [v.vendorId, v.method ? toShippingMethod(v.method) : null]),
          ),
          promotions: usable.map(toPromotion),
        })
      : null;
  const coupons = facts.coupons.map((coupon): QuotedCoupon => {
    const refused = facts.couponRefusals.get(coupon.id);
    if (refused) return { coupon, applied: false, discountMinor: 0, ...refused };
    const applied = priced?.appliedPromotions.find((p) => p.promotionId === coupon.id);
    if (applied)
      return {
        coupon,
        applied: true,
        discountMinor: applied.discountMinor + applied.shippingDiscountMinor,
        reason: null,
        message: null,
      };
    const rejected = priced?.rejectedPromotions.find((p) => p.promotionId === coupon.id);
    return {
      coupon,
      applied: false,
      discountMinor: 0,
      reason: rejected?.reason.code ?? "NO_ELIGIBLE_LINES",
      message: rejected?.message ?? "Nothing in the cart qualifies for this coupon.",
    };
  });
  const problems: QuoteProblem[] = [
    ...(facts.lines.length === 0
      ? [{ code: "EMPTY", message: "The cart is empty.", lineId: null, vendorId: null }]
      : []),
    ...lines.flatMap((l) => (l.problem ? [l.problem] : [])),
    ...(priced?.problems ?? []).flatMap((p) => pricingProblem(p, names) ?? []),
  ];
  if (!address && !problems.some((p) => p.code === "NO_SHIPPING_ADDRESS"))
    problems.push({ code: "NO_SHIPPING_ADDRESS", message: "Add a shipping address.", lineId: null, vendorId: null });
  return { cart, currency, pricesIncludeTax, lines, vendors, coupons, priced, problems: dedupe(problems) };
}

function dedupe(problems: QuoteProblem[]): QuoteProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}:${p.lineId}:${p.vendorId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A coupon's message when it is refused before pricing. */
export function couponRefusal(
  coupon: CouponRow,
  now: Date,
  currency: string | null,
  usedByBuyer: number,
): { reason: string; message: string } | null {
  if (!coupon.active) return { reason: "INACTIVE", message: `${coupon.code} is no longer valid.` };
  if (coupon.startsAt && coupon.startsAt > now)
    return { reason: "NOT_STARTED", message: `${coupon.code} is not valid yet.` };
  if (coupon.endsAt && coupon.endsAt <= now) return { reason: "EXPIRED", message: `${coupon.code} has expired.` };
  if (coupon.usageLimit !== null && coupon.timesUsed >= coupon.usageLimit)
    return { reason: "USAGE_LIMIT_REACHED", message: `${coupon.code} has been used up.` };
  if (coupon.perCustomerLimit !== null && usedByBuyer >= coupon.perCustomerLimit)
    return { reason: "USAGE_LIMIT_REACHED", message: `You have already used ${coupon.code} as often as it allows.` };
  if (coupon.kind === "FIXED" && currency && coupon.currency !== currency)
    return {
      reason: "CURRENCY_MISMATCH",
      message: `${coupon.code} takes ${formatMoney(coupon.amountMinor!, coupon.currency!)} off carts in ${coupon.currency}.`,
    };
  return null;
}
