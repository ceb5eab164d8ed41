import type { DataSource } from "typeorm";
import {
  COUPON,
  RULE,
  SHIPPING,
  type CommissionRuleRow,
  type CouponKind,
  type CouponRow,
  type CurrencySettingsRow,
  type ShippingKind,
  type ShippingMethodRow,
  type TaxRateRow,
  type WeightBand,
} from "./settings.repository";

const TAX = `id, country, region, tax_category AS "taxCategory", rate_bps AS "rateBps"`;
const CURRENCY = `currency, prices_include_tax AS "pricesIncludeTax",
  free_shipping_threshold_minor::int AS "freeShippingThresholdMinor"`;

export interface NewCoupon {
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
  vendorId: string | null;
  exclusive: boolean;
}

export interface NewShippingMethod {
  vendorId: string;
  name: string;
  kind: ShippingKind;
  currency: string;
  priceMinor: number | null;
  bands: WeightBand[] | null;
  clinicId: string | null;
}

export interface ShippingMethodPatch {
  name?: string;
  priceMinor?: number;
  bands?: WeightBand[];
  active?: boolean;
}

/** The writes and the admin listings of the settings; pricing reads through SettingsRepository. */
export class SettingsAdminRepository {
  constructor(private readonly db: DataSource) {}

  async setTaxRate(rate: Omit<TaxRateRow, "id">, by: string): Promise<TaxRateRow> {
    const rows: TaxRateRow[] = await this.db.query(
      `INSERT INTO orders.tax_rates (country, region, tax_category, rate_bps, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (country, region, tax_category)
       DO UPDATE SET rate_bps = EXCLUDED.rate_bps, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING ${TAX}`,
      [rate.country, rate.region, rate.taxCategory, rate.rateBps, by],
    );
    return rows[0]!;
  }

  async removeTaxRate(id: string): Promise<TaxRateRow | null> {
    const [rows] = (await this.db.query(`DELETE FROM orders.tax_rates WHERE id = $1 RETURNING ${TAX}`, [id])) as [
      TaxRateRow[],
      number,
    ];
    return rows[0] ?? null;
  }

  /** Country, then the whole country before its regions, then category. */
  async taxRates(country: string | null): Promise<TaxRateRow[]> {
    return this.db.query(
      `SELECT ${TAX} FROM orders.tax_rates WHERE $1::text IS NULL OR country = $1
        ORDER BY country, region NULLS FIRST, tax_category`,
      [country],
    );
  }

  async setCurrency(settings: CurrencySettingsRow, by: string): Promise<CurrencySettingsRow> {
    const rows: CurrencySettingsRow[] = await this.db.query(
      `INSERT INTO orders.currency_settings (currency, prices_include_tax, free_shipping_threshold_minor, updated_by)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (currency) DO UPDATE SET prices_include_tax = EXCLUDED.prices_include_tax,
         free_shipping_threshold_minor = EXCLUDED.free_shipping_threshold_minor,
         updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING ${CURRENCY}`,
      [settings.currency, settings.pricesIncludeTax, settings.freeShippingThresholdMinor, by],
    );
    return rows[0]!;
  }

  async currencies(): Promise<CurrencySettingsRow[]> {
    return this.db.query(`SELECT ${CURRENCY} FROM orders.currency_settings ORDER BY currency`);
  }

  /**
   * A rule replaces the one of its scope and target whole, so `created_by`/`created_at` say who
   * wrote the rule as it stands and when (the table keeps no history; orders freeze the rule they used).
   */
  async setCommissionRule(rule: Omit<CommissionRuleRow, "id">, by: string): Promise<CommissionRuleRow> {
    const rows: CommissionRuleRow[] = await this.db.query(
      `INSERT INTO orders.commission_rules (scope, target_id, kind, rate_bps, fixed_minor, minimum_minor, currency, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (scope, target_id) DO UPDATE SET kind = EXCLUDED.kind, rate_bps = EXCLUDED.rate_bps,
         fixed_minor = EXCLUDED.fixed_minor, minimum_minor = EXCLUDED.minimum_minor, currency = EXCLUDED.currency,
         created_by = EXCLUDED.created_by, created_at = now()
       RETURNING ${RULE}`,
      [rule.scope, rule.targetId, rule.kind, rule.rateBps, rule.fixedMinor, rule.minimumMinor, rule.currency, by],
    );
    return rows[0]!;
  }

  async removeCommissionRule(id: string): Promise<CommissionRuleRow | null> {
    const [rows] = (await this.db.query(`DELETE FROM orders.commission_rules WHERE id = $1 RETURNING ${RULE}`, [
      id,
    ])) as [CommissionRuleRow[], number];
    return rows[0] ?? null;
  }

  async commissionRules(): Promise<CommissionRuleRow[]> {
    return this.db.query(`SELECT ${RULE} FROM orders.commission_rules ORDER BY scope, target_id`);
  }

  /** The new coupon, or null when its code is taken. */
  async createCoupon(coupon: NewCoupon, by: string): Promise<CouponRow | null> {
    const rows: CouponRow[] = await this.db.query(
      `INSERT INTO orders.coupons (code, kind, percent_bps, amount_minor, currency, minimum_subtotal_minor, starts_at,
         ends_at, usage_limit, per_customer_limit, vendor_id, exclusive, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (code) DO NOTHING RETURNING ${COUPON}`,
      [
        coupon.code,
        coupon.kind,
        coupon.percentBps,
        coupon.amountMinor,
        coupon.currency,
        coupon.minimumSubtotalMinor,
        coupon.startsAt,
        coupon.endsAt,
        coupon.usageLimit,
        coupon.perCustomerLimit,
        coupon.vendorId,
        coupon.exclusive,
        by,
      ],
    );
    return rows[0] ?? null;
  }

  async deactivateCoupon(id: string): Promise<CouponRow> {
    const [rows] = (await this.db.query(`UPDATE orders.coupons SET active = false WHERE id = $1 RETURNING ${COUPON}`, [
      id,
    ])) as [CouponRow[], number];
    return rows[0]!;
  }

  /** Newest first. `vendorIds` null: every coupon; otherwise those vendors' (platform-wide ones excluded). */
  async coupons(vendorIds: readonly string[] | null): Promise<CouponRow[]> {
    return this.db.query(
      `SELECT ${COUPON} FROM orders.coupons WHERE $1::uuid[] IS NULL OR vendor_id = ANY($1::uuid[])
        ORDER BY created_at DESC, id`,
      [vendorIds === null ? null : [...vendorIds]],
    );
  }

  async createShippingMethod(method: NewShippingMethod, by: string): Promise<ShippingMethodRow> {
    const rows: ShippingMethodRow[] = await this.db.query(
      `INSERT INTO orders.shipping_methods (vendor_id, name, kind, currency, price_minor, bands, clinic_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${SHIPPING}`,
      [
        method.vendorId,
        method.name,
        method.kind,
        method.currency,
        method.priceMinor,
        method.bands === null ? null : JSON.stringify(method.bands),
        method.clinicId,
        by,
      ],
    );
    return rows[0]!;
  }

  async updateShippingMethod(id: string, patch: ShippingMethodPatch): Promise<ShippingMethodRow> {
    const [rows] = (await this.db.query(
      `UPDATE orders.shipping_methods SET name = coalesce($2, name), price_minor = coalesce($3, price_minor),
         bands = coalesce($4::jsonb, bands), active = coalesce($5, active)
        WHERE id = $1 RETURNING ${SHIPPING}`,
      [
        id,
        patch.name ?? null,
        patch.priceMinor ?? null,
        patch.bands === undefined ? null : JSON.stringify(patch.bands),
        patch.active ?? null,
      ],
    )) as [ShippingMethodRow[], number];
    return rows[0]!;
  }
}
