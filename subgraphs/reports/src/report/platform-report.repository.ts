import type { DataSource } from "typeorm";
import { money } from "@pawgraph/subgraph-kit";
import type { PlanChurn, PlatformActivityRow, PlatformMoneyRow } from "./platform-report.types";
import { rangeSql, type ReportRange } from "./report-range";

/** The platform report's queries: whole-platform aggregates bounded by the range. */
export class PlatformReportRepository {
  constructor(private readonly db: DataSource) {}

  async money(range: ReportRange): Promise<PlatformMoneyRow[]> {
    const r = rangeSql(range, 1);
    const rows: {
      period: string;
      currency: string;
      orders: number;
      gmv: string;
      commission: string;
      refunds: string;
    }[] = await this.db.query(
      `WITH paid AS (
         SELECT ${r.period("paid_at")} AS period, currency, count(*)::int AS orders, sum(amount_minor) AS gmv
           FROM reports.order_facts
          WHERE paid_at IS NOT NULL AND ${r.inRange("paid_at")}
          GROUP BY 1, 2),
       -- A vendor order's paid_at is its order's (both come from the one order.paid event).
       earned AS (
         SELECT ${r.period("paid_at")} AS period, currency, coalesce(sum(commission_minor), 0) AS commission
           FROM reports.vendor_order_facts WHERE ${r.inRange("paid_at")} GROUP BY 1, 2),
       refunded AS (
         SELECT ${r.period("refunded_at")} AS period, currency, sum(amount_minor) AS refunds
           FROM reports.refund_facts WHERE ${r.inRange("refunded_at")} GROUP BY 1, 2)
       SELECT coalesce(p.period, f.period) AS period, coalesce(p.currency, f.currency) AS currency,
              coalesce(p.orders, 0) AS orders, coalesce(p.gmv, 0) AS gmv, coalesce(e.commission, 0) AS commission,
              coalesce(f.refunds, 0) AS refunds
         FROM paid p
         LEFT JOIN earned e ON e.period = p.period AND e.currency = p.currency
         FULL JOIN refunded f ON f.period = p.period AND f.currency = p.currency
        ORDER BY 1, 2`,
      r.params,
    );
    return rows.map((row) => ({
      period: row.period,
      orders: row.orders,
      gmv: money(row.gmv, row.currency),
      commission: money(row.commission, row.currency),
      takeRate: Number(row.gmv) > 0 ? Number(row.commission) / Number(row.gmv) : null,
      refunds: money(row.refunds, row.currency),
    }));
  }

  async activity(range: ReportRange): Promise<PlatformActivityRow[]> {
    const r = rangeSql(range, 1);
    const counted = (column: string, table: string, name: string) =>
      `SELECT ${r.period(column)} AS period, count(*)::int AS n, '${name}' AS what FROM reports.${table}
        WHERE ${column} IS NOT NULL AND ${r.inRange(column)} GROUP BY 1`;
    const rows: { period: string; what: string; n: number }[] = await this.db.query(
      `SELECT ${r.datePeriod("day")} AS period, count(DISTINCT user_id)::int AS n, 'activeUsers' AS what
         FROM reports.user_activity WHERE ${r.dateInRange("day")} GROUP BY 1
       UNION ALL ${counted("confirmed_at", "booking_facts", "bookings")}
       UNION ALL ${counted("cancelled_at", "booking_facts", "cancellations")}
       UNION ALL ${counted("no_show_at", "booking_facts", "noShows")}
       UNION ALL ${counted("paid_at", "order_facts", "orders")}
       UNION ALL ${counted("started_at", "care_plan_facts", "plansStarted")}
       UNION ALL ${counted("cancelled_at", "care_plan_facts", "plansCancelled")}`,
      r.params,
    );
    const byPeriod = new Map<string, PlatformActivityRow>();
    for (const row of rows) {
      const entry = byPeriod.get(row.period) ?? {
        period: row.period,
        activeUsers: 0,
        bookings: 0,
        cancellations: 0,
        noShows: 0,
        orders: 0,
        plansStarted: 0,
        plansCancelled: 0,
      };
      entry[row.what as Exclude<keyof PlatformActivityRow, "period">] = row.n;
      byPeriod.set(row.period, entry);
    }
    return [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
  }

  /** Distinct active users over the whole range (not the sum of the periods'). */
  async activeUsers(range: ReportRange): Promise<number> {
    const [row]: { n: number }[] = await this.db.query(
      `SELECT count(DISTINCT user_id)::int AS n FROM reports.user_activity WHERE day BETWEEN $1::date AND $2::date`,
      [range.from, range.to],
    );
    return row?.n ?? 0;
  }

  async churn(range: ReportRange): Promise<PlanChurn> {
    const start = `($2::date)::timestamp AT TIME ZONE $1`;
    const end = `(($3::date) + 1)::timestamp AT TIME ZONE $1`;
    const [row]: { active: number; cancelled: number }[] = await this.db.query(
      `SELECT count(*)::int AS active, count(*) FILTER (WHERE cancelled_at < ${end})::int AS cancelled
         FROM reports.care_plan_facts
        WHERE started_at < ${start} AND (cancelled_at IS NULL OR cancelled_at >= ${start})`,
      [range.timeZone, range.from, range.to],
    );
    const active = row?.active ?? 0;
    const cancelled = row?.cancelled ?? 0;
    return { activeAtStart: active, cancelled, rate: active > 0 ? cancelled / active : null };
  }
}
