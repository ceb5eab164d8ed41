import type Stripe from "stripe";
import { providerErrorOf } from "../payment/stripe-payment-provider";
import type {
  ConnectedAccount,
  OnboardingLink,
  OnboardingUrls,
  PayoutProvider,
  ReversalRequest,
  TransferRequest,
} from "./payout-provider";

/**
 * Stripe Connect for payouts: Express accounts onboarded through account links, separate charges and
 * transfers (`source_transaction` = the order's charge, `transfer_group` = the order id), reversals
 * of a transfer for refunds. Shares the payment adapter's Stripe client (one key, one connection
 * pool) and its error mapping (retryable or not).
 */
export class StripePayoutProvider implements PayoutProvider {
  readonly name = "STRIPE" as const;

  constructor(private readonly stripe: Stripe) {}

  async createAccount(vendorId: string): Promise<ConnectedAccount> {
    const account = await call(() =>
      this.stripe.accounts.create(
        {
          type: "express",
          capabilities: { transfers: { requested: true } },
          metadata: { vendorId },
        },
        { idempotencyKey: `account:${vendorId}` },
      ),
    );
    return accountOf(account);
  }

  async retrieveAccount(accountId: string): Promise<ConnectedAccount> {
    return accountOf(await call(() => this.stripe.accounts.retrieve(accountId)));
  }

  async onboardingLink(accountId: string, urls: OnboardingUrls): Promise<OnboardingLink> {
    // A link is single-use and expires within minutes: each call is meant to make a new one, so its
    // key is unique per call (stripe-node retries it safely under that one key).
    const link = await call(() =>
      this.stripe.accountLinks.create({
        account: accountId,
        type: "account_onboarding",
        return_url: urls.returnUrl,
        refresh_url: urls.refreshUrl,
      }),
    );
    return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
  }

  async chargeOf(paymentReference: string): Promise<string | null> {
    const intent = await call(() => this.stripe.paymentIntents.retrieve(paymentReference));
    if (intent.status !== "succeeded") return null;
    const charge = intent.latest_charge;
    return typeof charge === "string" ? charge : (charge?.id ?? null);
  }

  async createTransfer(request: TransferRequest): Promise<string> {
    const transfer = await call(() =>
      this.stripe.transfers.create(
        {
          amount: request.amountMinor,
          currency: request.currency.toLowerCase(),
          destination: request.destination,
          source_transaction: request.sourceTransaction,
          transfer_group: request.transferGroup,
          metadata: request.metadata,
        },
        { idempotencyKey: request.idempotencyKey },
      ),
    );
    return transfer.id;
  }

  async createReversal(request: ReversalRequest): Promise<string> {
    const reversal = await call(() =>
      this.stripe.transfers.createReversal(
        request.transferId,
        { amount: request.amountMinor, metadata: request.metadata },
        { idempotencyKey: request.idempotencyKey },
      ),
    );
    return reversal.id;
  }
}

function accountOf(account: Stripe.Account): ConnectedAccount {
  return {
    id: account.id,
    payoutsEnabled: account.payouts_enabled ?? false,
    detailsSubmitted: account.details_submitted ?? false,
  };
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw providerErrorOf(error);
  }
}
