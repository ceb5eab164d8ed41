// Vendor payouts without Stripe (the offline provider): nothing to connect, every credit and debit is
// recorded as to be settled manually, and the ledger still balances.
import {
  AddToCartDocument,
  PlaceOrderDocument,
  RefundOrderDocument,
  SetShippingAddressDocument,
  StartCheckoutDocument,
  StartPayoutOnboardingDocument,
  VendorPayoutBalancesDocument,
  VendorPayoutLedgerDocument,
} from "../clients/__generated__/graphql";
import { sql, tokenWithVendorRole } from "./catalog-fixtures";
import { registerVerifiedUser } from "./fixtures";
import { execute, onlyError, post, startStack, type Stack } from "./harness";
import { US_ADDRESS } from "./orders-fixtures";
import { payoutShop, shipAll, type Shop } from "./payouts-fixtures";

let stack: Stack;
let shop: Shop;
const gateway = () => stack.gateway.url;

beforeAll(async () => {
  stack = await startStack();
  shop = await payoutShop(stack, "offline-payout-shop", 2000, 300);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

it("there is nothing to connect: the account is MANUAL_ONLY and no link is made", async () => {
  const started = await execute(
    gateway(),
    StartPayoutOnboardingDocument,
    { input: { vendorId: shop.vendor.vendorId } },
    shop.vendor.token,
  );
  expect(started.data!.startPayoutOnboarding).toEqual({
    account: {
      vendor: { id: shop.vendor.vendorId },
      status: "MANUAL_ONLY",
      stripeAccountId: null,
      payoutsEnabled: false,
      detailsSubmitted: false,
    },
    url: null,
    expiresAt: null,
  });
});

it("a fulfilled order is a manual credit, a refund a manual debit, and the manual balance is their difference", async () => {
  const buyer = await registerVerifiedUser(stack, "offline-payout-buyer");
  await execute(gateway(), AddToCartDocument, { input: { variantId: shop.variantIds[0]!, quantity: 3 } }, buyer.token);
  await execute(gateway(), SetShippingAddressDocument, { input: US_ADDRESS }, buyer.token);
  await execute(gateway(), StartCheckoutDocument, {}, buyer.token);
  const placed = await execute(gateway(), PlaceOrderDocument, {}, buyer.token);
  if (placed.data?.placeOrder.__typename !== "OrderPlaced") throw new Error(JSON.stringify(placed));
  const order = placed.data.placeOrder.order;
  expect(order.status).toBe("PAID");
  const shipped = await shipAll(stack, shop, order.vendorOrders[0]!);
  const line = shipped.lines[0]!;
  const refunded = await execute(
    gateway(),
    RefundOrderDocument,
    {
      input: {
        orderId: order.id,
        lines: [{ orderLineId: line.id, quantity: 1 }],
        includeShipping: false,
        reason: "Returned",
        restock: true,
      },
    },
    shop.vendor.token,
  );
  expect(refunded.data!.refundOrder.status).toBe("SUCCEEDED");

  const read = await execute(
    gateway(),
    VendorPayoutLedgerDocument,
    { vendorId: shop.vendor.vendorId },
    shop.vendor.token,
  );
  const entries = read.data!.vendorPayoutLedger!.edges.map((e) => e.node);
  const credit = shipped.total.amountMinor - shipped.commission!.amountMinor;
  const gross = Math.round(line.total.amountMinor / 3);
  const commissionBack = Math.round(shipped.commission!.amountMinor / 3);
  // Newest first.
  expect(
    entries.map((e) => [e.direction, e.amount.amountMinor, e.commission.amountMinor, e.settlement, e.status]),
  ).toEqual([
    ["DEBIT", gross - commissionBack, commissionBack, "MANUAL", "MANUAL"],
    ["CREDIT", credit, shipped.commission!.amountMinor, "MANUAL", "MANUAL"],
  ]);
  const balances = await execute(
    gateway(),
    VendorPayoutBalancesDocument,
    { vendorId: shop.vendor.vendorId },
    shop.vendor.token,
  );
  expect(balances.data!.vendorPayoutBalances).toEqual([
    {
      currency: "USD",
      balanceMinor: credit - (gross - commissionBack),
      transferredMinor: 0,
      reversedMinor: 0,
      manualBalanceMinor: credit - (gross - commissionBack),
      unsettledMinor: 0,
      commissionMinor: shipped.commission!.amountMinor - commissionBack,
    },
  ]);
  const published = await sql<{ settlement: string; direction: string }>(
    stack,
    `SELECT payload->>'settlement' AS settlement, payload->>'direction' AS direction FROM orders.outbox
      WHERE type = 'payout.entry_recorded' AND payload->>'orderId' = $1 ORDER BY payload->>'direction'`,
    [order.id],
  );
  expect(published).toEqual([
    { settlement: "MANUAL", direction: "CREDIT" },
    { settlement: "MANUAL", direction: "DEBIT" },
  ]);
});

it("the vendor's staff may not read its payouts (FORBIDDEN); a stranger is told it does not exist", async () => {
  const colleague = await registerVerifiedUser(stack, "offline-payout-staff");
  await post(
    gateway(),
    {
      query: `mutation($input: AddVendorStaffInput!) { addVendorStaff(input: $input) { __typename } }`,
      variables: { input: { vendorId: shop.vendor.vendorId, email: colleague.email, role: "VENDOR_STAFF" } },
    },
    shop.vendor.token,
  );
  const staff = (await tokenWithVendorRole(stack, colleague.refreshToken, shop.vendor.vendorId, "VENDOR_STAFF")).token;
  const asStaff = await execute(gateway(), VendorPayoutLedgerDocument, { vendorId: shop.vendor.vendorId }, staff);
  expect(onlyError(asStaff).extensions?.code).toBe("FORBIDDEN");
  const stranger = await registerVerifiedUser(stack, "offline-payout-stranger");
  const asStranger = await execute(
    gateway(),
    VendorPayoutLedgerDocument,
    { vendorId: shop.vendor.vendorId },
    stranger.token,
  );
  expect(onlyError(asStranger).extensions).toMatchObject({ code: "NOT_FOUND", field: "vendorId" });
});
