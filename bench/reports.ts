// BENCH_ONLY=reports: report queries on a year of facts for 50 clinics and 200 vendors. The facts
// are generated in SQL straight into reports' tables (generate_series; the consumer is bypassed, so
// this measures the queries, not ingestion): 20 appointments a day per clinic (1 in 10 cancelled,
// 1 in 25 a no-show), 5 paid vendor orders a day per vendor with 2 lines each, a refund on 1 in 50,
// a payout credit per vendor order, a reminder per 20 appointments, and every booker and buyer
// active on their day. Then clinicReport, vendorReport and platformReport (every section) for the
// whole year through the gateway as a platform admin, by DAY, WEEK and MONTH: latency per report.
import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { adminToken, post, type Stack } from "../e2e/harness";
import { summarise } from "./ai-stats";

const CLINICS = 50;
const VENDORS = 200;
const DAYS = 365;
const BOOKINGS_PER_CLINIC_DAY = 20;
const ORDERS_PER_VENDOR_DAY = 5;
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 20);
const YEAR = { from: "2025-01-01", to: "2025-12-31" };

const CLINIC = `query($c: ID!, $r: ReportRangeInput!) { clinicReport(clinicId: $c, range: $r) {
  bookings { period serviceId booked cancelled noShows revenue { amountMinor } }
  cancellationsByRole { role count } cancellations { bookingId }
  patients { period newPatients returningPatients }
  shopSales { period orders sales { amountMinor } refunds { amountMinor } }
  reminders { due converted reminders { reminderId convertedBookingId } } } }`;
const VENDOR = `query($v: ID!, $r: ReportRangeInput!) { vendorReport(vendorId: $v, range: $r) {
  sales { period orders units sales { amountMinor } commission { amountMinor } refunds { amountMinor } }
  products { period productId units sales { amountMinor } }
  payouts { period credits { amountMinor } debits { amountMinor } }
  lowStock { variantId } } }`;
const PLATFORM = `query($r: ReportRangeInput!) { platformReport(range: $r) {
  money { period orders gmv { amountMinor } commission { amountMinor } takeRate }
  activity { period activeUsers bookings orders } activeUsers planChurn { rate } } }`;

/** Writes the year of facts; returns the clinics' and vendors' ids (clinic i runs vendor i's shop). */
async function seed(db: Client): Promise<{ clinics: string[]; vendors: string[] }> {
  const clinics = Array.from({ length: CLINICS }, () => randomUUID());
  const vendors = Array.from({ length: VENDORS }, () => randomUUID());
  await db.query(
    `INSERT INTO reports.vendor_facts (vendor_id, name, clinic_id)
     SELECT v, 'Bench shop ' || i, CASE WHEN i <= $3 THEN ($2::text[])[i] END
       FROM unnest($1::text[]) WITH ORDINALITY AS t(v, i)`,
    [vendors, clinics, CLINICS],
  );
  // Appointments: clinic c, day d, slot s; 8 services per clinic; owners and pets reused across the year.
  await db.query(
    `INSERT INTO reports.booking_facts (booking_id, clinic_id, clinic_time_zone, service_id, service_name, pet_id,
        owner_id, starts_at, sequence, price_minor, currency, confirmed_at, cancelled_at, cancelled_by,
        cancelled_by_role, no_show_at, marked_by)
     SELECT gen_random_uuid()::text, c, 'Europe/Berlin', md5(c || (s % 8))::uuid::text, 'Service ' || (s % 8),
            md5(c || 'pet' || ((d * 7 + s) % 900))::uuid::text, md5(c || 'owner' || ((d * 7 + s) % 700))::uuid::text,
            (timestamp '2025-01-01 08:00' + make_interval(days => d, mins => s * 25)) AT TIME ZONE 'Europe/Berlin', 0,
            4500 + (s % 8) * 500, 'EUR',
            (timestamp '2025-01-01 08:00' + make_interval(days => greatest(d - 7, 0))) AT TIME ZONE 'UTC',
            CASE WHEN s % 10 = 3 THEN (timestamp '2025-01-01' + make_interval(days => d)) AT TIME ZONE 'UTC' END,
            CASE WHEN s % 10 = 3 THEN md5(c || 'owner')::uuid::text END,
            CASE WHEN s % 10 = 3 THEN (ARRAY['OWNER','CLINIC','PLATFORM'])[1 + d % 3] END,
            CASE WHEN s % 25 = 7 THEN (timestamp '2025-01-01 18:00' + make_interval(days => d)) AT TIME ZONE 'UTC' END,
            CASE WHEN s % 25 = 7 THEN md5(c || 'vet')::uuid::text END
       FROM unnest($1::text[]) AS c, generate_series(0, $2 - 1) AS d, generate_series(0, $3 - 1) AS s`,
    [clinics, DAYS, BOOKINGS_PER_CLINIC_DAY],
  );
  await db.query(
    `INSERT INTO reports.reminder_facts (reminder_id, pet_id, code, title, due_on, sent_at)
     SELECT gen_random_uuid()::text, pet_id, 'RABIES', 'Rabies booster', (starts_at + interval '20 days')::date,
            starts_at - interval '3 days'
       FROM reports.booking_facts WHERE abs(hashtext(booking_id)) % 20 = 0`,
  );
  await db.query(
    `INSERT INTO reports.vendor_order_facts (vendor_order_id, order_id, vendor_id, currency, total_minor,
        items_minor, shipping_minor, commission_minor, paid_at)
     SELECT gen_random_uuid()::text, gen_random_uuid()::text, v, 'USD', 2500 + o * 100, 2000 + o * 100, 500,
            200 + o * 10, (timestamp '2025-01-01 09:00' + make_interval(days => d, mins => o * 90)) AT TIME ZONE 'UTC'
       FROM unnest($1::text[]) AS v, generate_series(0, $2 - 1) AS d, generate_series(0, $3 - 1) AS o`,
    [vendors, DAYS, ORDERS_PER_VENDOR_DAY],
  );
  await db.query(
    `INSERT INTO reports.order_facts (order_id, order_number, buyer_id, currency, amount_minor, placed_at, paid_at)
     SELECT order_id, 'PG-' || row_number() OVER (), md5(vendor_id || (abs(hashtext(order_id)) % 5000))::uuid::text,
            currency, total_minor, paid_at, paid_at
       FROM reports.vendor_order_facts`,
  );
  await db.query(
    `INSERT INTO reports.order_line_facts (vendor_order_id, line_no, vendor_id, product_id, variant_id, title,
        quantity, total_minor, currency, paid_at)
     SELECT vendor_order_id, n, vendor_id, md5(vendor_id || (abs(hashtext(vendor_order_id)) + n) % 40)::uuid::text,
            gen_random_uuid()::text, 'Product', 1 + n, (items_minor / 2)::bigint, currency, paid_at
       FROM reports.vendor_order_facts, generate_series(0, 1) AS n`,
  );
  await db.query(
    `INSERT INTO reports.refund_facts (refund_id, order_id, amount_minor, currency, refunded_at)
     SELECT gen_random_uuid()::text, order_id, 700, currency, paid_at + interval '3 days'
       FROM reports.order_facts WHERE abs(hashtext(order_id)) % 50 = 0`,
  );
  await db.query(
    `INSERT INTO reports.payout_facts (entry_id, vendor_id, order_id, vendor_order_id, direction, amount_minor,
        commission_minor, currency, settlement, occurred_at)
     SELECT gen_random_uuid()::text, vendor_id, order_id, vendor_order_id, 'CREDIT', total_minor - commission_minor,
            commission_minor, currency, 'STRIPE_TRANSFER', paid_at + interval '2 days'
       FROM reports.vendor_order_facts`,
  );
  await db.query(
    `INSERT INTO reports.user_activity (day, user_id)
     SELECT DISTINCT (confirmed_at AT TIME ZONE 'UTC')::date, owner_id FROM reports.booking_facts
     UNION SELECT (paid_at AT TIME ZONE 'UTC')::date, buyer_id FROM reports.order_facts
     ON CONFLICT DO NOTHING`,
  );
  await db.query(`ANALYZE`);
  return { clinics, vendors };
}

export async function reportsBench(stack: Stack): Promise<void> {
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  let seeded: { clinics: string[]; vendors: string[] };
  const started = Date.now();
  try {
    seeded = await seed(db);
    const counts = await db.query(
      `SELECT (SELECT count(*) FROM reports.booking_facts)::int AS bookings,
              (SELECT count(*) FROM reports.vendor_order_facts)::int AS "vendorOrders",
              (SELECT count(*) FROM reports.order_line_facts)::int AS lines,
              (SELECT count(*) FROM reports.payout_facts)::int AS payouts,
              (SELECT count(*) FROM reports.reminder_facts)::int AS reminders,
              (SELECT count(*) FROM reports.user_activity)::int AS "activeUserDays"`,
    );
    console.log(`\nreports: a year of facts written by SQL in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.table(counts.rows);
  } finally {
    await db.end();
  }
  const token = await adminToken(stack);
  const rows: Record<string, unknown>[] = [];
  for (const grouping of ["DAY", "WEEK", "MONTH"]) {
    const range = { ...YEAR, grouping, timeZone: "Europe/Berlin" };
    const cases: [string, string, (i: number) => Record<string, unknown>][] = [
      ["clinicReport", CLINIC, (i) => ({ c: seeded.clinics[i % CLINICS], r: range })],
      ["vendorReport", VENDOR, (i) => ({ v: seeded.vendors[i % VENDORS], r: range })],
      ["platformReport", PLATFORM, () => ({ r: range })],
    ];
    for (const [name, query, variables] of cases) {
      const samples: number[] = [];
      let failed = 0;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const answer = await post<Record<string, unknown>>(
          stack.gateway.url,
          { query, variables: variables(i) },
          token,
        );
        samples.push(performance.now() - t0);
        if (answer.errors) failed += 1; // e.g. SUBGRAPH_TIMEOUT: counted, and the sample kept
      }
      const row = { report: name, grouping, ...summarise(samples), failed };
      console.log(JSON.stringify(row));
      rows.push(row);
    }
  }
  console.log(`report queries for the whole year, every section, through the gateway (${RUNS} runs each):`);
  console.table(rows);
}
