// Reports through the gateway, on a dataset the test makes with the real mutations: a clinic's
// bookings (kept, cancelled by the owner and by the clinic, a no-show), a vaccination reminder that
// turns into a booking, a shop's orders paid and partly refunded. Every figure is compared with what
// the test computes from what it did; CSV exports round-trip through a CSV parser.
import { parse } from "csv-parse/sync";
import {
  ClinicReportDocument,
  ExportReportDocument,
  GrantRecordAccessDocument,
  PlatformReportDocument,
  RecordVaccinationDocument,
  SetLowStockLevelDocument,
  VendorReportDocument,
  type ReportRangeInput,
} from "../clients/__generated__/graphql";
import { EXPORT_PATH, ExportSigner, reportsConfigFromEnv } from "@pawgraph/reports";
import { buildClinic, ownerWithPet } from "./bookings-fixtures";
import { sql } from "./catalog-fixtures";
import { adminToken, execute, onlyError, runReminderJob, startStack, type Stack } from "./harness";
import { flatShipping, shopWithStock } from "./orders-fixtures";
import {
  addService,
  bookAt,
  berlinDay,
  berlinToday,
  cancelBooking,
  markNoShow,
  paidOrder,
  refund,
  reportsCaughtUp,
} from "./reports-fixtures";

let stack: Stack;
const gateway = () => stack.gateway.url;
const range: ReportRangeInput = {
  from: berlinToday(-1),
  to: berlinToday(10),
  grouping: "DAY",
  timeZone: "Europe/Berlin",
};
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: "08:00", closes: "18:00" }));

type Clinic = Awaited<ReturnType<typeof buildClinic>>;
type Booked = { id: string; startsAt: string; serviceId: string; petId: string; price: number; name: string };
let clinic: Clinic;
let otherClinic: Clinic;
const bookings: Record<"kept" | "byOwner" | "byClinic" | "noShow" | "later", Booked> = {} as never;
let owners: Awaited<ReturnType<typeof ownerWithPet>>[];
let reminderId: string;
let shop: Awaited<ReturnType<typeof shopWithStock>>;
let orders: Awaited<ReturnType<typeof paidOrder>>[];
let refunded: number;

beforeAll(async () => {
  stack = await startStack({ ownDatabase: true });
  clinic = await buildClinic(stack, {
    clinic: { openingHours: EVERY_DAY },
    service: { name: "=cmd()", priceCents: 4500 },
  });
  otherClinic = await buildClinic(stack, { clinic: { openingHours: EVERY_DAY } });
  const consult = { serviceId: clinic.serviceId, price: 4500, name: "=cmd()" };
  const dental = {
    serviceId: await addService(stack, clinic, "Dental check", 6250),
    price: 6250,
    name: "Dental check",
  };
  const vet = clinic.vets[0]!;
  owners = [await ownerWithPet(stack), await ownerWithPet(stack)];
  const [first, second] = owners as [(typeof owners)[0], (typeof owners)[0]];

  // A rabies booster falls due in 5 days; ehr's job reminds the owner, who then books.
  await execute(
    gateway(),
    GrantRecordAccessDocument,
    { input: { petId: first.petId, clinicId: clinic.clinicId } },
    first.owner.token,
  );
  const vaccinated = await execute(
    gateway(),
    RecordVaccinationDocument,
    {
      input: {
        petId: first.petId,
        vaccination: { vaccine: "RABIES", vaccineCode: "RABIES", nextDueOn: berlinToday(5) },
      },
    },
    vet.token,
  );
  expect(vaccinated.errors).toBeUndefined();
  expect(await runReminderJob(stack)).toBeGreaterThanOrEqual(1);

  const book = async (who: typeof first, service: typeof consult, days: number, time: string): Promise<Booked> => ({
    ...(await bookAt(stack, who.owner, who.petId, clinic, service.serviceId, vet.user.id, days, time)),
    ...service,
    petId: who.petId,
  });
  bookings.kept = await book(first, consult, 2, "10:00");
  bookings.byOwner = await book(second, consult, 2, "11:00");
  bookings.byClinic = await book(first, dental, 3, "10:00");
  bookings.noShow = await book(second, dental, 4, "09:00");
  bookings.later = await book(first, consult, 5, "10:00");
  // The pet has seen another clinic too: the reminder this clinic set is still only this clinic's.
  await bookAt(
    stack,
    first.owner,
    first.petId,
    otherClinic,
    otherClinic.serviceId,
    otherClinic.vets[0]!.user.id,
    6,
    "10:00",
  );
  await cancelBooking(stack, second.owner.token, bookings.byOwner.id);
  await cancelBooking(stack, clinic.clinicAdmin.token, bookings.byClinic.id, "Vet is ill");
  await markNoShow(stack, vet.token, bookings.noShow.id);

  // A shop: two paid orders (2 and 4 units), the first partly refunded; 6 of 10 sold crosses its low level of 5.
  shop = await shopWithStock(stack, [{ priceMinor: 1000, stock: 10 }], { label: "reports-shop" });
  await flatShipping(stack, shop.vendor, 500);
  const lowLevel = await execute(
    gateway(),
    SetLowStockLevelDocument,
    { input: { variantId: shop.variantIds[0]!, locationId: shop.locationId, lowLevel: 5 } },
    shop.vendor.token,
  );
  expect(lowLevel.errors).toBeUndefined();
  orders = [await paidOrder(stack, shop.variantIds[0]!, 2), await paidOrder(stack, shop.variantIds[0]!, 4)];
  refunded = await refund(stack, orders[0]!.order.id, 700);

  await reportsCaughtUp(stack);
  const reminders = await sqlReminderIds(first.petId);
  reminderId = reminders[0]!;
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

async function sqlReminderIds(petId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>(stack, `SELECT id FROM ehr.reminders WHERE pet_id = $1`, [petId]);
  return rows.map((r) => r.id);
}

const clinicReport = async (token: string, clinicId = clinic.clinicId) =>
  execute(gateway(), ClinicReportDocument, { clinicId, range }, token);

describe("the clinic report", () => {
  it("counts appointments by day and service, with cancellations, no-shows and the kept ones' prices", async () => {
    const all = Object.values(bookings);
    const expected = new Map<string, object>();
    for (const b of all) {
      const key = `${berlinDay(b.startsAt)}|${b.serviceId}`;
      const same = all.filter((o) => `${berlinDay(o.startsAt)}|${o.serviceId}` === key);
      const kept = same.filter((o) => o !== bookings.byOwner && o !== bookings.byClinic && o !== bookings.noShow);
      expected.set(key, {
        period: berlinDay(b.startsAt),
        serviceId: b.serviceId,
        serviceName: b.name,
        booked: same.length,
        cancelled: same.filter((o) => o === bookings.byOwner || o === bookings.byClinic).length,
        noShows: same.filter((o) => o === bookings.noShow).length,
        revenue: kept.length > 0 ? { amountMinor: kept.reduce((sum, o) => sum + o.price, 0), currency: "EUR" } : null,
      });
    }
    const report = await clinicReport(clinic.clinicAdmin.token);
    expect(report.errors).toBeUndefined();
    const rows = report.data!.clinicReport!.bookings;
    expect(new Map(rows.map((r) => [`${r.period}|${r.serviceId}`, r]))).toEqual(expected);
  });

  it("says who cancelled", async () => {
    const report = (await clinicReport(clinic.clinicAdmin.token)).data!.clinicReport!;
    expect(report.cancellationsByRole).toEqual([
      { role: "CLINIC", count: 1 },
      { role: "OWNER", count: 1 },
    ]);
    expect(report.cancellations).toEqual([
      expect.objectContaining({
        bookingId: bookings.byOwner.id,
        cancelledBy: owners[1]!.owner.user.id,
        cancelledByRole: "OWNER",
      }),
      expect.objectContaining({
        bookingId: bookings.byClinic.id,
        serviceName: "Dental check",
        cancelledBy: clinic.clinicAdmin.user.id,
        cancelledByRole: "CLINIC",
      }),
    ]);
  });

  it("tells new patients from returning ones", async () => {
    // Only kept appointments count: the first pet came on day 2 (new) and day 5 (returning); the
    // second pet's appointments were cancelled or missed.
    const report = (await clinicReport(clinic.clinicAdmin.token)).data!.clinicReport!;
    expect(report.patients).toEqual([
      { period: berlinDay(bookings.kept.startsAt), newPatients: 1, returningPatients: 0 },
      { period: berlinDay(bookings.later.startsAt), newPatients: 0, returningPatients: 1 },
    ]);
  });

  it("lists reminders due for its patients and the booking each led to", async () => {
    const report = (await clinicReport(clinic.clinicAdmin.token)).data!.clinicReport!;
    expect(report.reminders).toMatchObject({
      conversionWindowDays: 30,
      due: 1,
      converted: 1,
      reminders: [
        {
          reminderId,
          petId: owners[0]!.petId,
          code: "RABIES",
          dueOn: berlinToday(5),
          // The first booking for the pet confirmed after the reminder went out.
          convertedBookingId: bookings.kept.id,
        },
      ],
    });
  });

  it("does not count a reminder another clinic set, though the pet booked there too", async () => {
    const report = (await clinicReport(otherClinic.clinicAdmin.token, otherClinic.clinicId)).data!.clinicReport!;
    expect(report.bookings.map((b) => b.booked)).toEqual([1]);
    expect(report.reminders).toMatchObject({ due: 0, converted: 0, reminders: [] });
  });

  it("is NOT_FOUND for another clinic's admin, an owner and a vet of the clinic; a platform admin sees it", async () => {
    for (const token of [otherClinic.clinicAdmin.token, owners[0]!.owner.token, clinic.vets[0]!.token]) {
      const refused = await clinicReport(token);
      expect(onlyError(refused).extensions).toMatchObject({ code: "NOT_FOUND", field: "clinicId" });
      expect(refused.data?.clinicReport ?? null).toBeNull();
    }
    const asAdmin = await clinicReport(await adminToken(stack));
    expect(asAdmin.data!.clinicReport!.bookings.length).toBeGreaterThan(0);
  });

  it("refuses a range that ends before it starts, on the field at fault", async () => {
    const bad = await execute(
      gateway(),
      ClinicReportDocument,
      { clinicId: clinic.clinicId, range: { ...range, from: range.to, to: range.from } },
      clinic.clinicAdmin.token,
    );
    expect(onlyError(bad).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "range.to" });
  });
});

describe("the vendor report", () => {
  it("shows sales, units, commission, refunds, products and low stock", async () => {
    const report = await execute(
      gateway(),
      VendorReportDocument,
      { vendorId: shop.vendor.vendorId, range },
      shop.vendor.token,
    );
    expect(report.errors).toBeUndefined();
    const vendorOrders = orders.map((o) => o.order.vendorOrders[0]!);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const today = berlinToday();
    expect(report.data!.vendorReport!.sales).toEqual([
      {
        period: today,
        orders: 2,
        units: 6,
        sales: { amountMinor: sum(vendorOrders.map((v) => v.total.amountMinor)), currency: "USD" },
        commission: { amountMinor: sum(vendorOrders.map((v) => v.commission!.amountMinor)), currency: "USD" },
        refunds: { amountMinor: refunded, currency: "USD" },
      },
    ]);
    expect(report.data!.vendorReport!.products).toEqual([
      {
        period: today,
        productId: shop.productId,
        title: vendorOrders[0]!.lines[0]!.title,
        units: 6,
        sales: { amountMinor: sum(vendorOrders.map((v) => v.lines[0]!.total.amountMinor)), currency: "USD" },
      },
    ]);
    expect(report.data!.vendorReport!.lowStock).toEqual([
      expect.objectContaining({
        variantId: shop.variantIds[0],
        locationId: shop.locationId,
        available: 4,
        lowLevel: 5,
      }),
    ]);
  });

  it("is NOT_FOUND for another vendor's admin and a clinic admin", async () => {
    const other = await shopWithStock(stack, [{ priceMinor: 100, stock: 1 }], { label: "other-shop" });
    for (const token of [other.vendor.token, clinic.clinicAdmin.token]) {
      const refused = await execute(gateway(), VendorReportDocument, { vendorId: shop.vendor.vendorId, range }, token);
      expect(onlyError(refused).extensions).toMatchObject({ code: "NOT_FOUND", field: "vendorId" });
    }
  });
});

describe("the platform report", () => {
  it("shows GMV, take rate, refunds, bookings, orders and active users; FORBIDDEN to others", async () => {
    const report = await execute(gateway(), PlatformReportDocument, { range }, await adminToken(stack));
    expect(report.errors).toBeUndefined();
    const gmv = orders.reduce((sum, o) => sum + o.order.paid.amountMinor, 0);
    const commission = orders.reduce((sum, o) => sum + o.order.vendorOrders[0]!.commission!.amountMinor, 0);
    const today = berlinToday();
    expect(report.data!.platformReport!.money).toEqual([
      {
        period: today,
        orders: 2,
        gmv: { amountMinor: gmv, currency: "USD" },
        commission: { amountMinor: commission, currency: "USD" },
        takeRate: commission / gmv,
        refunds: { amountMinor: refunded, currency: "USD" },
      },
    ]);
    // Everything happened today: 6 bookings made (one at the other clinic), 2 cancelled, 1 no-show,
    // 2 orders paid. Acting users: the two owners (booked), the clinic admin (cancelled), the vet
    // (no-show), the two buyers.
    const activity = report.data!.platformReport!.activity;
    expect(activity).toEqual([
      {
        period: today,
        activeUsers: 6,
        bookings: 6,
        cancellations: 2,
        noShows: 1,
        orders: 2,
        plansStarted: 0,
        plansCancelled: 0,
      },
    ]);
    expect(report.data!.platformReport!.activeUsers).toBe(6);
    expect(report.data!.platformReport!.planChurn).toEqual({ activeAtStart: 0, cancelled: 0, rate: null });

    const refused = await execute(gateway(), PlatformReportDocument, { range }, clinic.clinicAdmin.token);
    expect(onlyError(refused).extensions?.code).toBe("FORBIDDEN");
  });
});

describe("CSV exports", () => {
  const exportOf = (token: string, input: Record<string, unknown>) =>
    execute(gateway(), ExportReportDocument, { input: { range, ...input } as never }, token);

  it("streams the clinic's bookings as CSV that parses back to the report, with =cmd() neutralised", async () => {
    const link = await exportOf(clinic.clinicAdmin.token, { kind: "CLINIC_BOOKINGS", clinicId: clinic.clinicId });
    expect(link.errors).toBeUndefined();
    const url = new URL(link.data!.exportReport.url);
    expect(url.origin).toBe(new URL(gateway()).origin);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const rows: Record<string, string>[] = parse(await response.text(), { bom: true, columns: true });
    const report = (await clinicReport(clinic.clinicAdmin.token)).data!.clinicReport!;
    expect(rows).toEqual(
      report.bookings.map((r) => ({
        period: r.period,
        service_id: r.serviceId,
        service_name: r.serviceName === "=cmd()" ? "'=cmd()" : r.serviceName,
        booked: String(r.booked),
        cancelled: String(r.cancelled),
        no_shows: String(r.noShows),
        revenue_minor: r.revenue ? String(r.revenue.amountMinor) : "",
        currency: r.revenue?.currency ?? "",
      })),
    );
    expect(rows.filter((r) => r.service_name === "'=cmd()").length).toBeGreaterThan(0);
  });

  it("refuses a tampered or expired link with 403, and another clinic's export with NOT_FOUND", async () => {
    const link = await exportOf(clinic.clinicAdmin.token, { kind: "CLINIC_BOOKINGS", clinicId: clinic.clinicId });
    const url = new URL(link.data!.exportReport.url);
    const tampered = new URL(url);
    tampered.searchParams.set("id", otherClinic.clinicId);
    expect((await fetch(tampered)).status).toBe(403);
    const stretched = new URL(url);
    stretched.searchParams.set("expires", String(Date.now() + 86_400_000));
    expect((await fetch(stretched)).status).toBe(403);
    const expired = await expiredLinkStatus();
    expect(expired).toBe(403);

    const refused = await exportOf(otherClinic.clinicAdmin.token, {
      kind: "CLINIC_BOOKINGS",
      clinicId: clinic.clinicId,
    });
    expect(onlyError(refused).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.clinicId" });
  });
});

/**
 * A link signed with the stack's export key (reports' own signer and settings) for a request that
 * expired a minute ago: everything about it is genuine but its age.
 */
async function expiredLinkStatus(): Promise<number> {
  const signer = new ExportSigner(reportsConfigFromEnv().exportSecret);
  const query = signer.sign({
    kind: "CLINIC_BOOKINGS",
    subjectId: clinic.clinicId,
    from: range.from,
    to: range.to,
    grouping: range.grouping,
    timeZone: range.timeZone!,
    expiresAt: Date.now() - 60_000,
  });
  const genuineButFresh = signer.sign({
    kind: "CLINIC_BOOKINGS",
    subjectId: clinic.clinicId,
    from: range.from,
    to: range.to,
    grouping: range.grouping,
    timeZone: range.timeZone!,
    expiresAt: Date.now() + 60_000,
  });
  // The same signer's fresh link works: the expired one is refused for its age alone.
  expect((await fetch(`${new URL(gateway()).origin}${EXPORT_PATH}?${genuineButFresh}`)).status).toBe(200);
  return (await fetch(`${new URL(gateway()).origin}${EXPORT_PATH}?${query}`)).status;
}
