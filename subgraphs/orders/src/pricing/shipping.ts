/** The price of one vendor's shipment under its chosen method, before any free shipping. */
import { assertMinor } from "./money";
import type { OrderLineInput, PricingProblem, ShippingMethod } from "./pricing.types";

export interface ShippingQuote {
  shippingMethodId: string | null;
  priceMinor: number;
  weightGrams: number;
  /** NO_SHIPPING_METHOD or NO_SHIPPING_BAND; the price is then 0 and checkout must wait. */
  problem: PricingProblem | null;
}

/** Σ weight × quantity of the lines; a line without a weight counts 0. */
export function shipmentWeight(lines: readonly Pick<OrderLineInput, "weightGrams" | "quantity">[]): number {
  const total = lines.reduce((sum, l) => sum + (l.weightGrams ?? 0) * l.quantity, 0);
  return assertMinor(total, "shipment weight");
}

/**
 * FLAT: its price; PICKUP: 0; WEIGHT_BANDS: the band with the smallest `upToGrams` that is ≥ the
 * weight (the first band once sorted, so the admin's listing order does not matter), and
 * NO_SHIPPING_BAND when the shipment is heavier than every band.
 */
export function quoteShipping(
  vendorId: string,
  method: ShippingMethod | null | undefined,
  lines: readonly Pick<OrderLineInput, "weightGrams" | "quantity">[],
): ShippingQuote {
  const weightGrams = shipmentWeight(lines);
  if (!method)
    return { shippingMethodId: null, priceMinor: 0, weightGrams, problem: { code: "NO_SHIPPING_METHOD", vendorId } };
  switch (method.kind) {
    case "PICKUP":
      return { shippingMethodId: method.id, priceMinor: 0, weightGrams, problem: null };
    case "FLAT":
      assertMinor(method.priceMinor, `price of shipping method ${method.id}`, { nonNegative: true });
      return { shippingMethodId: method.id, priceMinor: method.priceMinor, weightGrams, problem: null };
    case "WEIGHT_BANDS": {
      for (const b of method.bands) {
        assertMinor(b.upToGrams, `band of shipping method ${method.id}`, { nonNegative: true });
        assertMinor(b.priceMinor, `band price of shipping method ${method.id}`, { nonNegative: true });
      }
      const bands = [...method.bands].sort((a, b) => a.upToGrams - b.upToGrams);
      const band = bands.find((b) => b.upToGrams >= weightGrams);
      if (!band) {
        const heaviestBandGrams = bands.at(-1)?.upToGrams ?? 0;
        return {
          shippingMethodId: method.id,
          priceMinor: 0,
          weightGrams,
          problem: { code: "NO_SHIPPING_BAND", vendorId, weightGrams, heaviestBandGrams },
        };
      }
      return { shippingMethodId: method.id, priceMinor: band.priceMinor, weightGrams, problem: null };
    }
  }
}
