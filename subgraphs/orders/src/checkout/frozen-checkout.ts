import type { OrderTotals } from "../pricing";
import type { AddressRow } from "../cart/cart.repository";
import type { CartQuote } from "../cart/cart-quote";
import type { FrozenShippingMethod } from "../order/order.rows";

/** A cart line as checkout froze it: price, tax, discount and what commission needs. */
export interface FrozenLine {
  lineId: string;
  variantId: string;
  productId: string;
  categoryId: string;
  vendorId: string;
  sku: string;
  title: string;
  petId: string | null;
  prescriptionId: string | null;
  quantity: number;
  unitPriceMinor: number;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  taxRateBps: number;
  netMinor: number;
  totalMinor: number;
}

export interface FrozenVendor {
  vendorId: string;
  subtotalMinor: number;
  discountMinor: number;
  shippingMinor: number;
  taxMinor: number;
  totalMinor: number;
  shippingMethod: FrozenShippingMethod | null;
}

/** What `startCheckout` stores on the cart: prices frozen until the reservation lapses. */
export interface FrozenCheckout {
  cartVersion: number;
  currency: string;
  pricesIncludeTax: boolean;
  shippingAddress: AddressRow;
  couponIds: string[];
  couponCodes: string[];
  totals: OrderTotals;
  vendors: FrozenVendor[];
  lines: FrozenLine[];
}

/** Freezes a ready quote (no problems) with the prescriptions checkout found for its lines. */
export function freeze(quote: CartQuote, prescriptions: Map<string, string>): FrozenCheckout {
  const priced = quote.priced!;
  const pricedLines = new Map(priced.lines.map((l) => [l.lineId, l]));
  const methods = new Map(quote.vendors.map((v) => [v.vendorId, v.method]));
  return {
    cartVersion: quote.cart.version,
    currency: quote.currency!,
    pricesIncludeTax: quote.pricesIncludeTax,
    shippingAddress: quote.cart.shippingAddress!,
    couponIds: quote.coupons.filter((c) => c.applied).map((c) => c.coupon.id),
    couponCodes: quote.coupons.filter((c) => c.applied).map((c) => c.coupon.code),
    totals: priced.totals,
    vendors: priced.vendors.map((v) => {
      const method = methods.get(v.vendorId) ?? null;
      return {
        vendorId: v.vendorId,
        subtotalMinor: v.subtotalMinor,
        discountMinor: v.discountMinor,
        shippingMinor: v.shippingMinor,
        taxMinor: v.taxMinor,
        totalMinor: v.totalMinor,
        shippingMethod: method
          ? { id: method.id, name: method.name, kind: method.kind, clinicId: method.clinicId }
          : null,
      };
    }),
    lines: quote.lines.map(({ row, variant }) => {
      const line = pricedLines.get(row.id)!;
      return {
        lineId: row.id,
        variantId: row.variantId,
        productId: variant!.productId,
        categoryId: variant!.categoryId,
        vendorId: variant!.vendorId,
        sku: variant!.sku,
        title: variant!.title,
        petId: row.petId,
        prescriptionId: prescriptions.get(row.id) ?? null,
        quantity: row.quantity,
        unitPriceMinor: variant!.priceMinor,
        subtotalMinor: line.subtotalMinor,
        discountMinor: line.discountMinor,
        taxMinor: line.taxMinor,
        taxRateBps: line.taxRateBasisPoints,
        netMinor: line.netMinor,
        totalMinor: line.totalMinor,
      };
    }),
  };
}
