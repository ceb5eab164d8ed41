/** The orders subgraph's pricing: one calculator for order totals, one for commission. */
export { BASIS_POINTS, allocate, currencyExponent, formatMoney, percentOf } from "./money";
export { priceOrder } from "./pricing";
export type * from "./pricing.types";
export { STACKING_RULE } from "./promotions";
export { SHIPPING_TAX_CATEGORY, findTaxRate, taxInGross, taxOnNet } from "./tax";
export { PLATFORM_DEFAULT_COMMISSION, commissionFor } from "./commission";
export type { CommissionDefault, CommissionLine, CommissionResult, CommissionRule } from "./commission";
