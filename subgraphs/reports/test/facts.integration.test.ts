import "reflect-metadata";
import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { createLogger, idempotentHandler, type DomainEvent, type EventHandler } from "@pawgraph/subgraph-kit";
import { createOwnDatabase } from "@pawgraph/subgraph-kit/src/testing/own-database";
import { openReportsDatabase } from "../src/data-source";
import { applyEvent, FACTS_CONSUMER } from "../src/facts/facts.consumer";
import { ClinicReportRepository } from "../src/report/clinic-report.repository";
import { PlatformReportRepository } from "../src/report/platform-report.repository";
import type { ReportRange } from "../src/report/report-range";
import { SalesRepository } from "../src/report/sales.repository";
import { VendorReportRepository } from "../src/report/vendor-report.repository";

// The facts consumer against real Postgres, through the kit's once-only handler (what `consume`
// runs): redelivered events change nothing, and events arriving out of order end in the same facts.
// Also the events whose producers are still being written (payouts, care plans), with the payloads
// agreed for them.
const log = createLogger("reports").child({}, { level: process.env.TEST_LOG ?? "silent" });
let own: Awaited<ReturnType<typeof createOwnDatabase>>;
let db: DataSource;
let deliver: EventHandler;

beforeAll(async () => {
  own = await createOwnDatabase("reports_facts");
  ({ dataSource: db } = await openReportsDatabase(own.url, log));
  deliver = idempotentHandler({ dataSource: db, schema: "reports", consumer: FACTS_CONSUMER, handle: applyEvent });
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await own?.drop();
});

const event = (source: string, type: string, payload: Record<string, unknown>, occurredAt: string): DomainEvent => ({
  id: randomUUID(),
  source,
  type,
  aggregateId: String(payload.bookingId ?? payload.orderId ?? payload.planId ?? randomUUID()),
  payload,
  occurredAt: new Date(occurredAt),
});
const range: ReportRange = { from: "2026-03-01", to: "2026-03-31", grouping: "MONTH", timeZone: "UTC" };

it("a cancellation before its confirmation, and the confirmation twice, make one cancelled booking", async () => {
  const clinicId = randomUUID();
  const booking = {
    bookingId: randomUUID(),
    clinicId,
    clinicName: "Mitte",
    clinicTimeZone: "Europe/Berlin",
    serviceId: randomUUID(),
    vetId: randomUUID(),
    petId: randomUUID(),
    ownerId: randomUUID(),
    startsAt: "2026-03-10T09:00:00.000Z",
    endsAt: "2026-03-10T09:30:00.000Z",
    serviceName: "Check-up",
    priceMinor: 4500,
    currency: "EUR",
  };
  const confirmed = event("bookings", "booking.confirmed", { ...booking, sequence: 0 }, "2026-03-01T10:00:00Z");
  const cancelled = event(
    "bookings",
    "booking.cancelled",
    { ...booking, sequence: 1, cancelledBy: booking.ownerId, cancelledByRole: "OWNER" },
    "2026-03-02T10:00:00Z",
  );
  await deliver(cancelled);
  await deliver(confirmed);
  await deliver(confirmed);
  await deliver(cancelled);

  const clinics = new ClinicReportRepository(db);
  expect(await clinics.bookings(clinicId, range)).toEqual([
    {
      period: "2026-03-01",
      serviceId: booking.serviceId,
      serviceName: "Check-up",
      booked: 1,
      cancelled: 1,
      noShows: 0,
      revenue: null,
    },
  ]);
  expect(await clinics.cancellations(clinicId, range)).toEqual([
    expect.objectContaining({ bookingId: booking.bookingId, cancelledBy: booking.ownerId, cancelledByRole: "OWNER" }),
  ]);
  const [row] = await db.query(`SELECT confirmed_at FROM reports.booking_facts WHERE booking_id = $1`, [
    booking.bookingId,
  ]);
  expect(row.confirmed_at).toEqual(new Date("2026-03-01T10:00:00Z"));
});

it("a refund before its payment still counts against the vendor, once", async () => {
  const vendorId = randomUUID();
  const order = { orderId: randomUUID(), orderNumber: "PG-1", buyerId: randomUUID() };
  const refunded = event(
    "orders",
    "order.refunded",
    { ...order, refundId: randomUUID(), amountMinor: 700, currency: "USD", reason: "Torn" },
    "2026-03-05T10:00:00Z",
  );
  const paid = event(
    "orders",
    "order.paid",
    {
      ...order,
      currency: "USD",
      amountMinor: 2500,
      provider: "OFFLINE",
      vendorOrders: [
        {
          vendorOrderId: randomUUID(),
          vendorId,
          totalMinor: 2500,
          lineCount: 1,
          itemsMinor: 2000,
          shippingMinor: 500,
          commissionMinor: 200,
          lines: [{ productId: randomUUID(), variantId: randomUUID(), title: "Kibble", quantity: 2, totalMinor: 2000 }],
        },
      ],
    },
    "2026-03-04T10:00:00Z",
  );
  await deliver(refunded);
  await deliver(paid);
  await deliver(refunded);
  expect(await new SalesRepository(db).salesByPeriod(`vo.vendor_id = $1`, vendorId, range)).toEqual([
    {
      period: "2026-03-01",
      orders: 1,
      units: 2,
      sales: { amountMinor: 2500, currency: "USD" },
      commission: { amountMinor: 200, currency: "USD" },
      refunds: { amountMinor: 700, currency: "USD" },
    },
  ]);
});

it("payout entries and care plans, with the payloads agreed for them", async () => {
  const vendorId = randomUUID();
  const entry = (direction: "CREDIT" | "DEBIT", amountMinor: number, commissionMinor: number, settlement: string) =>
    event(
      "orders",
      "payout.entry_recorded",
      {
        entryId: randomUUID(),
        vendorId,
        orderId: randomUUID(),
        orderNumber: "PG-2",
        vendorOrderId: randomUUID(),
        direction,
        amountMinor,
        commissionMinor,
        currency: "USD",
        settlement,
        occurredAt: "2026-03-06T10:00:00.000Z",
      },
      "2026-03-06T10:00:01Z",
    );
  const credit = entry("CREDIT", 2300, 200, "MANUAL");
  await deliver(credit);
  await deliver(credit);
  await deliver(entry("DEBIT", 460, 40, "MANUAL"));
  expect(await new VendorReportRepository(db).payouts(vendorId, range)).toEqual([
    {
      period: "2026-03-01",
      entries: 2,
      credits: { amountMinor: 2300, currency: "USD" },
      debits: { amountMinor: 460, currency: "USD" },
      net: { amountMinor: 1840, currency: "USD" },
      commission: { amountMinor: 160, currency: "USD" },
      manual: { amountMinor: 2300, currency: "USD" },
    },
  ]);

  // Two plans active on 1 March, one of them cancelled in March (the cancellation arriving first).
  const plan = () => ({
    planId: randomUUID(),
    ownerId: randomUUID(),
    petId: randomUUID(),
    kind: "PRODUCTS",
    clinicId: null,
  });
  const [kept, lost] = [plan(), plan()];
  await deliver(
    event(
      "orders",
      "care_plan.cancelled",
      { ...lost, reason: "DUNNING", cancelledAt: "2026-03-20T00:00:00.000Z" },
      "2026-03-20T00:00:00Z",
    ),
  );
  for (const p of [kept, lost])
    await deliver(
      event(
        "orders",
        "care_plan.started",
        { ...p, currency: "USD", startedAt: "2026-02-01T00:00:00.000Z" },
        "2026-02-01T00:00:00Z",
      ),
    );
  expect(await new PlatformReportRepository(db).churn(range)).toEqual({ activeAtStart: 2, cancelled: 1, rate: 0.5 });
});
