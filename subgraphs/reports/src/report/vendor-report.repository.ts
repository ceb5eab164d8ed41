import type { DataSource } from "typeorm";
import { money } from "@pawgraph/subgraph-kit";
import { boundsSql, rangeSql, type ReportRange } from "./report-range";
import type { LowStockItem, VendorPayoutRow, VendorProductRow } from "./vendor-report.types";

/** At most this many low-stock rows per report. */
export const LOW_STOCK_LIMIT = 200;

/** The vendor report's queries (sales per period are SalesRepository's); each is bounded by the vendor and range. */
export class VendorReportRepository {
  constructor(private readonly db: DataSource) {}

  async products(vendorId: string, range: ReportRange): Promise<VendorProductRow[]> {
    const r = rangeSql(range, 2);
    const rows: (Omit<VendorProductRow, "sales"> & { sales: string; currency: string })[] = await this.db.query(
      `SELECT ${r.period("paid_at")} AS period, product_id AS "productId", max(title) AS title, currency,
              sum(quantity)::int AS units, sum(total_minor) AS sales
         FROM reports.order_line_facts
        WHERE vendor_id = $1 AND ${r.inRange("paid_at")}
        GROUP BY 1, 2, 4 ORDER BY 1, 6 DESC, 2`,
      [vendorId, ...r.params],
    );
    return rows.map(({ sales, currency, ...row }) => ({ ...row, sales: money(sales, currency) }));
  }

  async payouts(vendorId: string, range: ReportRange): Promise<VendorPayoutRow[]> {
    const r = rangeSql(range, 2);
    const rows: {
      period: string;
      currency: string;
      entries: number;
      credits: string;
      debits: string;
      commission: string;
      manual: string;
    }[] = await this.db.query(
      `SELECT ${r.period("occurred_at")} AS period, currency, count(*)::int AS entries,
              coalesce(sum(amount_minor) FILTER (WHERE direction = 'CREDIT'), 0) AS credits,
              coalesce(sum(amount_minor) FILTER (WHERE direction = 'DEBIT'), 0) AS debits,
              coalesce(sum(CASE direction WHEN 'CREDIT' THEN commission_minor ELSE -commission_minor END), 0) AS commission,
              coalesce(sum(amount_minor) FILTER (WHERE direction = 'CREDIT' AND settlement = 'MANUAL'), 0) AS manual
         FROM reports.payout_facts
        WHERE vendor_id = $1 AND ${r.inRange("occurred_at")}
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [vendorId, ...r.params],
    );
    return rows.map((row) => ({
      period: row.period,
      entries: row.entries,
      credits: money(row.credits, row.currency),
      debits: money(row.debits, row.currency),
      net: money(Number(row.credits) - Number(row.debits), row.currency),
      commission: money(row.commission, row.currency),
      manual: money(row.manual, row.currency),
    }));
  }

  /** The newest low-stock alert per variant and location reported in the range, newest first. */
  async lowStock(vendorId: string, range: ReportRange): Promise<LowStockItem[]> {
    const r = boundsSql(range, 2);
    return this.db.query(
      `SELECT product_id AS "productId", product_title AS "productTitle", variant_id AS "variantId", sku,
              location_id AS "locationId", available, low_level AS "lowLevel", reported_at AS "reportedAt"
         FROM reports.stock_low_facts
        WHERE vendor_id = $1 AND ${r.inRange("reported_at")}
        ORDER BY reported_at DESC, variant_id, location_id LIMIT ${LOW_STOCK_LIMIT}`,
      [vendorId, ...r.params],
    );
  }
}
