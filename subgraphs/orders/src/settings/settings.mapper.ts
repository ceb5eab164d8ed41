import type { CommissionRuleRow, CouponRow, CurrencySettingsRow, TaxRateRow } from "./settings.repository";
import {
  CommissionKind,
  CommissionScope,
  CouponKind,
  type CommissionRule,
  type Coupon,
  type CurrencySettings,
  type TaxRate,
} from "./settings.types";

export function toTaxRate(row: TaxRateRow): TaxRate {
  return { id: row.id, country: row.country, region: row.region, taxCategory: row.taxCategory, rateBps: row.rateBps };
}

export function toCurrencySettings(row: CurrencySettingsRow): CurrencySettings {
  return {
    currency: row.currency,
    pricesIncludeTax: row.pricesIncludeTax,
    freeShippingThreshold:
      row.freeShippingThresholdMinor === null
        ? null
        : { amountMinor: row.freeShippingThresholdMinor, currency: row.currency },
  };
}

export function toCommissionRule(row: CommissionRuleRow): CommissionRule {
  const money = (minor: number | null) =>
    minor === null || row.currency === null ? null : { amountMinor: minor, currency: row.currency };
  return {
    id: row.id,
    scope: row.scope as CommissionScope,
    targetId: row.targetId,
    kind: row.kind as CommissionKind,
    rateBps: row.rateBps,
    fixed: money(row.fixedMinor),
    minimum: money(row.minimumMinor),
  };
}

export function toCoupon(row: CouponRow): Coupon {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind as CouponKind,
    percentBps: row.percentBps,
    amount:
      row.amountMinor === null || row.currency === null
        ? null
        : { amountMinor: row.amountMinor, currency: row.currency },
    minimumSubtotalMinor: row.minimumSubtotalMinor,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    usageLimit: row.usageLimit,
    perCustomerLimit: row.perCustomerLimit,
    timesUsed: row.timesUsed,
    vendor: row.vendorId ? { id: row.vendorId } : null,
    exclusive: row.exclusive,
    active: row.active,
  };
}
