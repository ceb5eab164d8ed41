// Care plans through the gateway: an owner's recurring order for a pet, placed by orders' scheduler
// (ticked explicitly under a clock the test moves) through checkout's own pricing, stock and
// prescription checks, and charged off-session at a Stripe stand-in with the run key as idempotency key.
import {
  AddToCartDocument,
  CancelCarePlanDocument,
  CarePlanDocument,
  CreateCarePlanDocument,
  MyCarePlansDocument,
  MyOrdersDocument,
  PauseCarePlanDocument,
  SetShippingAddressDocument,
} from "../clients/__generated__/graphql";
import {
  carePlanStack,
  createPlan,
  notificationsOf,
  ownerWithPet,
  payFirstOrder,
  type CarePlanStack,
} from "./care-plans-fixtures";
import { registerUser } from "./fixtures";
import { eventually, execute, onlyError } from "./harness";
import { flatShipping, shopWithStock, US_ADDRESS } from "./orders-fixtures";

let env: CarePlanStack;
let shop: Awaited<ReturnType<typeof shopWithStock>>;
const gateway = () => env.stack.gateway.url;
const MONTHLY = { unit: "MONTH" as const, count: 1 };

beforeAll(async () => {
  env = await carePlanStack();
  shop = await shopWithStock(
    env.stack,
    [
      { priceMinor: 3000, stock: 500 },
      { priceMinor: 1200, stock: 500 },
    ],
    {
      label: "plan-shop",
    },
  );
  await flatShipping(env.stack, shop.vendor, 500);
  // A stack of its own with two shops: slow to start on a loaded machine.
}, 120_000);
afterAll(async () => {
  await env?.stop();
});

/** The calendar day `months` after `day`, clamped to the month's end: worked out here on its own. */
function monthsAfter(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}
const today = () => env.now().toISOString().slice(0, 10);
/** Moves the clock to the start (06:00 UTC) of `day`. */
function advanceTo(day: string) {
  const target = new Date(`${day}T06:00:00Z`).getTime();
  env.advance((target - env.now().getTime()) / 86_400_000);
}

async function view(token: string, id: string) {
  const result = await execute(gateway(), CarePlanDocument, { id }, token);
  if (!result.data?.carePlan) throw new Error(JSON.stringify(result.errors));
  return result.data.carePlan;
}

/** A monthly plan of 2 × variant 0 whose first order is paid (its card saved). */
async function paidPlan(label: string) {
  const { owner, petId } = await ownerWithPet(env.stack, label);
  const created = await createPlan(env.stack, owner.token, {
    petId,
    lines: [{ variantId: shop.variantIds[0]!, quantity: 2 }],
    interval: MONTHLY,
  });
  await payFirstOrder(env, owner.token, created.order.id);
  return { owner, petId, plan: created.carePlan, firstOrder: created.order };
}

const chargesOf = (planId: string) =>
  env.stripe.offSessionCharges().filter((r) => r.idempotencyKey?.startsWith(`careplan:${planId}:`));

async function cancel(token: string, id: string) {
  const result = await execute(gateway(), CancelCarePlanDocument, { input: { carePlanId: id } }, token);
  expect(result.data?.cancelCarePlan.__typename).toBe("CarePlan");
}

describe("creating a plan", () => {
  it("turns cart lines into a plan, places its first order with a Stripe customer, and saves the card once paid", async () => {
    const { owner, petId } = await ownerWithPet(env.stack, "from-cart");
    const added = await execute(
      gateway(),
      AddToCartDocument,
      { input: { variantId: shop.variantIds[1]!, quantity: 3 } },
      owner.token,
    );
    const lineId = added.data!.addToCart.cart.lines[0]!.id;
    await execute(gateway(), SetShippingAddressDocument, { input: US_ADDRESS }, owner.token);
    const created = await createPlan(env.stack, owner.token, {
      petId,
      cartLineIds: [lineId],
      interval: { unit: "WEEK" as const, count: 2 },
      shippingAddress: null,
    });
    expect(created.carePlan).toMatchObject({
      kind: "PRODUCTS",
      status: "ACTIVE",
      currency: "USD",
      payOnDelivery: false,
      paymentMethodSaved: false,
      interval: { unit: "WEEK", count: 2 },
      lines: [{ variant: { id: shop.variantIds[1] }, quantity: 3 }],
      shippingMethods: [{ vendor: { id: shop.vendor.vendorId } }],
    });
    const twoWeeks = new Date(Date.parse(`${today()}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    expect(created.carePlan.nextRunOn).toBe(twoWeeks);
    expect(created.carePlan.runs).toEqual([
      expect.objectContaining({ periodStart: today(), runKey: `careplan:${created.carePlan.id}:${today()}` }),
    ]);
    // 3 × 12.00 + 5.00 shipping (and the destination's tax), priced by checkout's own calculator.
    expect(created.order.subtotal.amountMinor).toBe(3600);
    expect(created.order.shipping.amountMinor).toBe(500);
    expect(created.order.total.amountMinor).toBe(4100 + created.order.tax.amountMinor);
    expect(created.payment?.clientSecret).toEqual(expect.any(String));
    const create = env.stripe.requests.find(
      (r) =>
        r.path === "/v1/payment_intents" &&
        r.body.metadata &&
        (r.body.metadata as { orderId?: string }).orderId === created.order.id,
    )!;
    expect(create.body).toMatchObject({ setup_future_usage: "off_session", customer: expect.stringMatching(/^cus_/) });

    await payFirstOrder(env, owner.token, created.order.id);
    await env.tick();
    const plan = await view(owner.token, created.carePlan.id);
    expect(plan.paymentMethodSaved).toBe(true);
    expect(plan.runs[0]).toMatchObject({ status: "PAID" });
    const mine = await execute(gateway(), MyCarePlansDocument, { first: 5 }, owner.token);
    expect(mine.data!.myCarePlans!.edges.map((e) => e.node.id)).toEqual([created.carePlan.id]);
    await cancel(owner.token, created.carePlan.id);
  });

  it("refuses bad input field by field, and nobody but the owner sees or changes a plan", async () => {
    const { owner, petId } = await ownerWithPet(env.stack, "bad-input");
    const attempt = (input: Record<string, unknown>) =>
      execute(
        gateway(),
        CreateCarePlanDocument,
        {
          input: {
            petId,
            lines: [{ variantId: shop.variantIds[0]!, quantity: 1 }],
            interval: MONTHLY,
            shippingAddress: US_ADDRESS,
            ...input,
          } as never,
        },
        owner.token,
      );
    expect(onlyError(await attempt({ interval: { unit: "MONTH", count: 13 } })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.interval.count",
    });
    expect(
      onlyError(await attempt({ lines: [{ variantId: shop.variantIds[0]!, quantity: 0 }] })).extensions,
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "input.lines[0].quantity" });
    expect(onlyError(await attempt({ cartLineIds: [] })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.lines",
    });
    const stranger = await registerUser(env.stack, "stranger");
    const theirs = await execute(
      gateway(),
      CreateCarePlanDocument,
      {
        input: {
          petId,
          lines: [{ variantId: shop.variantIds[0]!, quantity: 1 }],
          interval: MONTHLY,
          shippingAddress: US_ADDRESS,
        },
      },
      stranger.token,
    );
    expect(onlyError(theirs).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.petId" });

    const { owner: planOwner, plan } = await paidPlan("private");
    const seen = await execute(gateway(), CarePlanDocument, { id: plan.id }, stranger.token);
    expect(onlyError(seen).extensions).toMatchObject({ code: "NOT_FOUND" });
    const paused = await execute(gateway(), PauseCarePlanDocument, { input: { carePlanId: plan.id } }, stranger.token);
    expect(onlyError(paused).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.carePlanId" });
    const none = await execute(gateway(), MyCarePlansDocument, {}, stranger.token);
    expect(none.data!.myCarePlans!.edges).toEqual([]);
    await cancel(planOwner.token, plan.id);
  });
});

describe("the scheduler", () => {
  it("two ticks at once for the same period place one order and make one charge, keyed by the run", async () => {
    const { owner, plan, firstOrder } = await paidPlan("twice");
    const due = monthsAfter(plan.runs[0]!.periodStart, 1);
    expect(plan.nextRunOn).toBe(due);
    advanceTo(due);
    await Promise.all([env.tick(), env.tick()]);
    await env.tick();

    const runs = (await view(owner.token, plan.id)).runs;
    expect(runs.map((r) => [r.periodStart, r.status])).toEqual([
      [due, "PAID"],
      [plan.runs[0]!.periodStart, "PAID"],
    ]);
    const charges = chargesOf(plan.id);
    expect(charges.map((c) => c.idempotencyKey)).toEqual([`careplan:${plan.id}:${due}`]);
    // The same pricing as the first order: 2 × 30.00 + 5.00 shipping + tax.
    expect(firstOrder.subtotal.amountMinor).toBe(6000);
    expect(charges[0]!.body).toMatchObject({
      amount: String(firstOrder.total.amountMinor),
      confirm: "true",
      off_session: "true",
    });
    const orders = (await execute(gateway(), MyOrdersDocument, { first: 10 }, owner.token)).data!.myOrders!.edges;
    expect(orders.map((e) => e.node.status)).toEqual(["PAID", "PAID"]);
    expect(orders[0]!.node.id).toBe(runs[0]!.orderId);
    expect((await view(owner.token, plan.id)).nextRunOn).toBe(monthsAfter(plan.runs[0]!.periodStart, 2));
    await cancel(owner.token, plan.id);
  });

  it("reminds the owner 3 days before a run, once, with a link to skip it", async () => {
    const { owner, plan } = await paidPlan("reminded");
    const due = monthsAfter(plan.runs[0]!.periodStart, 1);
    advanceTo(new Date(Date.parse(`${due}T00:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10));
    await env.tick();
    await env.tick();
    const notices = await eventually(
      () => notificationsOf(env.stack, owner.token),
      (n) => n.some((x) => x.type === "CARE_PLAN_RUN_UPCOMING"),
      10_000,
    );
    const reminders = notices.filter((n) => n.type === "CARE_PLAN_RUN_UPCOMING");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body).toContain(`care-plans/${plan.id}?skip=${due}`);
    expect(chargesOf(plan.id)).toEqual([]);
    await cancel(owner.token, plan.id);
  });
});
