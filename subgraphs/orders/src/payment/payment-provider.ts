/**
 * The port between orders and whoever takes the money. Amounts are integers in minor units with an
 * upper-case ISO currency; every write carries an idempotency key derived from our own ids, so a
 * retried checkout or refund never charges or pays back twice.
 */
export type ProviderName = "STRIPE" | "OFFLINE";

/**
 * REQUIRES_ACTION covers every state in which the buyer still has to do something, including a
 * declined attempt: the buyer may try another card on the same payment, so a decline is not FAILED
 * (it is reported in `lastError`). FAILED is only for a payment that can no longer succeed.
 */
export type ProviderPaymentStatus = "REQUIRES_ACTION" | "PROCESSING" | "SUCCEEDED" | "CANCELED" | "FAILED";

export interface ProviderPayment {
  reference: string;
  status: ProviderPaymentStatus;
  amountMinor: number;
  amountReceivedMinor: number;
  /** Upper-case ISO 4217. */
  currency: string;
  /** Handed to the buyer's client to confirm the payment; null when there is nothing to confirm. */
  clientSecret: string | null;
  /** Our order id as recorded with the provider; null when the provider has no such record. */
  orderId: string | null;
  /** Why the buyer's last attempt was declined (shown to the buyer), while they may still retry. */
  lastError: string | null;
}

export type ProviderRefundStatus = "PENDING" | "SUCCEEDED" | "FAILED";

export interface ProviderRefund {
  reference: string;
  status: ProviderRefundStatus;
  amountMinor: number;
  /** Upper-case ISO 4217. */
  currency: string;
  paymentReference: string;
  /** Our refund id as recorded with the provider. */
  refundId: string | null;
  /** The provider's reason when the refund failed. */
  failureReason: string | null;
}

/**
 * What orders recorded when it created a payment. Reads take it rather than a bare reference so a
 * provider that keeps no state of its own (offline) can answer deterministically; Stripe uses only
 * the reference.
 */
export interface PaymentRecord {
  reference: string;
  orderId: string;
  amountMinor: number;
  currency: string;
}

/** What orders recorded when it asked for a refund; see PaymentRecord. */
export interface RefundRecord {
  reference: string;
  refundId: string;
  paymentReference: string;
  amountMinor: number;
  currency: string;
}

export interface CreatePaymentInput {
  orderId: string;
  orderNumber: string;
  amountMinor: number;
  currency: string;
  buyerId: string;
  /**
   * Care plans: the payment is made for this provider customer and its payment method is kept for
   * later off-session charges (Stripe: `customer` + `setup_future_usage: "off_session"`).
   */
  saveFor?: { customerId: string };
}

/** A payment method the customer agreed to be charged with while away (a care plan's runs). */
export interface SavedPaymentMethod {
  customerId: string;
  paymentMethodId: string;
}

export interface OffSessionChargeInput {
  orderId: string;
  orderNumber: string;
  buyerId: string;
  amountMinor: number;
  currency: string;
  customerId: string;
  paymentMethodId: string;
  /** The care plan run's key (`careplan:{planId}:{periodStart}`, with `:retry:{n}` for dunning retries). */
  idempotencyKey: string;
}

/**
 * What an off-session charge came to. DECLINED: the card was refused (retry later, or another card);
 * AUTHENTICATION_REQUIRED: the bank wants the customer present, who confirms with `clientSecret`.
 */
export interface OffSessionCharge {
  outcome: "SUCCEEDED" | "PROCESSING" | "DECLINED" | "AUTHENTICATION_REQUIRED";
  /** The payment's reference (a PaymentIntent id); null when the provider made none. */
  reference: string | null;
  clientSecret: string | null;
  /** The provider's code, e.g. card_declined, authentication_required. */
  code: string | null;
  /** Safe to show the customer. */
  message: string | null;
}

/** Charging a saved payment method while the customer is away: what care plans need of a provider. */
export interface OffSessionPayments {
  /** A customer record to save payment methods on; idempotent per key. */
  createCustomer(input: { userId: string; idempotencyKey: string }): Promise<string>;
  /** The customer and payment method a succeeded `saveFor` payment saved; null until it succeeded. */
  savedPaymentMethod(reference: string): Promise<SavedPaymentMethod | null>;
  /** Idempotent per `idempotencyKey`: a repeated call answers the first attempt's result. */
  chargeOffSession(input: OffSessionChargeInput): Promise<OffSessionCharge>;
}

export interface RefundInput {
  refundId: string;
  orderId: string;
  paymentReference: string;
  amountMinor: number;
  currency: string;
  /** Free text for our records; never shown to card networks. */
  reason: string;
}

export interface PaymentProvider {
  readonly name: ProviderName;
  /** Shown to clients (Stripe publishable key), null for offline. */
  readonly publishableKey: string | null;
  /** Off-session charges for care plans; null when the provider has none (offline: pay on delivery). */
  readonly offSession: OffSessionPayments | null;
  /** Idempotent per (order, amount, currency): a repeated call returns the same payment. */
  createPayment(input: CreatePaymentInput): Promise<ProviderPayment>;
  retrievePayment(payment: PaymentRecord): Promise<ProviderPayment>;
  cancelPayment(payment: PaymentRecord): Promise<ProviderPayment>;
  /** Idempotent per refundId. */
  refund(input: RefundInput): Promise<ProviderRefund>;
  retrieveRefund(refund: RefundRecord): Promise<ProviderRefund>;
}

/**
 * A provider call failed. `retryable` says whether the same call may succeed later (network, rate
 * limit, provider outage) or never will as sent (declined card, invalid request, bad credentials).
 * Carries no secret and no raw provider response; `providerCode` is the provider's own error code.
 */
export class PaymentProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly providerCode: string | null = null,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The kit's error formatter reads this: a retryable failure reaches clients as SERVICE_UNAVAILABLE. */
  get unavailable(): boolean {
    return this.retryable;
  }
}

/** Stripe and our records disagree on casing; ours is upper-case ISO 4217, checked once here. */
export function normalizeCurrency(currency: string): string {
  const upper = currency.toUpperCase();
  if (!/^[A-Z]{3}$/.test(upper)) throw new PaymentProviderError(`Invalid currency "${currency}"`, false);
  return upper;
}

/** Amounts are positive integers in minor units; anything else is a bug upstream, refused before any call. */
export function assertAmount(amountMinor: number): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0)
    throw new PaymentProviderError(`Invalid amount ${amountMinor}: a positive integer in minor units`, false);
}
