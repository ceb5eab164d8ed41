/**
 * The input and output of `priceOrder`. Every amount is an integer in minor units of the order's
 * currency; every basis-point value is an integer (1000 bp = 10 %).
 */

/** A tax rate as admins configure it; `region: null` is the country-wide rate. */
export interface TaxRate {
  country: string;
  region: string | null;
  taxCategory: string;
  rateBasisPoints: number;
}

/** Where the order ships; tax depends on it. */
export interface Destination {
  country: string;
  region: string | null;
}

export interface OrderLineInput {
  lineId: string;
  vendorId: string;
  productId: string;
  categoryId: string | null;
  /** Net when the currency's prices exclude tax, gross (tax included) when they include it. */
  unitPriceMinor: number;
  quantity: number;
  taxCategory: string;
  /** Per unit; null counts as 0 for weight bands. */
  weightGrams: number | null;
}

export interface WeightBand {
  upToGrams: number;
  priceMinor: number;
}

/** A vendor's shipping method; prices follow the same tax convention as the line prices. */
export type ShippingMethod =
  | { id: string; kind: "FLAT"; priceMinor: number }
  | { id: string; kind: "WEIGHT_BANDS"; bands: readonly WeightBand[] }
  | { id: string; kind: "PICKUP" };

interface PromotionBase {
  id: string;
  code: string;
  /** On the eligible subtotal before discounts, measured like the free-shipping subtotal. */
  minimumSubtotalMinor: number | null;
  /** null = platform-wide. */
  vendorId: string | null;
  exclusive: boolean;
}

/** A promotion the caller has already checked for its date window and usage limits. */
export type Promotion =
  | (PromotionBase & { kind: "PERCENTAGE"; valueBasisPoints: number })
  | (PromotionBase & { kind: "FIXED"; valueMinor: number })
  | (PromotionBase & { kind: "FREE_SHIPPING" });

export interface PricingInput {
  currency: string;
  /** Set per currency by admins: do the unit and shipping prices already contain tax? */
  pricesIncludeTax: boolean;
  /** Shipping is free when the order's subtotal reaches this; null = no threshold. */
  freeShippingThresholdMinor: number | null;
  taxRates: readonly TaxRate[];
  /** null while the buyer has not given an address: tax is then unknown (0, flagged). */
  destination: Destination | null;
  lines: readonly OrderLineInput[];
  /** The method each vendor's shipment uses; a vendor missing here (or null) has none chosen yet. */
  shippingMethods: Readonly<Record<string, ShippingMethod | null>>;
  /** In the order the buyer applied them: earlier wins where the stacking rule must choose. */
  promotions: readonly Promotion[];
}

export interface PricedLine {
  lineId: string;
  vendorId: string;
  /** unitPrice × quantity, as priced (net or gross). */
  subtotalMinor: number;
  discountMinor: number;
  /** Tax on the discounted amount (contained in it when prices include tax). */
  taxMinor: number;
  /** After discount, without tax: the base for commission. */
  netMinor: number;
  /** What the buyer pays for the line: subtotal − discount (+ tax when prices exclude tax). */
  totalMinor: number;
  taxRateBasisPoints: number;
}

export interface PricedVendor {
  vendorId: string;
  subtotalMinor: number;
  discountMinor: number;
  /** After free shipping (threshold or promotion). */
  shippingMinor: number;
  shippingTaxMinor: number;
  /** All tax of this vendor's shipment: its lines' tax plus shippingTaxMinor. */
  taxMinor: number;
  totalMinor: number;
  shippingMethodId: string | null;
  problems: PricingProblem[];
}

export interface OrderTotals {
  subtotalMinor: number;
  discountMinor: number;
  shippingMinor: number;
  /** Lines' tax plus shipping tax. */
  taxMinor: number;
  /** subtotal − discount + shipping, + tax when prices exclude tax. */
  totalMinor: number;
}

export interface AppliedPromotion {
  promotionId: string;
  code: string;
  kind: Promotion["kind"];
  vendorId: string | null;
  /** Taken off the lines (PERCENTAGE, FIXED). */
  discountMinor: number;
  /** Shipping this promotion zeroed (FREE_SHIPPING); 0 when shipping was already free. */
  shippingDiscountMinor: number;
  lines: { lineId: string; discountMinor: number }[];
}

export type RejectionReason =
  | { code: "MINIMUM_NOT_MET"; minimumMinor: number; eligibleSubtotalMinor: number; missingMinor: number }
  | { code: "NOT_COMBINABLE"; conflictsWithPromotionId: string }
  /** Another promotion already discounts the same scope (the platform, or this vendor). */
  | { code: "SCOPE_ALREADY_DISCOUNTED"; conflictsWithPromotionId: string }
  | { code: "NO_ELIGIBLE_LINES" };

export interface RejectedPromotion {
  promotionId: string;
  code: string;
  reason: RejectionReason;
  /** For messages to the buyer, e.g. "Add $0.01 more to use this code". */
  message: string;
}

export type PricingProblem =
  | { code: "NO_DESTINATION" }
  | { code: "NO_TAX_RATE"; taxCategory: string; country: string; region: string | null }
  | { code: "NO_SHIPPING_METHOD"; vendorId: string }
  | { code: "NO_SHIPPING_BAND"; vendorId: string; weightGrams: number; heaviestBandGrams: number };

export interface PricedOrder {
  currency: string;
  pricesIncludeTax: boolean;
  /** false while the destination is unknown: tax is 0 then (and contained, unknown, in gross prices). */
  taxKnown: boolean;
  /** true when no problem stops checkout (every vendor has a priced shipping method, tax is known). */
  ready: boolean;
  lines: PricedLine[];
  vendors: PricedVendor[];
  totals: OrderTotals;
  appliedPromotions: AppliedPromotion[];
  rejectedPromotions: RejectedPromotion[];
  /** The subtotal compared with the threshold: after discounts, before shipping, net or gross as priced. */
  freeShippingSubtotalMinor: number;
  freeShippingThresholdMinor: number | null;
  freeShippingApplied: boolean;
  /** 0 when reached, null without a threshold. */
  amountToFreeShippingMinor: number | null;
  stackingRule: string;
  /** Order-level problems, each vendor's included. */
  problems: PricingProblem[];
}
