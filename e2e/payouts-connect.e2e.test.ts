// Stripe Connect through the gateway (the stand-in): a vendor's admin onboards once, Stripe's
// account.updated (re-read, never trusted) enables payouts, and so does coming back from onboarding.
// One order from two connected vendors, paid once by Stripe: each vendor order is
// transferred on its own (its amount, its destination, the one charge as source_transaction, the
// order as transfer group), even when both ship at the same moment; a refund of one vendor's line
// reverses only that vendor's share.
import {
  AddToCartDocument,
  FinalizePaymentDocument,
  PlaceOrderDocument,
  RefundOrderDocument,
  SetShippingAddressDocument,
  StartCheckoutDocument,
  StartPayoutOnboardingDocument,
  VendorPayoutAccountDocument,
  VendorPayoutLedgerDocument,
} from "../clients/__generated__/graphql";
import { StripeStandIn } from "../subgraphs/orders/test/stripe-stand-in";
import { sql } from "./catalog-fixtures";
import { registerVerifiedUser } from "./fixtures";
import { eventually, execute, type Stack } from "./harness";
import { US_ADDRESS } from "./orders-fixtures";
import {
  CONNECT_WEBHOOK_SECRET,
  connectShop,
  deliver,
  payoutShop,
  payoutStack,
  REFRESH_URL,
  RETURN_URL,
  shipAll,
  type Shop,
} from "./payouts-fixtures";

const stripe = new StripeStandIn();
let stack: Stack;
let first: Shop;
let second: Shop;
const accounts = new Map<string, string>();

beforeAll(async () => {
  stack = await payoutStack(stripe);
  first = await payoutShop(stack, "first-payout-shop", 4000, 500);
  second = await payoutShop(stack, "second-payout-shop", 1250, 300);
  accounts.set(first.vendor.vendorId, await connectShop(stack, stripe, first));
  accounts.set(second.vendor.vendorId, await connectShop(stack, stripe, second));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await stripe.stop();
});

const gateway = () => stack.gateway.url;

const ledgerOf = async (shop: Shop, orderId: string) =>
  (await execute(gateway(), VendorPayoutLedgerDocument, { vendorId: shop.vendor.vendorId }, shop.vendor.token))
    .data!.vendorPayoutLedger!.edges.map((e) => e.node)
    .filter((e) => e.orderId === orderId);

it("two vendor orders shipped at once: one transfer each, from the one charge, and a refund reverses only its vendor's share", async () => {
  const buyer = await registerVerifiedUser(stack, "two-shops-buyer");
  for (const [shop, quantity] of [
    [first, 1],
    [second, 4],
  ] as const)
    await execute(gateway(), AddToCartDocument, { input: { variantId: shop.variantIds[0]!, quantity } }, buyer.token);
  await execute(gateway(), SetShippingAddressDocument, { input: US_ADDRESS }, buyer.token);
  expect((await execute(gateway(), StartCheckoutDocument, {}, buyer.token)).data!.startCheckout.__typename).toBe(
    "CheckoutStarted",
  );
  const placed = (await execute(gateway(), PlaceOrderDocument, {}, buyer.token)).data!.placeOrder;
  if (placed.__typename !== "OrderPlaced") throw new Error(JSON.stringify(placed));
  const order = placed.order;
  const intent = [...stripe.paymentIntents.values()].find((pi) => pi.metadata.orderId === order.id)!;
  const charge = stripe.succeed(intent.id).latest_charge;
  await execute(gateway(), FinalizePaymentDocument, { paymentIntentId: intent.id }, buyer.token);
  const partOf = (shop: Shop) => order.vendorOrders.find((v) => v.vendor?.id === shop.vendor.vendorId)!;

  const [shippedFirst, shippedSecond] = await Promise.all([
    shipAll(stack, first, partOf(first)),
    shipAll(stack, second, partOf(second)),
  ]);
  const owed = (v: typeof shippedFirst) => v.total.amountMinor - v.commission!.amountMinor;
  await eventually(
    () => Promise.all([ledgerOf(first, order.id), ledgerOf(second, order.id)]),
    (ledgers) => ledgers.every((entries) => entries[0]?.status === "SUCCEEDED"),
  );
  const transfers = [...stripe.connect.transfers.values()].filter((t) => t.transfer_group === order.id);
  expect(
    transfers
      .map((t) => ({ destination: t.destination, amount: t.amount, source: t.source_transaction }))
      .sort((a, b) => a.amount - b.amount),
  ).toEqual(
    [
      { destination: accounts.get(first.vendor.vendorId), amount: owed(shippedFirst), source: charge },
      { destination: accounts.get(second.vendor.vendorId), amount: owed(shippedSecond), source: charge },
    ].sort((a, b) => a.amount - b.amount),
  );
  const keys = stripe.requests.filter((r) => r.path === "/v1/transfers" && r.body.transfer_group === order.id);
  expect(keys.map((r) => r.idempotencyKey).sort()).toEqual(
    [`transfer:${order.id}:${first.vendor.vendorId}`, `transfer:${order.id}:${second.vendor.vendorId}`].sort(),
  );

  // The second vendor refunds one of its four units: its transfer is reversed, the first's is not.
  const line = shippedSecond.lines[0]!;
  const refund = (
    await execute(
      gateway(),
      RefundOrderDocument,
      {
        input: {
          orderId: order.id,
          lines: [{ orderLineId: line.id, quantity: 1 }],
          includeShipping: false,
          reason: "Wrong flavour",
          restock: false,
        },
      },
      second.vendor.token,
    )
  ).data!.refundOrder;
  const reversed = await eventually(
    () => ledgerOf(second, order.id),
    (entries) => entries.some((e) => e.direction === "DEBIT" && e.status === "SUCCEEDED"),
  );
  const gross = Math.round(line.total.amountMinor / 4);
  const commissionBack = Math.round(shippedSecond.commission!.amountMinor / 4);
  expect(reversed.find((e) => e.direction === "DEBIT")).toMatchObject({
    refundId: refund.id,
    amount: { amountMinor: gross - commissionBack },
    commission: { amountMinor: commissionBack },
  });
  expect(transfers.map((t) => [t.destination, stripe.connect.transfers.get(t.id)!.amount_reversed]).sort()).toEqual(
    [
      [accounts.get(first.vendor.vendorId), 0],
      [accounts.get(second.vendor.vendorId), gross - commissionBack],
    ].sort(),
  );
  expect((await ledgerOf(first, order.id)).map((e) => e.direction)).toEqual(["CREDIT"]);
});

it("a vendor's admin connects a Stripe Express account once; account.updated enables payouts", async () => {
  const shop = await payoutShop(stack, "onboarding-shop");
  const vendorId = shop.vendor.vendorId;
  const before = await execute(gateway(), VendorPayoutAccountDocument, { vendorId }, shop.vendor.token);
  expect(before.data!.vendorPayoutAccount).toMatchObject({
    status: "NOT_CONNECTED",
    stripeAccountId: null,
    payoutsEnabled: false,
  });

  const first = await execute(gateway(), StartPayoutOnboardingDocument, { input: { vendorId } }, shop.vendor.token);
  const second = await execute(gateway(), StartPayoutOnboardingDocument, { input: { vendorId } }, shop.vendor.token);
  const account = first.data!.startPayoutOnboarding.account;
  expect(account).toMatchObject({ status: "ONBOARDING", payoutsEnabled: false, vendor: { id: vendorId } });
  expect(second.data!.startPayoutOnboarding.account.stripeAccountId).toBe(account.stripeAccountId);
  expect(first.data!.startPayoutOnboarding.url).toMatch(/^https:\/\/connect\.stripe\.com\/setup\//);
  expect(second.data!.startPayoutOnboarding.url).not.toBe(first.data!.startPayoutOnboarding.url);
  expect([...stripe.connect.accounts.values()].filter((a) => a.metadata.vendorId === vendorId)).toHaveLength(1);
  const creates = stripe.requests.filter(
    (r) =>
      r.path === "/v1/accounts" && r.body.metadata && (r.body.metadata as Record<string, string>).vendorId === vendorId,
  );
  expect(creates.map((r) => [r.idempotencyKey, r.body.type])).toEqual([[`account:${vendorId}`, "express"]]);
  const link = stripe.requests.find(
    (r) => r.path === "/v1/account_links" && r.body.account === account.stripeAccountId,
  )!;
  expect(link.body).toMatchObject({ type: "account_onboarding", return_url: RETURN_URL, refresh_url: REFRESH_URL });

  // Stripe tells us the account changed: the event is a notice, the account is re-read (a forged
  // payouts_enabled in the body changes nothing), then Stripe enables payouts and the webhook keeps it.
  const id = account.stripeAccountId!;
  const stored = () =>
    sql<{ enabled: boolean }>(
      stack,
      `SELECT payouts_enabled AS enabled FROM orders.payout_accounts WHERE stripe_account_id = $1`,
      [id],
    );
  const forged = stripe.eventFor("account.updated", { ...stripe.connect.accounts.get(id)!, payouts_enabled: true });
  expect(await deliver(stack, stripe, forged)).toBe(200);
  await eventually(
    () =>
      sql<{ n: number }>(
        stack,
        `SELECT count(*)::int AS n FROM orders.webhook_events WHERE id = $1 AND processed_at IS NOT NULL`,
        [forged.id],
      ),
    (rows) => rows[0]!.n === 1,
  );
  expect(await stored()).toEqual([{ enabled: false }]);
  const enabled = stripe.connect.updateAccount(id, { payoutsEnabled: true });
  // Stripe's Connect endpoint signs with its own secret; any other secret is refused and stores nothing.
  const update = stripe.eventFor("account.updated", enabled);
  expect(await deliver(stack, stripe, update, "whsec_someone_else")).toBe(400);
  expect(await sql(stack, `SELECT id FROM orders.webhook_events WHERE id = $1`, [update.id])).toEqual([]);
  expect(await deliver(stack, stripe, update, CONNECT_WEBHOOK_SECRET)).toBe(200);
  expect(await eventually(stored, (rows) => rows[0]?.enabled === true)).toEqual([{ enabled: true }]);
  const after = await execute(gateway(), VendorPayoutAccountDocument, { vendorId }, shop.vendor.token);
  expect(after.data!.vendorPayoutAccount).toEqual({
    vendor: { id: vendorId },
    status: "ENABLED",
    stripeAccountId: id,
    payoutsEnabled: true,
    detailsSubmitted: true,
  });
});

it("without account.updated, reading the payout account while onboarding re-reads it from Stripe", async () => {
  const shop = await payoutShop(stack, "returning-shop");
  const vendorId = shop.vendor.vendorId;
  const started = await execute(gateway(), StartPayoutOnboardingDocument, { input: { vendorId } }, shop.vendor.token);
  const id = started.data!.startPayoutOnboarding.account.stripeAccountId!;
  const onboarding = await execute(gateway(), VendorPayoutAccountDocument, { vendorId }, shop.vendor.token);
  expect(onboarding.data!.vendorPayoutAccount!.status).toBe("ONBOARDING");
  // The vendor finished onboarding and came back by the return URL before any webhook arrived.
  stripe.connect.updateAccount(id, { payoutsEnabled: true });
  const back = await execute(gateway(), VendorPayoutAccountDocument, { vendorId }, shop.vendor.token);
  expect(back.data!.vendorPayoutAccount).toMatchObject({ status: "ENABLED", payoutsEnabled: true });
});
