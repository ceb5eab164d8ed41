/**
 * Tax rate lookup and the two tax formulas. Tax is computed on a line's whole amount, never per
 * unit, so a quantity of 3 is rounded once.
 */
import { BASIS_POINTS, assertMinor, divideRoundHalfUp, percentOf, toSafe } from "./money";
import type { Destination, TaxRate } from "./pricing.types";

/** The tax category shipping is taxed under, when such a rate exists. */
export const SHIPPING_TAX_CATEGORY = "SHIPPING";

/**
 * The most specific rate for a destination and category: country + region + category, else the
 * country-wide rate (region null) for the category; null when there is none.
 */
export function findTaxRate(rates: readonly TaxRate[], destination: Destination, taxCategory: string): TaxRate | null {
  const ofCategory = rates.filter((r) => r.country === destination.country && r.taxCategory === taxCategory);
  const regional =
    destination.region === null
      ? undefined
      : ofCategory.find((r) => r.region !== null && r.region === destination.region);
  return regional ?? ofCategory.find((r) => r.region === null) ?? null;
}

/** Tax on a net amount: round(net × rate). */
export function taxOnNet(netMinor: number, rateBasisPoints: number): number {
  return percentOf(netMinor, rateBasisPoints);
}

/**
 * Tax contained in a gross amount: gross − round(gross / (1 + rate)), so net + tax = gross exactly.
 */
export function taxInGross(grossMinor: number, rateBasisPoints: number): number {
  assertMinor(grossMinor, "gross amount");
  assertMinor(rateBasisPoints, "rate", { nonNegative: true });
  const net = divideRoundHalfUp(BigInt(grossMinor) * BigInt(BASIS_POINTS), BigInt(BASIS_POINTS + rateBasisPoints));
  return grossMinor - toSafe(net, "net amount");
}

/** Tax of an amount priced under the currency's convention. */
export function taxOf(amountMinor: number, rateBasisPoints: number, pricesIncludeTax: boolean): number {
  return pricesIncludeTax ? taxInGross(amountMinor, rateBasisPoints) : taxOnNet(amountMinor, rateBasisPoints);
}
