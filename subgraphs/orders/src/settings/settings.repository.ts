import type { DataSource, EntityManager } from "typeorm";

export interface CurrencySettingsRow {
  currency: string;
  pricesIncludeTax: boolean;
  freeShippingThresholdMinor: number | null;
}

export interface TaxRateRow {
  id: string;
  country: string;
  region: string | null;
  taxCategory: string;
  rateBps: number;
}

export type ShippingKind = "FLAT" | "WEIGHT_BANDS" | "PICKUP";

export interface WeightBand {
  upToGrams: number;
  priceMinor: number;
}

export interface ShippingMethodRow {
  id: string;
  vendorId: string;
  name: string;
  kind: ShippingKind;
  currency: string;
  priceMinor: number | null;
  bands: WeightBand[] | null;
  clinicId: string | null;
  active: boolean;
}

export type CouponKind = "PERCENTAGE" | "FIXED" | "FREE_SHIPPING";

export interface CouponRow {
  id: string;
  code: string;
  kind: CouponKind;
  percentBps: number | null;
  amountMinor: number | null;
  currency: string | null;
  minimumSubtotalMinor: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  timesUsed: number;
  vendorId: string | null;
  exclusive: boolean;
  active: boolean;
}

export interface CommissionRuleRow {
  id: string;
  scope: "PRODUCT" | "CATEGORY" | "VENDOR";
  targetId: string;
  kind: "PERCENTAGE" | "FIXED";
  rateBps: number | null;
  fixedMinor: number | null;
  minimumMinor: number | null;
  currency: string | null;
}

export const DEFAULT_CURRENCY_SETTINGS = { pricesIncludeTax: false, freeShippingThresholdMinor: null } as const;

/** The columns of a ShippingMethodRow, CouponRow and CommissionRuleRow (shared with SettingsAdminRepository). */
export const SHIPPING = `id, vendor_id AS "vendorId", name, kind, currency, price_minor::int AS "priceMinor", bands,
  clinic_id AS "clinicId", active`;
export const COUPON = `id, code, kind, percent_bps AS "percentBps", amount_minor::int AS "amountMinor", currency,
  minimum_subtotal_minor::int AS "minimumSubtotalMinor", starts_at AS "startsAt", ends_at AS "endsAt",
  usage_limit AS "usageLimit", per_customer_limit AS "perCustomerLimit", times_used AS "timesUsed",
  vendor_id AS "vendorId", exclusive, active`;
export const RULE = `id, scope, target_id AS "targetId", kind, rate_bps AS "rateBps", fixed_minor::int AS "fixedMinor",
  minimum_minor::int AS "minimumMinor", currency`;

type Db = DataSource | EntityManager;

/** What platform admins and vendors configure and pricing reads: currencies, tax, shipping, coupons, commission. */
export class SettingsRepository {
  constructor(private readonly db: DataSource) {}

  async currency(currency: string, db: Db = this.db): Promise<CurrencySettingsRow> {
    const rows: CurrencySettingsRow[] = await db.query(
      `SELECT currency, prices_include_tax AS "pricesIncludeTax",
              free_shipping_threshold_minor::int AS "freeShippingThresholdMinor"
         FROM orders.currency_settings WHERE currency = $1`,
      [currency],
    );
    return rows[0] ?? { currency, ...DEFAULT_CURRENCY_SETTINGS };
  }

  async taxRates(country: string, db: Db = this.db): Promise<TaxRateRow[]> {
    return db.query(
      `SELECT id, country, region, tax_category AS "taxCategory", rate_bps AS "rateBps"
         FROM orders.tax_rates WHERE country = $1`,
      [country],
    );
  }

  async shippingMethodsOf(vendorIds: readonly string[], db: Db = this.db): Promise<ShippingMethodRow[]> {
    if (vendorIds.length === 0) return [];
    return db.query(
      `SELECT ${SHIPPING} FROM orders.shipping_methods WHERE vendor_id = ANY($1::uuid[]) AND active
        ORDER BY vendor_id, created_at, id`,
      [[...vendorIds]],
    );
  }

  async shippingMethod(id: string, db: Db = this.db): Promise<ShippingMethodRow | null> {
    const rows: ShippingMethodRow[] = await db.query(`SELECT ${SHIPPING} FROM orders.shipping_methods WHERE id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  async couponByCode(code: string, db: Db = this.db): Promise<CouponRow | null> {
    const rows: CouponRow[] = await db.query(`SELECT ${COUPON} FROM orders.coupons WHERE code = $1`, [code]);
    return rows[0] ?? null;
  }

  async coupons(ids: readonly string[], db: Db = this.db): Promise<CouponRow[]> {
    if (ids.length === 0) return [];
    return db.query(`SELECT ${COUPON} FROM orders.coupons WHERE id = ANY($1::uuid[])`, [[...ids]]);
  }

  /** How many orders of the user redeemed each coupon. */
  async redemptionsBy(userId: string, couponIds: readonly string[], db: Db = this.db): Promise<Map<string, number>> {
    if (couponIds.length === 0) return new Map();
    const rows: { couponId: string; n: number }[] = await db.query(
      `SELECT coupon_id AS "couponId", count(*)::int AS n FROM orders.coupon_redemptions
        WHERE user_id = $1 AND coupon_id = ANY($2::uuid[]) GROUP BY coupon_id`,
      [userId, [...couponIds]],
    );
    return new Map(rows.map((r) => [r.couponId, r.n]));
  }

  /** The commission rules that could apply to these products, categories and vendors. */
  async commissionRules(targetIds: readonly string[], db: Db = this.db): Promise<CommissionRuleRow[]> {
    if (targetIds.length === 0) return [];
    return db.query(`SELECT ${RULE} FROM orders.commission_rules WHERE target_id = ANY($1::uuid[])`, [
      [...new Set(targetIds)],
    ]);
  }
}
