import type { DataSource } from "typeorm";
import { money } from "@pawgraph/subgraph-kit";
import { rangeSql, type ReportRange } from "./report-range";
import type { SalesPeriod } from "./report.types";

/**
 * Vendor-order sales and refunds per period for a set of vendors, named by a SQL condition on
 * `vendor_order_facts vo` whose only parameter is $1 (a vendor id, or a clinic id through
 * vendor_facts). Refunds are in the period they were made, shared among the order's vendors in
 * proportion to their vendor orders' totals (exact for single-vendor orders).
 */
export class SalesRepository {
  constructor(private readonly db: DataSource) {}

  async salesByPeriod(vendorCondition: string, id: string, range: ReportRange): Promise<SalesPeriod[]> {
    const r = rangeSql(range, 2);
    const rows: {
      period: string;
      currency: string;
      orders: number;
      units: number;
      sales: string;
      commission: string;
      refunds: string;
    }[] = await this.db.query(
      `WITH sold AS (
         SELECT ${r.period("vo.paid_at")} AS period, vo.currency, count(*)::int AS orders,
                coalesce(sum((SELECT sum(l.quantity) FROM reports.order_line_facts l
                               WHERE l.vendor_order_id = vo.vendor_order_id)), 0)::int AS units,
                sum(vo.total_minor) AS sales, coalesce(sum(vo.commission_minor), 0) AS commission
           FROM reports.vendor_order_facts vo
          WHERE ${vendorCondition} AND ${r.inRange("vo.paid_at")}
          GROUP BY 1, 2),
       refunded AS (
         SELECT ${r.period("rf.refunded_at")} AS period, rf.currency,
                sum(round(rf.amount_minor * vo.total_minor::numeric / nullif(o.amount_minor, 0))) AS refunds
           FROM reports.refund_facts rf
           JOIN reports.order_facts o ON o.order_id = rf.order_id
           JOIN reports.vendor_order_facts vo ON vo.order_id = rf.order_id
          WHERE ${vendorCondition} AND ${r.inRange("rf.refunded_at")}
          GROUP BY 1, 2)
       SELECT coalesce(s.period, f.period) AS period, coalesce(s.currency, f.currency) AS currency,
              coalesce(s.orders, 0) AS orders, coalesce(s.units, 0) AS units, coalesce(s.sales, 0) AS sales,
              coalesce(s.commission, 0) AS commission, coalesce(f.refunds, 0) AS refunds
         FROM sold s FULL JOIN refunded f ON f.period = s.period AND f.currency = s.currency
        ORDER BY 1, 2`,
      [id, ...r.params],
    );
    return rows.map((row) => ({
      period: row.period,
      orders: row.orders,
      units: row.units,
      sales: money(row.sales, row.currency),
      commission: money(row.commission, row.currency),
      refunds: money(row.refunds, row.currency),
    }));
  }
}
