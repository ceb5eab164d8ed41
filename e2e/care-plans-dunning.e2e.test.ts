// Care plans when things go wrong or change, through the gateway: a declined card follows the dunning
// schedule under the test's clock (retries after 1, 3 and 7 days, then PAST_DUE, then CANCELLED, each
// a notification); authentication_required asks the owner to confirm in the app; pause, skip and
// cancel obey their rules; a prescription without refills is left out of a run, and owner and clinic hear.
import {
  CancelCarePlanDocument,
  CarePlanDocument,
  MarkShippedDocument,
  OrderDocument,
  PauseCarePlanDocument,
  PetActivePrescriptionsDocument,
  RecordMedicationDocument,
  ResumeCarePlanDocument,
  SkipNextCarePlanRunDocument,
  UpdateCarePlanDocument,
  FinalizePaymentDocument,
} from "../clients/__generated__/graphql";
import { carePlanStack, createPlan, notificationsOf, payFirstOrder, type CarePlanStack } from "./care-plans-fixtures";
import { ownerPetAndVet } from "./fixtures";
import { eventually, execute } from "./harness";
import { flatShipping, shopWithStock } from "./orders-fixtures";
import { createPet, registerUser } from "./fixtures";

const CARPROFEN = "QM01AE91";
const MONTHLY = { unit: "MONTH" as const, count: 1 };
const DAY_MS = 86_400_000;
let env: CarePlanStack;
let shop: Awaited<ReturnType<typeof shopWithStock>>;
let pharmacy: Awaited<ReturnType<typeof shopWithStock>>;
const gateway = () => env.stack.gateway.url;

beforeAll(async () => {
  env = await carePlanStack();
  shop = await shopWithStock(env.stack, [{ priceMinor: 3000, stock: 500 }], { label: "dunning-shop" });
  await flatShipping(env.stack, shop.vendor, 500);
  pharmacy = await shopWithStock(env.stack, [{ priceMinor: 2400, stock: 100 }], {
    label: "plan-pharmacy",
    product: { prescriptionOnly: true, medicationCodes: [CARPROFEN] },
  });
  await flatShipping(env.stack, pharmacy.vendor, 300);
  // A stack of its own with two shops: slow to start on a loaded machine.
}, 120_000);
afterAll(async () => {
  await env?.stop();
});

const day = (at: Date) => at.toISOString().slice(0, 10);
const addDays = (d: string, n: number) => day(new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS));
/** Moves the clock to `hours` past midnight UTC of `d` (forward only). */
function advanceTo(d: string, hours = 6) {
  env.advance((Date.parse(`${d}T00:00:00Z`) + hours * 3_600_000 - env.now().getTime()) / DAY_MS);
}

async function view(token: string, id: string) {
  const result = await execute(gateway(), CarePlanDocument, { id }, token);
  if (!result.data?.carePlan) throw new Error(JSON.stringify(result.errors));
  return result.data.carePlan;
}

async function paidPlan(label: string) {
  const owner = await registerUser(env.stack, label);
  const petId = (await createPet(env.stack, owner.token, {})).id;
  const created = await createPlan(env.stack, owner.token, {
    petId,
    lines: [{ variantId: shop.variantIds[0]!, quantity: 1 }],
    interval: MONTHLY,
  });
  await payFirstOrder(env, owner.token, created.order.id);
  return { owner, plan: created.carePlan };
}

const chargesOf = (planId: string) =>
  env.stripe.offSessionCharges().filter((r) => r.idempotencyKey?.startsWith(`careplan:${planId}:`));

async function typesOf(token: string, wanted: string, count: number) {
  const notices = await eventually(
    () => notificationsOf(env.stack, token),
    (n) => n.filter((x) => x.type === wanted).length >= count,
    10_000,
  );
  return notices.filter((n) => n.type === wanted);
}

it("a declined card is retried after 1, 3 and 7 days, then the plan is PAST_DUE, then CANCELLED, each told", async () => {
  const { owner, plan } = await paidPlan("dunning");
  const due = plan.nextRunOn;
  env.stripe.failNextOffSessionCharges("card_declined", "card_declined", "card_declined", "card_declined");
  advanceTo(due);
  const failedAt = env.now().getTime();
  await env.tick();
  let run = (await view(owner.token, plan.id)).runs[0]!;
  expect(run).toMatchObject({ periodStart: due, status: "PAYMENT_FAILED", failedAttempts: 1 });
  expect(Date.parse(run.nextAttemptAt!)).toBe(failedAt + DAY_MS);

  // Nothing happens before the retry is due.
  env.advance(0.5);
  await env.tick();
  expect(chargesOf(plan.id)).toHaveLength(1);

  for (const [attempt, days] of [
    [2, 1],
    [3, 3],
    [4, 7],
  ] as const) {
    advanceTo(addDays(due, days));
    await env.tick();
    expect(chargesOf(plan.id)).toHaveLength(attempt);
    run = (await view(owner.token, plan.id)).runs[0]!;
    expect(run.failedAttempts).toBe(attempt);
  }
  expect(chargesOf(plan.id).map((c) => c.idempotencyKey)).toEqual([
    `careplan:${plan.id}:${due}`,
    `careplan:${plan.id}:${due}:retry:1`,
    `careplan:${plan.id}:${due}:retry:2`,
    `careplan:${plan.id}:${due}:retry:3`,
  ]);
  let current = await view(owner.token, plan.id);
  expect(current.status).toBe("PAST_DUE");
  const failures = await typesOf(owner.token, "CARE_PLAN_PAYMENT_FAILED", 4);
  expect(failures).toHaveLength(4);
  expect(await typesOf(owner.token, "CARE_PLAN_PAST_DUE", 1)).toHaveLength(1);

  // PAST_DUE is not resumed by asking: the payment must be settled first.
  const resumed = await execute(gateway(), ResumeCarePlanDocument, { input: { carePlanId: plan.id } }, owner.token);
  expect(resumed.data!.resumeCarePlan).toMatchObject({ __typename: "CarePlanStateError", status: "PAST_DUE" });

  advanceTo(addDays(due, 13));
  await env.tick();
  expect((await view(owner.token, plan.id)).status).toBe("PAST_DUE");
  advanceTo(addDays(due, 14), 7);
  await env.tick();
  current = await view(owner.token, plan.id);
  expect(current.status).toBe("CANCELLED");
  expect(current.runs[0]!.status).toBe("ABANDONED");
  const [cancelled] = await typesOf(owner.token, "CARE_PLAN_CANCELLED", 1);
  expect(cancelled!.body).toContain("because its payment could not be taken");
  // A cancelled plan never runs again.
  advanceTo(addDays(due, 62));
  await env.tick();
  expect(chargesOf(plan.id)).toHaveLength(4);
  expect((await view(owner.token, plan.id)).runs).toHaveLength(2);
});

it("authentication_required asks the owner to confirm in the app; once confirmed the run is paid", async () => {
  const { owner, plan } = await paidPlan("sca");
  env.stripe.failNextOffSessionCharges("authentication_required");
  advanceTo(plan.nextRunOn);
  await env.tick();
  const run = (await view(owner.token, plan.id)).runs[0]!;
  const intent = [...env.stripe.paymentIntents.values()].find((pi) => pi.metadata.orderId === run.orderId)!;
  expect(run).toMatchObject({ status: "REQUIRES_ACTION", clientSecret: intent.client_secret });
  const [notice] = await typesOf(owner.token, "CARE_PLAN_PAYMENT_ACTION_REQUIRED", 1);
  expect(notice!.body).toContain("confirm");

  // The app confirms with the client secret; Stripe charges; the app reports it.
  env.stripe.succeed(intent.id);
  await execute(gateway(), FinalizePaymentDocument, { paymentIntentId: intent.id }, owner.token);
  advanceTo(addDays(plan.nextRunOn, 1), 7);
  await env.tick();
  expect((await view(owner.token, plan.id)).runs[0]).toMatchObject({ status: "PAID", clientSecret: null });
  const order = await execute(gateway(), OrderDocument, { id: run.orderId! }, owner.token);
  expect(order.data!.order!.status).toBe("PAID");
  expect(chargesOf(plan.id)).toHaveLength(1);
  await execute(gateway(), CancelCarePlanDocument, { input: { carePlanId: plan.id } }, owner.token);
});

it("a charge cut off by a Stripe outage is retried an hour later with the same run key: one charge", async () => {
  const { owner, plan } = await paidPlan("outage");
  await env.tick(); // the card the first order saved is read now, before Stripe goes down
  advanceTo(plan.nextRunOn);
  env.stripe.failNextRequests(1, 500);
  await env.tick();
  let run = (await view(owner.token, plan.id)).runs[0]!;
  expect(run).toMatchObject({ status: "ORDERED", failedAttempts: 0 });
  env.advance(0.5 / 24);
  await env.tick();
  expect(chargesOf(plan.id).map((c) => c.status)).toEqual([500]);
  env.advance(0.6 / 24);
  await env.tick();
  run = (await view(owner.token, plan.id)).runs[0]!;
  expect(run.status).toBe("PAID");
  const charges = chargesOf(plan.id);
  expect(charges.map((c) => [c.status, c.idempotencyKey])).toEqual([
    [500, run.runKey],
    [200, run.runKey],
  ]);
  await execute(gateway(), CancelCarePlanDocument, { input: { carePlanId: plan.id } }, owner.token);
});

it("a paused plan does not run; skip moves the next run by one interval; a cancelled plan cannot be resumed", async () => {
  const { owner, plan } = await paidPlan("rules");
  const id = { input: { carePlanId: plan.id } };
  const paused = await execute(gateway(), PauseCarePlanDocument, id, owner.token);
  expect(paused.data!.pauseCarePlan).toMatchObject({ __typename: "CarePlan", status: "PAUSED" });
  advanceTo(addDays(plan.nextRunOn, 1));
  await env.tick();
  expect((await view(owner.token, plan.id)).runs).toHaveLength(1);
  expect(chargesOf(plan.id)).toHaveLength(0);

  // Resuming after the run date passed: the next run is the first one not in the past.
  const resumed = await execute(gateway(), ResumeCarePlanDocument, id, owner.token);
  if (resumed.data!.resumeCarePlan.__typename !== "CarePlan") throw new Error("not resumed");
  const next = resumed.data!.resumeCarePlan.nextRunOn;
  expect(next > day(env.now())).toBe(true);
  const skipped = await execute(gateway(), SkipNextCarePlanRunDocument, id, owner.token);
  if (skipped.data!.skipNextCarePlanRun.__typename !== "CarePlan") throw new Error("not skipped");
  const after = skipped.data!.skipNextCarePlanRun.nextRunOn;
  const [y, m] = next.split("-").map(Number) as [number, number];
  expect(Number(after.slice(5, 7))).toBe(m === 12 ? 1 : m + 1);
  expect(Number(after.slice(0, 4))).toBe(m === 12 ? y + 1 : y);
  advanceTo(next);
  await env.tick();
  expect((await view(owner.token, plan.id)).runs).toHaveLength(1);

  const changed = await execute(
    gateway(),
    UpdateCarePlanDocument,
    { input: { carePlanId: plan.id, quantities: [{ variantId: shop.variantIds[0]!, quantity: 4 }] } },
    owner.token,
  );
  expect(changed.data!.updateCarePlan).toMatchObject({ lines: [{ quantity: 4 }] });
  const cancelled = await execute(gateway(), CancelCarePlanDocument, id, owner.token);
  expect(cancelled.data!.cancelCarePlan).toMatchObject({ status: "CANCELLED" });
  const again = await execute(gateway(), ResumeCarePlanDocument, id, owner.token);
  expect(again.data!.resumeCarePlan).toMatchObject({ __typename: "CarePlanStateError", code: "CARE_PLAN_STATE" });
  advanceTo(addDays(after, 1));
  await env.tick();
  expect((await view(owner.token, plan.id)).runs).toHaveLength(1);
  expect(chargesOf(plan.id)).toHaveLength(0);
});

it("a prescription without refills left is left out of a run, not charged, and owner and clinic are told", async () => {
  const { owner, petId, vet } = await ownerPetAndVet(env.stack);
  const prescribed = await execute(
    gateway(),
    RecordMedicationDocument,
    {
      input: {
        petId,
        kind: "PRESCRIPTION",
        drug: "Carprofen 50 mg",
        code: CARPROFEN,
        dose: 1,
        doseUnit: "tablet",
        route: "ORAL",
        frequency: "once daily",
        startsOn: day(new Date()),
        refills: 1,
      },
    },
    vet.token,
  );
  expect(prescribed.errors).toBeUndefined();
  const created = await createPlan(env.stack, owner.token, {
    petId,
    lines: [
      { variantId: shop.variantIds[0]!, quantity: 1 },
      { variantId: pharmacy.variantIds[0]!, quantity: 1 },
    ],
    interval: MONTHLY,
  });
  await payFirstOrder(env, owner.token, created.order.id);
  // The first order's carprofen ships: ehr takes its one refill.
  const paid = (await execute(gateway(), OrderDocument, { id: created.order.id }, owner.token)).data!.order!;
  const part = paid.vendorOrders.find((v) => v.vendor?.id === pharmacy.vendor.vendorId)!;
  const shipped = await execute(
    gateway(),
    MarkShippedDocument,
    {
      input: {
        vendorOrderId: part.id,
        carrier: "UPS",
        trackingNumber: "1Z1",
        lines: [{ orderLineId: part.lines[0]!.id, quantity: 1 }],
      },
    },
    pharmacy.vendor.token,
  );
  expect(shipped.errors).toBeUndefined();
  await eventually(
    async () =>
      (await execute(gateway(), PetActivePrescriptionsDocument, { id: petId }, owner.token)).data!.pet!
        .activePrescriptions![0]!.refillsLeft,
    (left) => left === 0,
    15_000,
  );

  advanceTo(created.carePlan.nextRunOn);
  await env.tick();
  const run = (await view(owner.token, created.carePlan.id)).runs[0]!;
  expect(run).toMatchObject({
    status: "PAID",
    skippedLines: [{ variant: { id: pharmacy.variantIds[0] }, reason: "NO_REFILLS_LEFT" }],
  });
  const order = (await execute(gateway(), OrderDocument, { id: run.orderId! }, owner.token)).data!.order!;
  expect(order.vendorOrders.map((v) => v.vendor?.id)).toEqual([shop.vendor.vendorId]);
  const [charge] = chargesOf(created.carePlan.id);
  expect(charge!.body.amount).toBe(String(order.total.amountMinor));
  const [toOwner] = await typesOf(owner.token, "CARE_PLAN_PRESCRIPTION_EXHAUSTED", 1);
  expect(toOwner!.body).toContain("not ordered or charged");
  const [toVet] = await typesOf(vet.token, "CARE_PLAN_PRESCRIPTION_EXHAUSTED", 1);
  expect(toVet!.title).toContain("Prescription renewal needed");
  await execute(gateway(), CancelCarePlanDocument, { input: { carePlanId: created.carePlan.id } }, owner.token);
});
