// Vendor payouts through the gateway with Stripe Connect (the stand-in; onboarding is in
// payouts-connect.e2e.test.ts): shipping a vendor order in full queues exactly one transfer
// (source_transaction = the order's charge, key transfer:{orderId}:{vendorId}); refunds take back the
// vendor's share by reversal, or by a smaller transfer when it was not sent yet; a vendor without an
// account accrues a manual settlement; a refused transfer shows as failed and a retry pays it once.
import {
  MarkDeliveredDocument,
  PayoutCommissionDocument,
  PayoutTransfersDocument,
  RefundOrderDocument,
  RetryPayoutTransferDocument,
  StartPayoutOnboardingDocument,
  VendorPayoutAccountDocument,
  VendorPayoutBalancesDocument,
  VendorPayoutLedgerDocument,
} from "../clients/__generated__/graphql";
import { StripeStandIn } from "../subgraphs/orders/test/stripe-stand-in";
import { sql } from "./catalog-fixtures";
import { adminToken } from "./fixtures";
import { eventually, execute, onlyError, type Stack } from "./harness";
import { connectShop, paidOrder, payoutShop, payoutStack, shipAll, type Shop } from "./payouts-fixtures";

const stripe = new StripeStandIn();
let stack: Stack;
let admin: string;
let connected: Shop;
let accountId: string;
const startedAt = new Date();

beforeAll(async () => {
  stack = await payoutStack(stripe);
  admin = await adminToken(stack);
  connected = await payoutShop(stack, "payout-shop");
  accountId = await connectShop(stack, stripe, connected);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await stripe.stop();
});

const gateway = () => stack.gateway.url;

async function ledger(shop: Shop, first = 100) {
  const read = await execute(
    gateway(),
    VendorPayoutLedgerDocument,
    { vendorId: shop.vendor.vendorId, first },
    shop.vendor.token,
  );
  return read.data!.vendorPayoutLedger!.edges.map((e) => e.node);
}

const entriesOf = async (shop: Shop, orderId: string) => (await ledger(shop)).filter((e) => e.orderId === orderId);

/** The transfer requests Stripe received for an order, as sent (replays and all). */
const transferRequests = (orderId: string) =>
  stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/transfers" && r.body.transfer_group === orderId);

/** What the vendor is owed for a vendor order, from what the gateway shows the vendor. */
const owed = (vendorOrder: { total: { amountMinor: number }; commission: { amountMinor: number } | null }) =>
  vendorOrder.total.amountMinor - vendorOrder.commission!.amountMinor;

it("shipping a vendor order in full makes exactly one transfer of items + shipping − commission from the order's charge", async () => {
  const { order, vendorOrder, intentId } = await paidOrder(stack, stripe, connected, "transfer-buyer", 2);
  const shipped = await shipAll(stack, connected, vendorOrder);
  const amount = owed(shipped);
  expect(amount).toBe(shipped.total.amountMinor - Math.round(shipped.subtotal.amountMinor / 10));

  const [credit] = await eventually(
    () => entriesOf(connected, order.id),
    (entries) => entries[0]?.status === "SUCCEEDED",
  );
  expect(credit).toMatchObject({
    direction: "CREDIT",
    orderNumber: order.number,
    vendorOrderId: vendorOrder.id,
    amount: { amountMinor: amount, currency: "USD" },
    commission: { amountMinor: shipped.commission!.amountMinor, currency: "USD" },
    settlement: "STRIPE_TRANSFER",
    status: "SUCCEEDED",
  });
  // Delivered: fulfilment is told again, which changes nothing.
  await execute(gateway(), MarkDeliveredDocument, { input: { vendorOrderId: vendorOrder.id } }, connected.vendor.token);
  await new Promise((resolve) => setTimeout(resolve, 600));

  const requests = transferRequests(order.id);
  expect(requests).toHaveLength(1);
  expect(requests[0]).toMatchObject({
    idempotencyKey: `transfer:${order.id}:${connected.vendor.vendorId}`,
    status: 200,
    body: {
      amount: String(amount),
      currency: "usd",
      destination: accountId,
      source_transaction: stripe.paymentIntents.get(intentId)!.latest_charge,
      transfer_group: order.id,
    },
  });
  expect([...stripe.connect.transfers.values()].filter((t) => t.transfer_group === order.id)).toHaveLength(1);
  expect(await entriesOf(connected, order.id)).toHaveLength(1);
});

it("a partial refund after the transfer reverses the vendor's share of the refunded unit, less the commission returned", async () => {
  const { order, vendorOrder, lineId } = await paidOrder(stack, stripe, connected, "reversal-buyer", 2);
  const shipped = await shipAll(stack, connected, vendorOrder);
  await eventually(
    () => entriesOf(connected, order.id),
    (entries) => entries[0]?.status === "SUCCEEDED",
  );
  const transfer = [...stripe.connect.transfers.values()].find((t) => t.transfer_group === order.id)!;

  const refunded = await execute(
    gateway(),
    RefundOrderDocument,
    {
      input: {
        orderId: order.id,
        lines: [{ orderLineId: lineId, quantity: 1 }],
        includeShipping: false,
        reason: "One bag torn",
        restock: false,
      },
    },
    connected.vendor.token,
  );
  const refund = refunded.data!.refundOrder;
  expect(refund.status).toBe("SUCCEEDED");
  // The unit's share of the line and of its commission, computed here from what the vendor was shown.
  const line = shipped.lines.find((l) => l.id === lineId)!;
  // Half a line: a half unit rounds up (the refund's own `lineShare` does the same).
  const gross = Math.round(line.total.amountMinor / 2);
  const commissionBack = Math.round(shipped.commission!.amountMinor / 2);
  const entries = await eventually(
    () => entriesOf(connected, order.id),
    (all) => all.some((e) => e.direction === "DEBIT" && e.status === "SUCCEEDED"),
  );
  const debit = entries.find((e) => e.direction === "DEBIT")!;
  expect(debit).toMatchObject({
    refundId: refund.id,
    amount: { amountMinor: gross - commissionBack },
    commission: { amountMinor: commissionBack },
    settlement: "STRIPE_TRANSFER",
    status: "SUCCEEDED",
  });
  const reversals = stripe.requests.filter((r) => r.path === `/v1/transfers/${transfer.id}/reversals`);
  expect(reversals).toHaveLength(1);
  expect(reversals[0]).toMatchObject({
    idempotencyKey: `reversal:${refund.id}:${connected.vendor.vendorId}`,
    body: { amount: String(gross - commissionBack) },
  });
  expect(stripe.connect.transfers.get(transfer.id)!.amount_reversed).toBe(gross - commissionBack);
});

it("a refund before the transfer was sent makes the transfer smaller instead of reversing it", async () => {
  const { order, vendorOrder } = await paidOrder(stack, stripe, connected, "netting-buyer", 2);
  const refundAmount = 1000;
  const refunded = await execute(
    gateway(),
    RefundOrderDocument,
    {
      input: {
        orderId: order.id,
        amountMinor: refundAmount,
        includeShipping: false,
        reason: "Goodwill",
        restock: false,
      },
    },
    admin,
  );
  expect(refunded.data!.refundOrder.status).toBe("SUCCEEDED");
  // Not fulfilled yet: nothing owed, nothing taken back.
  expect(await entriesOf(connected, order.id)).toEqual([]);

  const shipped = await shipAll(stack, connected, vendorOrder);
  // A bare amount takes commission back in proportion to the vendor order's total.
  const commissionBack = Math.round((refundAmount * shipped.commission!.amountMinor) / shipped.total.amountMinor);
  const expected = owed(shipped) - (refundAmount - commissionBack);
  const entries = await eventually(
    () => entriesOf(connected, order.id),
    (all) => all.some((e) => e.direction === "CREDIT" && e.status === "SUCCEEDED"),
  );
  expect(entries.map((e) => [e.direction, e.amount.amountMinor, e.status]).sort()).toEqual(
    [
      ["CREDIT", owed(shipped), "SUCCEEDED"],
      ["DEBIT", refundAmount - commissionBack, "NETTED"],
    ].sort(),
  );
  const requests = transferRequests(order.id);
  expect(requests.map((r) => r.body.amount)).toEqual([String(expected)]);
  expect(
    stripe.requests.filter(
      (r) => r.path.endsWith("/reversals") && (r.body.metadata as Record<string, string>)?.orderId === order.id,
    ),
  ).toEqual([]);
});

it("a vendor without a connected account accrues a manual settlement; Stripe is not asked", async () => {
  const shop = await payoutShop(stack, "manual-shop", 3000, 400);
  const { order, vendorOrder } = await paidOrder(stack, stripe, shop, "manual-buyer", 1);
  const shipped = await shipAll(stack, shop, vendorOrder);
  const [credit] = await eventually(
    () => entriesOf(shop, order.id),
    (entries) => entries.length === 1,
  );
  expect(credit).toMatchObject({
    direction: "CREDIT",
    amount: { amountMinor: owed(shipped) },
    settlement: "MANUAL",
    status: "MANUAL",
  });
  expect(transferRequests(order.id)).toEqual([]);
  const balances = await execute(
    gateway(),
    VendorPayoutBalancesDocument,
    { vendorId: shop.vendor.vendorId },
    shop.vendor.token,
  );
  expect(balances.data!.vendorPayoutBalances).toEqual([
    {
      currency: "USD",
      balanceMinor: owed(shipped),
      transferredMinor: 0,
      reversedMinor: 0,
      manualBalanceMinor: owed(shipped),
      unsettledMinor: 0,
      commissionMinor: shipped.commission!.amountMinor,
    },
  ]);
});

it("a transfer Stripe refuses shows as failed to platform admins; a retry sends it once with the same key", async () => {
  const { order, vendorOrder } = await paidOrder(stack, stripe, connected, "failing-buyer", 1);
  stripe.connect.failNextTransfers(1);
  await shipAll(stack, connected, vendorOrder);
  const [failedEntry] = await eventually(
    () => entriesOf(connected, order.id),
    (entries) => entries[0]?.status === "FAILED",
  );
  expect(failedEntry!.status).toBe("FAILED");
  const failed = await execute(gateway(), PayoutTransfersDocument, { statuses: ["FAILED"], first: 100 }, admin);
  const row = failed.data!.payoutTransfers!.edges.map((e) => e.node).find((t) => t.orderId === order.id)!;
  expect(row).toMatchObject({
    kind: "TRANSFER",
    status: "FAILED",
    attempts: 1,
    idempotencyKey: `transfer:${order.id}:${connected.vendor.vendorId}`,
    stripeId: null,
    vendor: { id: connected.vendor.vendorId },
  });
  expect(row.lastError).toMatch(/not allowed/);

  // Only platform admins retry; the vendor's own admin is told it does not exist.
  const vendorTry = await execute(
    gateway(),
    RetryPayoutTransferDocument,
    { input: { transferId: row.id } },
    connected.vendor.token,
  );
  expect(onlyError(vendorTry).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.transferId" });

  const retried = await execute(gateway(), RetryPayoutTransferDocument, { input: { transferId: row.id } }, admin);
  expect(retried.data!.retryPayoutTransfer.status).toMatch(/PENDING|SUCCEEDED/);
  await eventually(
    () => entriesOf(connected, order.id),
    (entries) => entries[0]?.status === "SUCCEEDED",
  );
  const again = await execute(gateway(), RetryPayoutTransferDocument, { input: { transferId: row.id } }, admin);
  expect(again.data!.retryPayoutTransfer).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
  const requests = transferRequests(order.id);
  expect(requests.map((r) => [r.idempotencyKey, r.status])).toEqual([
    [row.idempotencyKey, 400],
    [row.idempotencyKey, 200],
  ]);
  expect([...stripe.connect.transfers.values()].filter((t) => t.transfer_group === order.id)).toHaveLength(1);
  const pending = await execute(gateway(), PayoutTransfersDocument, { first: 100 }, admin);
  expect(pending.data!.payoutTransfers!.edges.map((e) => e.node.id)).not.toContain(row.id);
});

it("the ledger balances: credits − debits = transferred − reversed + manual, and each entry was published once", async () => {
  await eventually(
    () =>
      execute(gateway(), VendorPayoutBalancesDocument, { vendorId: connected.vendor.vendorId }, connected.vendor.token),
    (read) => read.data?.vendorPayoutBalances?.[0]?.unsettledMinor === 0,
  );
  const entries = await ledger(connected);
  const signed = (e: (typeof entries)[number]) => (e.direction === "CREDIT" ? 1 : -1) * e.amount.amountMinor;
  const transferred = [...stripe.connect.transfers.values()]
    .filter((t) => t.destination === accountId)
    .reduce((sum, t) => sum + t.amount, 0);
  const reversed = [...stripe.connect.transfers.values()]
    .filter((t) => t.destination === accountId)
    .reduce((sum, t) => sum + t.amount_reversed, 0);
  const balance = entries.reduce((sum, e) => sum + signed(e), 0);
  expect(balance).toBe(transferred - reversed);
  const read = await execute(
    gateway(),
    VendorPayoutBalancesDocument,
    { vendorId: connected.vendor.vendorId },
    connected.vendor.token,
  );
  expect(read.data!.vendorPayoutBalances).toEqual([
    {
      currency: "USD",
      balanceMinor: balance,
      transferredMinor: transferred,
      reversedMinor: reversed,
      manualBalanceMinor: 0,
      unsettledMinor: 0,
      commissionMinor: entries.reduce(
        (sum, e) => sum + (e.direction === "CREDIT" ? 1 : -1) * e.commission.amountMinor,
        0,
      ),
    },
  ]);

  const published = await sql<{ payload: Record<string, unknown> }>(
    stack,
    `SELECT payload FROM orders.outbox WHERE type = 'payout.entry_recorded' AND payload->>'vendorId' = $1`,
    [connected.vendor.vendorId],
  );
  expect(published.map((p) => p.payload.entryId).sort()).toEqual(entries.map((e) => e.id).sort());
  const credit = entries.find((e) => e.direction === "CREDIT")!;
  expect(published.find((p) => p.payload.entryId === credit.id)!.payload).toEqual({
    entryId: credit.id,
    vendorId: connected.vendor.vendorId,
    orderId: credit.orderId,
    orderNumber: credit.orderNumber,
    vendorOrderId: credit.vendorOrderId,
    direction: "CREDIT",
    amountMinor: credit.amount.amountMinor,
    commissionMinor: credit.commission.amountMinor,
    currency: "USD",
    settlement: "STRIPE_TRANSFER",
    occurredAt: new Date(credit.createdAt as string).toISOString(),
  });
});

it("platform admins see commission earned per currency: withheld on credits less returned with refunds", async () => {
  const range = { from: startedAt.toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
  const read = await execute(gateway(), PayoutCommissionDocument, range, admin);
  const rows = await sql<{ direction: string; commission: number }>(
    stack,
    `SELECT direction, commission_minor::int AS commission FROM orders.payout_ledger WHERE created_at >= $1`,
    [startedAt],
  );
  const withheld = rows.filter((r) => r.direction === "CREDIT").reduce((s, r) => s + r.commission, 0);
  const returned = rows.filter((r) => r.direction === "DEBIT").reduce((s, r) => s + r.commission, 0);
  expect(withheld).toBeGreaterThan(0);
  expect(returned).toBeGreaterThan(0);
  expect(read.data!.payoutCommission).toEqual([
    {
      currency: "USD",
      withheld: { amountMinor: withheld },
      returned: { amountMinor: returned },
      earned: { amountMinor: withheld - returned },
      entries: rows.length,
    },
  ]);
  const vendorRead = await execute(gateway(), PayoutCommissionDocument, range, connected.vendor.token);
  expect(onlyError(vendorRead).extensions?.code).toBe("FORBIDDEN");
  const backwards = await execute(gateway(), PayoutCommissionDocument, { from: range.to, to: range.from }, admin);
  expect(onlyError(backwards).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
});

it("another vendor's admin gets NOT_FOUND for the ledger, balances, account and onboarding; platform admins read them", async () => {
  const other = await payoutShop(stack, "other-payout-shop");
  const vendorId = connected.vendor.vendorId;
  for (const read of [
    await execute(gateway(), VendorPayoutLedgerDocument, { vendorId }, other.vendor.token),
    await execute(gateway(), VendorPayoutBalancesDocument, { vendorId }, other.vendor.token),
    await execute(gateway(), VendorPayoutAccountDocument, { vendorId }, other.vendor.token),
    await execute(gateway(), StartPayoutOnboardingDocument, { input: { vendorId } }, other.vendor.token),
  ])
    expect(onlyError(read).extensions?.code).toBe("NOT_FOUND");
  const adminRead = await execute(gateway(), VendorPayoutLedgerDocument, { vendorId, first: 1 }, admin);
  expect(adminRead.data!.vendorPayoutLedger!.edges).toHaveLength(1);
});
