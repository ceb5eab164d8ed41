import { ClinicReportDocument, type ReportRangeInput } from "../clients/__generated__/graphql";
import { execute, startStack, type Stack } from "./harness";
import { flatShipping } from "./orders-fixtures";
import { berlinToday, paidOrder, reportsCaughtUp } from "./reports-fixtures";
import { clinicWithShop } from "./wellness-fixtures";

// A clinic's report counts its own shop's sales (the vendor whose clinicId is the clinic, as catalog's
// vendor.approved says) and nobody else's.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ ownDatabase: true });
}, 120_000);
afterAll(() => stack.stop());

const range: ReportRangeInput = {
  from: berlinToday(-1),
  to: berlinToday(1),
  grouping: "DAY",
  timeZone: "Europe/Berlin",
};

it("shows the clinic shop's paid orders as the clinic's shop sales, and none of another clinic's shop", async () => {
  const clinic = await clinicWithShop(stack, [{ priceMinor: 2500, stock: 20 }]);
  const other = await clinicWithShop(stack, [{ priceMinor: 900, stock: 20 }]);
  for (const shop of [clinic, other])
    await flatShipping(stack, { vendorId: shop.vendor.vendorId, token: shop.clinicAdmin.token }, 490, "EUR");
  const first = await paidOrder(stack, clinic.variantIds[0]!, 2);
  const second = await paidOrder(stack, clinic.variantIds[0]!, 1);
  await paidOrder(stack, other.variantIds[0]!, 3);
  await reportsCaughtUp(stack);

  const report = await execute(
    stack.gateway.url,
    ClinicReportDocument,
    { clinicId: clinic.clinicId, range },
    clinic.clinicAdmin.token,
  );
  expect(report.errors).toBeUndefined();
  const parts = [first, second].map((o) => o.order.vendorOrders[0]!);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  expect(report.data!.clinicReport!.shopSales).toEqual([
    expect.objectContaining({
      period: berlinToday(),
      orders: 2,
      units: 3,
      sales: { amountMinor: sum(parts.map((v) => v.total.amountMinor)), currency: "EUR" },
    }),
  ]);
});
