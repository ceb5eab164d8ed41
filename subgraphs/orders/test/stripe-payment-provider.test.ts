import { isUnavailableError } from "@pawgraph/subgraph-kit";
import Stripe from "stripe";
import { PaymentProviderError } from "../src/payment/payment-provider";
import { StripePaymentProvider, type StripeSettings } from "../src/payment/stripe-payment-provider";
import { paymentEventOf, verifyStripeWebhook, WebhookSignatureError } from "../src/payment/stripe-webhook";
import { StripeStandIn } from "./stripe-stand-in";

// The real stripe-node client against a local stand-in that speaks Stripe's wire protocol.
const standIn = new StripeStandIn("sk_test_orders");
let settings: StripeSettings;
let provider: StripePaymentProvider;
let orderSeq = 0;

beforeAll(async () => {
  const { host, port } = await standIn.start();
  settings = {
    secretKey: "sk_test_orders",
    publishableKey: "pk_test_orders",
    webhookSecret: "whsec_test_orders",
    apiHost: host,
    apiPort: port,
    apiProtocol: "http",
    timeoutMs: 2_000,
    maxNetworkRetries: 2,
  };
  provider = new StripePaymentProvider(settings);
});
afterAll(() => standIn.stop());
beforeEach(() => {
  standIn.setRefundOutcome("succeeded");
  standIn.failNextRequests(0);
  standIn.delayResponses(0);
});

const buildPaymentInput = (overrides: Partial<Parameters<StripePaymentProvider["createPayment"]>[0]> = {}) => {
  orderSeq += 1;
  return {
    orderId: `ord-${orderSeq}-${Date.now()}`,
    orderNumber: `PG-${1000 + orderSeq}`,
    amountMinor: 4_250,
    currency: "EUR",
    buyerId: "user-1",
    ...overrides,
  };
};
const recordOf = (payment: { reference: string; amountMinor: number; currency: string }, orderId: string) => ({
  ...payment,
  orderId,
});
const requestsWithKey = (key: string) => standIn.requests.filter((request) => request.idempotencyKey === key);

describe("StripePaymentProvider", () => {
  it("creates one PaymentIntent per order and amount, replaying a repeated create", async () => {
    const input = buildPaymentInput();
    const first = await provider.createPayment(input);
    const again = await provider.createPayment(input);

    expect(again).toEqual(first);
    expect(first).toEqual({
      reference: expect.stringMatching(/^pi_/),
      status: "REQUIRES_ACTION",
      amountMinor: 4_250,
      amountReceivedMinor: 0,
      currency: "EUR",
      clientSecret: expect.stringMatching(new RegExp(`^${first.reference}_secret_`)),
      orderId: input.orderId,
      lastError: null,
    });
    const key = `pi:${input.orderId}:4250:EUR`;
    expect(requestsWithKey(key).map((request) => request.replayed)).toEqual([false, true]);
    expect(requestsWithKey(key)[0]?.body).toEqual({
      amount: "4250",
      currency: "eur",
      automatic_payment_methods: { enabled: "true" },
      transfer_group: input.orderId,
      metadata: { orderId: input.orderId, orderNumber: input.orderNumber, buyerId: "user-1" },
    });
    expect(standIn.paymentIntents.get(first.reference)?.transfer_group).toBe(input.orderId);
  });

  it("creates a new PaymentIntent when the order's amount changed", async () => {
    const input = buildPaymentInput();
    const first = await provider.createPayment(input);
    const changed = await provider.createPayment({ ...input, amountMinor: 5_000 });
    expect(changed.reference).not.toBe(first.reference);
    expect(changed.amountMinor).toBe(5_000);
  });

  it("maps Stripe's statuses, keeping a declined payment open for another attempt", async () => {
    const input = buildPaymentInput();
    const created = await provider.createPayment(input);
    const record = recordOf(created, input.orderId);

    standIn.fail(created.reference);
    expect(await provider.retrievePayment(record)).toMatchObject({
      status: "REQUIRES_ACTION",
      lastError: "Your card was declined.",
    });
    standIn.process(created.reference);
    expect((await provider.retrievePayment(record)).status).toBe("PROCESSING");
    standIn.succeed(created.reference);
    expect(await provider.retrievePayment(record)).toMatchObject({
      status: "SUCCEEDED",
      amountReceivedMinor: 4_250,
      lastError: null,
    });
  });

  it("cancels an unpaid payment and refuses to cancel a paid one", async () => {
    const open = buildPaymentInput();
    const openPayment = await provider.createPayment(open);
    expect((await provider.cancelPayment(recordOf(openPayment, open.orderId))).status).toBe("CANCELED");

    const paid = buildPaymentInput();
    const paidPayment = await provider.createPayment(paid);
    standIn.succeed(paidPayment.reference);
    const error = await provider.cancelPayment(recordOf(paidPayment, paid.orderId)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect(error).toMatchObject({ retryable: false, providerCode: "payment_intent_unexpected_state" });
  });

  describe("refunds", () => {
    const paidPayment = async () => {
      const input = buildPaymentInput({ amountMinor: 10_000 });
      const payment = await provider.createPayment(input);
      standIn.succeed(payment.reference);
      return { input, payment };
    };
    const refundInput = (orderId: string, paymentReference: string, refundId: string, amountMinor: number) => ({
      refundId,
      orderId,
      paymentReference,
      amountMinor,
      currency: "EUR",
      reason: "Item arrived damaged",
    });

    it("refunds once per refund id, however often it is asked", async () => {
      const { input, payment } = await paidPayment();
      const ask = refundInput(input.orderId, payment.reference, `rf-${input.orderId}`, 3_000);
      const first = await provider.refund(ask);
      const again = await provider.refund(ask);

      expect(again).toEqual(first);
      expect(first).toEqual({
        reference: expect.stringMatching(/^re_/),
        status: "SUCCEEDED",
        amountMinor: 3_000,
        currency: "EUR",
        paymentReference: payment.reference,
        refundId: ask.refundId,
        failureReason: null,
      });
      expect(requestsWithKey(`refund:${ask.refundId}`).map((request) => request.replayed)).toEqual([false, true]);
      expect(standIn.refunds.get(first.reference)?.metadata).toEqual({
        refundId: ask.refundId,
        orderId: input.orderId,
        reason: "Item arrived damaged",
      });
    });

    it("refuses a refund id reused for a different amount", async () => {
      const { input, payment } = await paidPayment();
      const refundId = `rf-r-${input.orderId}`;
      await provider.refund(refundInput(input.orderId, payment.reference, refundId, 1_000));
      const error = await provider
        .refund(refundInput(input.orderId, payment.reference, refundId, 2_000))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ retryable: false, providerCode: "idempotency_error", httpStatus: 400 });
      expect(
        [...standIn.refunds.values()].filter((refund) => refund.payment_intent === payment.reference),
      ).toHaveLength(1);
    });

    it("refuses a refund above what is left to refund", async () => {
      const { input, payment } = await paidPayment();
      await provider.refund(refundInput(input.orderId, payment.reference, `rf-a-${input.orderId}`, 7_000));
      const error = await provider
        .refund(refundInput(input.orderId, payment.reference, `rf-b-${input.orderId}`, 3_001))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ retryable: false, providerCode: "amount_too_large", httpStatus: 400 });
    });

    it("reports pending and failed refunds and reads them back", async () => {
      const { input, payment } = await paidPayment();
      standIn.setRefundOutcome("pending");
      const pending = await provider.refund(
        refundInput(input.orderId, payment.reference, `rf-p-${input.orderId}`, 100),
      );
      expect(pending.status).toBe("PENDING");
      standIn.setRefundOutcome("failed");
      const failed = await provider.refund(refundInput(input.orderId, payment.reference, `rf-f-${input.orderId}`, 100));
      expect(failed).toMatchObject({ status: "FAILED", failureReason: "unknown" });

      const record = { ...failed, refundId: `rf-f-${input.orderId}` };
      expect(await provider.retrieveRefund(record)).toEqual(failed);
    });
  });

  describe("errors", () => {
    it("turns a wrong API key into a non-retryable error that does not echo the key", async () => {
      const wrong = new StripePaymentProvider({ ...settings, secretKey: "sk_test_wrong" });
      const error = await wrong.createPayment(buildPaymentInput()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PaymentProviderError);
      expect(error).toMatchObject({ retryable: false, httpStatus: 401, unavailable: false });
      expect(String((error as Error).message)).not.toContain("sk_test_wrong");
    });

    it("retries a 500 with the same idempotency key and succeeds", async () => {
      const input = buildPaymentInput();
      standIn.failNextRequests(1, 500);
      const payment = await provider.createPayment(input);
      expect(payment.status).toBe("REQUIRES_ACTION");
      expect(requestsWithKey(`pi:${input.orderId}:4250:EUR`).map((request) => request.status)).toEqual([500, 200]);
    });

    it("gives up after its retries with a retryable error", async () => {
      standIn.failNextRequests(3, 503);
      const error = await provider.createPayment(buildPaymentInput()).catch((e: unknown) => e);
      expect(error).toMatchObject({ retryable: true, httpStatus: 503, unavailable: true });
      // The kit's error formatter sends it to clients as SERVICE_UNAVAILABLE, not a masked internal error.
      expect(isUnavailableError(error)).toBe(true);
    });

    it("bounds a call to Stripe that does not answer", async () => {
      const impatient = new StripePaymentProvider({ ...settings, timeoutMs: 200, maxNetworkRetries: 1 });
      standIn.delayResponses(5_000);
      const started = Date.now();
      const error = await impatient.createPayment(buildPaymentInput()).catch((e: unknown) => e);
      // Two attempts of 200 ms and one backoff of at most about a second.
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(error).toMatchObject({ retryable: true });
    });

    it("refuses amounts that are not positive integers before calling Stripe", async () => {
      const before = standIn.requests.length;
      await expect(provider.createPayment(buildPaymentInput({ amountMinor: 10.5 }))).rejects.toMatchObject({
        retryable: false,
      });
      expect(standIn.requests.length).toBe(before);
    });
  });
});

describe("Stripe webhooks", () => {
  const secret = "whsec_test_orders";
  const stripe = new Stripe("sk_test_orders");
  const delivery = (type: string, object: Record<string, unknown>, timestamp?: number) => {
    const payload = JSON.stringify(standIn.eventFor(type, object));
    return { body: Buffer.from(payload), signature: standIn.signedHeader(payload, secret, timestamp) };
  };

  it("accepts a correctly signed delivery and sorts its event", () => {
    const { body, signature } = delivery("payment_intent.succeeded", { id: "pi_123", object: "payment_intent" });
    const event = verifyStripeWebhook(stripe, body, signature, secret);
    expect(paymentEventOf(event)).toEqual({ kind: "payment", eventId: event.id, paymentIntentId: "pi_123" });
  });

  it("sorts refund events, with the payment they belong to", () => {
    const refund = delivery("refund.updated", { id: "re_1", object: "refund", payment_intent: "pi_9" });
    const charge = delivery("charge.refunded", { id: "ch_1", object: "charge", payment_intent: "pi_9" });
    const refundEvent = verifyStripeWebhook(stripe, refund.body, refund.signature, secret);
    const chargeEvent = verifyStripeWebhook(stripe, charge.body, charge.signature, secret);
    expect(paymentEventOf(refundEvent)).toMatchObject({
      kind: "refund",
      refundReference: "re_1",
      paymentIntentId: "pi_9",
    });
    expect(paymentEventOf(chargeEvent)).toMatchObject({
      kind: "refund",
      refundReference: null,
      paymentIntentId: "pi_9",
    });
  });

  it("acknowledges an event type it does not handle as ignored", () => {
    const { body, signature } = delivery("customer.created", { id: "cus_1", object: "customer" });
    const event = verifyStripeWebhook(stripe, body, signature, secret);
    expect(paymentEventOf(event)).toEqual({ kind: "ignored", eventId: event.id, type: "customer.created" });
  });

  it("refuses a wrong signature, a tampered body, a missing header and a stale timestamp", () => {
    const good = delivery("payment_intent.succeeded", { id: "pi_1" });
    const wrongSecret = standIn.signedHeader(good.body.toString(), "whsec_other");
    const tampered = Buffer.from(good.body.toString().replace("pi_1", "pi_2"));
    const stale = delivery("payment_intent.succeeded", { id: "pi_1" }, Math.floor(Date.now() / 1000) - 301);

    expect(() => verifyStripeWebhook(stripe, good.body, wrongSecret, secret)).toThrow(WebhookSignatureError);
    expect(() => verifyStripeWebhook(stripe, tampered, good.signature, secret)).toThrow(WebhookSignatureError);
    expect(() => verifyStripeWebhook(stripe, good.body, undefined, secret)).toThrow(WebhookSignatureError);
    expect(() => verifyStripeWebhook(stripe, stale.body, stale.signature, secret)).toThrow(/tolerance/i);
  });

  it("verifies with the provider's own webhook secret", () => {
    const { body, signature } = delivery("payment_intent.canceled", { id: "pi_5" });
    expect(provider.verifyWebhook(body, signature).type).toBe("payment_intent.canceled");
  });
});
