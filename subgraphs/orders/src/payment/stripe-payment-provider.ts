import Stripe from "stripe";
import {
  assertAmount,
  normalizeCurrency,
  PaymentProviderError,
  type CreatePaymentInput,
  type OffSessionCharge,
  type OffSessionChargeInput,
  type OffSessionPayments,
  type PaymentProvider,
  type PaymentRecord,
  type ProviderPayment,
  type ProviderPaymentStatus,
  type ProviderRefund,
  type ProviderRefundStatus,
  type RefundInput,
  type RefundRecord,
  type SavedPaymentMethod,
} from "./payment-provider";
import { verifyStripeWebhook } from "./stripe-webhook";

export interface StripeSettings {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
  /** Only to point the client at a stand-in (tests, local development); Stripe's own host otherwise. */
  apiHost?: string;
  apiPort?: number;
  apiProtocol?: "http" | "https";
  /** Per attempt; a call takes at most about (retries + 1) × timeout plus the backoff between. */
  timeoutMs: number;
  /** Retries of connection failures, 409 and 5xx (stripe-node's backoff); our idempotency keys make them safe. */
  maxNetworkRetries?: number;
}

/** Stripe's metadata values are capped at 500 characters. */
const METADATA_VALUE_MAX = 500;

/**
 * Takes payments with Stripe: one PaymentIntent per order (transfer_group = order id, so the
 * vendors' transfers can be grouped with it later), refunds against it. Every write carries an
 * idempotency key derived from our ids, so a retry after a timeout returns the first result.
 */
export class StripePaymentProvider implements PaymentProvider, OffSessionPayments {
  readonly name = "STRIPE" as const;
  readonly offSession: OffSessionPayments = this;
  readonly publishableKey: string;
  readonly stripe: Stripe;
  private readonly webhookSecret: string;

  constructor(settings: StripeSettings) {
    this.publishableKey = settings.publishableKey;
    this.webhookSecret = settings.webhookSecret;
    this.stripe = new Stripe(settings.secretKey, {
      timeout: settings.timeoutMs,
      maxNetworkRetries: settings.maxNetworkRetries ?? 2,
      // Telemetry headers describe our previous request's latency to Stripe; a stand-in has no use for them.
      telemetry: settings.apiHost === undefined,
      ...(settings.apiHost !== undefined ? { host: settings.apiHost } : {}),
      ...(settings.apiPort !== undefined ? { port: settings.apiPort } : {}),
      ...(settings.apiProtocol !== undefined ? { protocol: settings.apiProtocol } : {}),
      appInfo: { name: "pawgraph-orders" },
    });
  }

  async createPayment(input: CreatePaymentInput): Promise<ProviderPayment> {
    assertAmount(input.amountMinor);
    const currency = normalizeCurrency(input.currency);
    const intent = await call(() =>
      this.stripe.paymentIntents.create(
        {
          amount: input.amountMinor,
          currency: currency.toLowerCase(),
          automatic_payment_methods: { enabled: true },
          transfer_group: input.orderId,
          metadata: { orderId: input.orderId, orderNumber: input.orderNumber, buyerId: input.buyerId },
          ...(input.saveFor ? { customer: input.saveFor.customerId, setup_future_usage: "off_session" as const } : {}),
        },
        // A new amount or currency (the cart changed before paying) is a new PaymentIntent.
        { idempotencyKey: `pi:${input.orderId}:${input.amountMinor}:${currency}` },
      ),
    );
    return paymentOf(intent);
  }

  async createCustomer(input: { userId: string; idempotencyKey: string }): Promise<string> {
    const customer = await call(() =>
      this.stripe.customers.create({ metadata: { userId: input.userId } }, { idempotencyKey: input.idempotencyKey }),
    );
    return customer.id;
  }

  async savedPaymentMethod(reference: string): Promise<SavedPaymentMethod | null> {
    const intent = await call(() => this.stripe.paymentIntents.retrieve(reference));
    const customer = typeof intent.customer === "string" ? intent.customer : (intent.customer?.id ?? null);
    const method =
      typeof intent.payment_method === "string" ? intent.payment_method : (intent.payment_method?.id ?? null);
    if (intent.status !== "succeeded" || !customer || !method) return null;
    return { customerId: customer, paymentMethodId: method };
  }

  /**
   * Stripe's off-session charge: a PaymentIntent confirmed at once with the saved method. A refused
   * card is an HTTP 402 whose error carries the PaymentIntent: declined and authentication_required
   * are outcomes, not errors, so the caller can follow its dunning policy.
   */
  async chargeOffSession(input: OffSessionChargeInput): Promise<OffSessionCharge> {
    assertAmount(input.amountMinor);
    const currency = normalizeCurrency(input.currency);
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: input.amountMinor,
          currency: currency.toLowerCase(),
          customer: input.customerId,
          payment_method: input.paymentMethodId,
          off_session: true,
          confirm: true,
          transfer_group: input.orderId,
          metadata: { orderId: input.orderId, orderNumber: input.orderNumber, buyerId: input.buyerId },
        },
        { idempotencyKey: input.idempotencyKey },
      );
      const status = paymentOf(intent).status;
      return {
        outcome: status === "SUCCEEDED" ? "SUCCEEDED" : status === "PROCESSING" ? "PROCESSING" : "DECLINED",
        reference: intent.id,
        clientSecret: intent.client_secret,
        code: null,
        message: status === "REQUIRES_ACTION" ? "The payment needs another payment method." : null,
      };
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeCardError)) throw providerErrorOf(error);
      const intent = error.payment_intent ?? null;
      const authentication = error.code === "authentication_required";
      return {
        outcome: authentication ? "AUTHENTICATION_REQUIRED" : "DECLINED",
        reference: intent?.id ?? null,
        clientSecret: intent?.client_secret ?? null,
        code: error.code ?? null,
        message: error.message,
      };
    }
  }

  async retrievePayment(payment: PaymentRecord): Promise<ProviderPayment> {
    return paymentOf(await call(() => this.stripe.paymentIntents.retrieve(payment.reference)));
  }

  async cancelPayment(payment: PaymentRecord): Promise<ProviderPayment> {
    const intent = await call(() =>
      this.stripe.paymentIntents.cancel(payment.reference, {}, { idempotencyKey: `cancel:${payment.reference}` }),
    );
    return paymentOf(intent);
  }

  async refund(input: RefundInput): Promise<ProviderRefund> {
    assertAmount(input.amountMinor);
    const currency = normalizeCurrency(input.currency);
    const refund = await call(() =>
      this.stripe.refunds.create(
        {
          payment_intent: input.paymentReference,
          amount: input.amountMinor,
          // Stripe's `reason` is an enum that affects fraud signals; our free text stays in metadata.
          metadata: {
            refundId: input.refundId,
            orderId: input.orderId,
            reason: input.reason.slice(0, METADATA_VALUE_MAX),
          },
        },
        { idempotencyKey: `refund:${input.refundId}` },
      ),
    );
    const result = refundOf(refund);
    if (result.currency !== currency)
      throw new PaymentProviderError(
        `Refund ${result.reference} is in ${result.currency}, expected ${currency}`,
        false,
        "currency_mismatch",
      );
    return result;
  }

  async retrieveRefund(refund: RefundRecord): Promise<ProviderRefund> {
    return refundOf(await call(() => this.stripe.refunds.retrieve(refund.reference)));
  }

  /** Verifies a webhook delivery with this provider's signing secret; see verifyStripeWebhook. */
  verifyWebhook(rawBody: Buffer, signature: string | undefined): Stripe.Event {
    return verifyStripeWebhook(this.stripe, rawBody, signature, this.webhookSecret);
  }
}

const PAYMENT_STATUS: Record<string, ProviderPaymentStatus> = {
  requires_payment_method: "REQUIRES_ACTION",
  requires_confirmation: "REQUIRES_ACTION",
  requires_action: "REQUIRES_ACTION",
  processing: "PROCESSING",
  // Manual capture is not used; were it, the money is authorised but not yet taken.
  requires_capture: "PROCESSING",
  succeeded: "SUCCEEDED",
  canceled: "CANCELED",
};

const REFUND_STATUS: Record<string, ProviderRefundStatus> = {
  pending: "PENDING",
  requires_action: "PENDING",
  succeeded: "SUCCEEDED",
  failed: "FAILED",
  canceled: "FAILED",
};

function paymentOf(intent: Stripe.PaymentIntent): ProviderPayment {
  return {
    reference: intent.id,
    // A status Stripe adds later is never taken for success: PROCESSING keeps the order waiting.
    status: PAYMENT_STATUS[intent.status] ?? "PROCESSING",
    amountMinor: intent.amount,
    amountReceivedMinor: intent.amount_received,
    currency: intent.currency.toUpperCase(),
    clientSecret: intent.client_secret,
    orderId: intent.metadata.orderId ?? null,
    lastError: intent.last_payment_error ? (intent.last_payment_error.message ?? "The payment was declined") : null,
  };
}

function refundOf(refund: Stripe.Refund): ProviderRefund {
  const paymentIntent = refund.payment_intent;
  return {
    reference: refund.id,
    status: REFUND_STATUS[refund.status ?? "pending"] ?? "PENDING",
    amountMinor: refund.amount,
    currency: refund.currency.toUpperCase(),
    paymentReference: typeof paymentIntent === "string" ? paymentIntent : (paymentIntent?.id ?? ""),
    refundId: refund.metadata?.refundId ?? null,
    failureReason: refund.failure_reason ?? null,
  };
}

/** Runs one Stripe call, turning its errors into PaymentProviderError (retryable or not). */
async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw providerErrorOf(error);
  }
}

export function providerErrorOf(error: unknown): PaymentProviderError {
  if (!(error instanceof Stripe.errors.StripeError)) {
    // stripe-node wraps every network and API failure; anything else is a bug here, and retrying repeats it.
    return new PaymentProviderError("Stripe call failed unexpectedly", false);
  }
  const status = error.statusCode ?? null;
  const retryable =
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    error instanceof Stripe.errors.StripeAPIError ||
    (status !== null && (status >= 500 || status === 429 || status === 409));
  // Card and request errors carry Stripe's message (safe to log, written for developers); the
  // authentication one echoes part of the key, so it is replaced.
  const message =
    error instanceof Stripe.errors.StripeAuthenticationError
      ? "Stripe refused our API key"
      : `Stripe: ${error.message}`;
  return new PaymentProviderError(message, retryable, error.code ?? error.rawType ?? null, status);
}
