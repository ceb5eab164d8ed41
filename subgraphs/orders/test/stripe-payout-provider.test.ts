import { PaymentProviderError } from "../src/payment/payment-provider";
import { StripePaymentProvider } from "../src/payment/stripe-payment-provider";
import { StripePayoutProvider } from "../src/payout/stripe-payout-provider";
import { StripeStandIn } from "./stripe-stand-in";

// The payout adapter on the real stripe-node client, against the stand-in's Connect endpoints.
const standIn = new StripeStandIn("sk_test_payouts");
let payments: StripePaymentProvider;
let payouts: StripePayoutProvider;
const urls = { returnUrl: "https://app.test/done", refreshUrl: "https://app.test/refresh" };

beforeAll(async () => {
  const { host, port } = await standIn.start();
  payments = new StripePaymentProvider({
    secretKey: "sk_test_payouts",
    publishableKey: "pk_test_payouts",
    webhookSecret: "whsec_test_payouts",
    apiHost: host,
    apiPort: port,
    apiProtocol: "http",
    timeoutMs: 2_000,
    maxNetworkRetries: 2,
  });
  payouts = new StripePayoutProvider(payments.stripe);
});
afterAll(() => standIn.stop());
beforeEach(() => standIn.failNextRequests(0));

/** A succeeded payment of `amountMinor` USD: its PaymentIntent id and charge id. */
async function paid(amountMinor: number) {
  const payment = await payments.createPayment({
    orderId: `ord-${Date.now()}-${Math.random()}`,
    orderNumber: "PG-1",
    amountMinor,
    currency: "USD",
    buyerId: "user-1",
  });
  const intent = standIn.succeed(payment.reference);
  return { paymentReference: payment.reference, charge: intent.latest_charge!, orderId: intent.metadata.orderId! };
}

async function enabledAccount(vendorId: string) {
  const account = await payouts.createAccount(vendorId);
  standIn.connect.updateAccount(account.id, { payoutsEnabled: true });
  return account.id;
}

it("creates one Express account per vendor, however often asked, and reads its flags back", async () => {
  const first = await payouts.createAccount("vendor-1");
  const again = await payouts.createAccount("vendor-1");
  expect(again.id).toBe(first.id);
  expect(first).toEqual({ id: expect.stringMatching(/^acct_/), payoutsEnabled: false, detailsSubmitted: false });
  standIn.connect.updateAccount(first.id, { payoutsEnabled: true });
  expect(await payouts.retrieveAccount(first.id)).toEqual({
    id: first.id,
    payoutsEnabled: true,
    detailsSubmitted: true,
  });
  const link = await payouts.onboardingLink(first.id, urls);
  expect(link.url).toMatch(/^https:\/\/connect\.stripe\.com\//);
  expect(link.expiresAt.getTime()).toBeGreaterThan(Date.now());
});

it("finds a succeeded payment's charge, which stripe-node reads as a Charge", async () => {
  const { paymentReference, charge } = await paid(5_000);
  expect(await payouts.chargeOf(paymentReference)).toBe(charge);
  const read = await payments.stripe.charges.retrieve(charge);
  expect(read).toMatchObject({ id: charge, object: "charge", amount: 5_000, status: "succeeded" });
});

it("transfers from the charge once per key, and reverses at most what was transferred", async () => {
  const destination = await enabledAccount("vendor-2");
  const { charge, orderId } = await paid(10_000);
  const request = {
    idempotencyKey: `transfer:${orderId}:vendor-2`,
    amountMinor: 9_000,
    currency: "USD",
    destination,
    sourceTransaction: charge,
    transferGroup: orderId,
    metadata: { orderId },
  };
  standIn.failNextRequests(1, 503);
  const id = await payouts.createTransfer(request);
  expect(await payouts.createTransfer(request)).toBe(id);
  expect([...standIn.connect.transfers.values()].filter((t) => t.transfer_group === orderId)).toHaveLength(1);
  const reversal = await payouts.createReversal({
    idempotencyKey: "reversal:refund-1:vendor-2",
    transferId: id,
    amountMinor: 4_000,
    metadata: { orderId },
  });
  expect(reversal).toMatch(/^trr_/);
  await expect(
    payouts.createReversal({
      idempotencyKey: "reversal:refund-2:vendor-2",
      transferId: id,
      amountMinor: 5_001,
      metadata: {},
    }),
  ).rejects.toMatchObject({ retryable: false, httpStatus: 400 });
  expect(standIn.connect.transfers.get(id)!.amount_reversed).toBe(4_000);
});

it("a destination without payouts, or more than the charge holds, is refused for good (not retryable)", async () => {
  const inactive = await payouts.createAccount("vendor-3");
  const { charge, orderId } = await paid(1_000);
  const base = { currency: "USD", sourceTransaction: charge, transferGroup: orderId, metadata: {} };
  const refused = await payouts
    .createTransfer({ ...base, idempotencyKey: "t-1", amountMinor: 500, destination: inactive.id })
    .catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(PaymentProviderError);
  expect(refused).toMatchObject({ retryable: false, providerCode: "insufficient_capabilities_for_transfer" });
  const enabled = await enabledAccount("vendor-4");
  await expect(
    payouts.createTransfer({ ...base, idempotencyKey: "t-2", amountMinor: 1_001, destination: enabled }),
  ).rejects.toMatchObject({ retryable: false, providerCode: "balance_insufficient" });
});
