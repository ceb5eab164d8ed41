// Care plans in the platform report, through the real mutations: two owners start a plan (offline,
// paid on delivery), one cancels it; the report counts both starts and the cancellation today, and
// from tomorrow on one plan is active with no churn yet.
import { CancelCarePlanDocument, PlatformReportDocument } from "../clients/__generated__/graphql";
import { carePlanStack, createPlan, ownerWithPet, type CarePlanStack } from "./care-plans-fixtures";
import { adminToken, execute } from "./harness";
import { flatShipping, shopWithStock } from "./orders-fixtures";
import { berlinToday, reportsCaughtUp } from "./reports-fixtures";

let env: CarePlanStack;

beforeAll(async () => {
  env = await carePlanStack({ offline: true });
});
afterAll(async () => {
  await env?.stop();
});

it("counts plans started and cancelled, and churn over plans active at the range's start", async () => {
  const shop = await shopWithStock(env.stack, [{ priceMinor: 2000, stock: 50 }], { label: "report-plan-shop" });
  await flatShipping(env.stack, shop.vendor, 400);
  const plans = [];
  for (const label of ["kept-plan", "cancelled-plan"]) {
    const { owner, petId } = await ownerWithPet(env.stack, label);
    const created = await createPlan(env.stack, owner.token, {
      petId,
      lines: [{ variantId: shop.variantIds[0]!, quantity: 1 }],
      interval: { unit: "MONTH", count: 1 },
    });
    plans.push({ owner, id: created.carePlan.id });
  }
  const cancelled = await execute(
    env.stack.gateway.url,
    CancelCarePlanDocument,
    { input: { carePlanId: plans[1]!.id } },
    plans[1]!.owner.token,
  );
  expect(cancelled.errors).toBeUndefined();
  await reportsCaughtUp(env.stack);

  const admin = await adminToken(env.stack);
  const report = async (from: string, to: string) =>
    (
      await execute(
        env.stack.gateway.url,
        PlatformReportDocument,
        { range: { from, to, grouping: "MONTH", timeZone: "UTC" } },
        admin,
      )
    ).data!.platformReport!;
  const today = new Date().toISOString().slice(0, 10);
  const now = await report(today, today);
  expect(now.activity.map((a) => [a.plansStarted, a.plansCancelled])).toEqual([[2, 1]]);
  expect(now.planChurn).toEqual({ activeAtStart: 0, cancelled: 0, rate: null });
  const later = await report(berlinToday(2), berlinToday(30));
  expect(later.planChurn).toEqual({ activeAtStart: 1, cancelled: 0, rate: 0 });
}, 120_000);
