// Care plans without Stripe: the offline provider marks a plan "pay on delivery", its first order and
// every run are accepted as offline orders at once, and nothing is charged through Pawgraph.
import { CarePlanDocument, MyOrdersDocument } from "../clients/__generated__/graphql";
import { carePlanStack, createPlan, ownerWithPet, type CarePlanStack } from "./care-plans-fixtures";
import { execute } from "./harness";
import { flatShipping, shopWithStock } from "./orders-fixtures";

let env: CarePlanStack;
let shop: Awaited<ReturnType<typeof shopWithStock>>;

beforeAll(async () => {
  env = await carePlanStack({ offline: true });
  shop = await shopWithStock(env.stack, [{ priceMinor: 2000, stock: 50 }], { label: "offline-plan-shop" });
  await flatShipping(env.stack, shop.vendor, 400);
  // A stack of its own with two shops: slow to start on a loaded machine.
}, 120_000);
afterAll(async () => {
  await env?.stop();
});

it("a plan is paid on delivery: its first order and each run are accepted offline, nothing is charged", async () => {
  const { owner, petId } = await ownerWithPet(env.stack, "offline-plan");
  const created = await createPlan(env.stack, owner.token, {
    petId,
    lines: [{ variantId: shop.variantIds[0]!, quantity: 2 }],
    interval: { unit: "WEEK", count: 1 },
  });
  expect(created.carePlan).toMatchObject({ payOnDelivery: true, paymentMethodSaved: false });
  expect(created.order).toMatchObject({ status: "PAID", paymentProvider: "OFFLINE" });
  expect(created.payment).toMatchObject({ provider: "OFFLINE", clientSecret: null });
  expect(created.carePlan.runs).toMatchObject([{ status: "PAID" }]);

  env.advance(7);
  await env.tick();
  const plan = (await execute(env.stack.gateway.url, CarePlanDocument, { id: created.carePlan.id }, owner.token)).data!
    .carePlan!;
  expect(plan.runs.map((r) => r.status)).toEqual(["PAID", "PAID"]);
  const orders = (await execute(env.stack.gateway.url, MyOrdersDocument, {}, owner.token)).data!.myOrders!.edges;
  expect(orders.map((e) => [e.node.status, e.node.paymentProvider, e.node.total.amountMinor])).toEqual([
    ["PAID", "OFFLINE", created.order.total.amountMinor],
    ["PAID", "OFFLINE", created.order.total.amountMinor],
  ]);
  expect(env.stripe.requests).toEqual([]);
});
