/**
 * The port between payouts and whoever moves money to vendors (Stripe Connect, or nobody: settled
 * by hand). Kept apart from the PaymentProvider port: taking the buyer's money and paying vendors
 * change for different reasons, and a platform may take payments offline yet never pay out by Stripe.
 * Every write carries an idempotency key derived from our own ids.
 */
export interface ConnectedAccount {
  id: string;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
}

export interface OnboardingUrls {
  /** Where Stripe sends the vendor when onboarding is done (or left). */
  returnUrl: string;
  /** Where Stripe sends the vendor when the link expired or was used: ask for a new one. */
  refreshUrl: string;
}

export interface OnboardingLink {
  url: string;
  expiresAt: Date;
}

export interface TransferRequest {
  /** `transfer:{orderId}:{vendorId}`. */
  idempotencyKey: string;
  amountMinor: number;
  currency: string;
  destination: string;
  /** The charge the money came from (the PaymentIntent's latest_charge): funds move when it settles. */
  sourceTransaction: string;
  /** The order id, as on the PaymentIntent. */
  transferGroup: string;
  metadata: Record<string, string>;
}

export interface ReversalRequest {
  /** `reversal:{refundId}:{vendorId}`. */
  idempotencyKey: string;
  transferId: string;
  amountMinor: number;
  metadata: Record<string, string>;
}

export interface PayoutProvider {
  /** STRIPE moves money; MANUAL records what the platform settles by hand. */
  readonly name: "STRIPE" | "MANUAL";
  /** Creates the vendor's Express account; idempotent per vendor (`account:{vendorId}`). */
  createAccount(vendorId: string): Promise<ConnectedAccount>;
  retrieveAccount(accountId: string): Promise<ConnectedAccount>;
  onboardingLink(accountId: string, urls: OnboardingUrls): Promise<OnboardingLink>;
  /** The charge of a succeeded payment (its PaymentIntent's latest_charge), or null when it has none. */
  chargeOf(paymentReference: string): Promise<string | null>;
  /** Returns the provider's transfer id. */
  createTransfer(request: TransferRequest): Promise<string>;
  /** Returns the provider's reversal id. */
  createReversal(request: ReversalRequest): Promise<string>;
}

/** Payouts without Stripe: nothing is called; every credit and debit is recorded as MANUAL. */
export class ManualPayoutProvider implements PayoutProvider {
  readonly name = "MANUAL" as const;

  private refuse(): never {
    throw new Error("Payouts are settled manually on this platform: no provider to call");
  }

  createAccount(): Promise<ConnectedAccount> {
    return this.refuse();
  }
  retrieveAccount(): Promise<ConnectedAccount> {
    return this.refuse();
  }
  onboardingLink(): Promise<OnboardingLink> {
    return this.refuse();
  }
  chargeOf(): Promise<string | null> {
    return this.refuse();
  }
  createTransfer(): Promise<string> {
    return this.refuse();
  }
  createReversal(): Promise<string> {
    return this.refuse();
  }
}
