import { randomBytes } from "node:crypto";
import {
  errorReply,
  existing,
  id,
  invalid,
  now,
  ok,
  positiveInteger,
  StripeHttpError,
  stringRecord,
  type Json,
  type Reply,
} from "./stripe-wire";

/**
 * The Stripe Connect part of the stand-in (`StripeStandIn.connect`): Express accounts, account
 * links, transfers with `source_transaction`, transfer reversals and charge reads, with Stripe's
 * objects and error bodies so stripe-node accepts them. Stateful, so a test can see one transfer per
 * key, what a reversal may take back, and a destination without payouts being refused.
 */

export interface StandInAccount extends Json {
  id: string;
  object: "account";
  type: string;
  payouts_enabled: boolean;
  charges_enabled: boolean;
  details_submitted: boolean;
  capabilities: { transfers: "active" | "inactive" | "pending" };
  metadata: Record<string, string>;
}

export interface StandInTransfer extends Json {
  id: string;
  object: "transfer";
  amount: number;
  amount_reversed: number;
  currency: string;
  destination: string;
  source_transaction: string | null;
  transfer_group: string | null;
  reversed: boolean;
  metadata: Record<string, string>;
}

export interface StandInReversal extends Json {
  id: string;
  object: "transfer_reversal";
  amount: number;
  currency: string;
  transfer: string;
  metadata: Record<string, string>;
}

/** What the payment side of the stand-in knows of a succeeded PaymentIntent's charge. */
interface ChargeSource {
  id: string;
  status: string;
  amount_received: number;
  currency: string;
  latest_charge: string | null;
}

export class StripeConnectStandIn {
  readonly accounts = new Map<string, StandInAccount>();
  readonly transfers = new Map<string, StandInTransfer>();
  readonly reversals = new Map<string, StandInReversal>();
  private transferFailures = { remaining: 0, status: 400, code: "transfers_not_allowed" };

  constructor(private readonly intents: () => Iterable<ChargeSource>) {}

  /** Stripe finished the account's onboarding (or not): the account as `account.updated` carries it. */
  updateAccount(accountId: string, changes: { payoutsEnabled: boolean; detailsSubmitted?: boolean }): StandInAccount {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`The stand-in has no account ${accountId}`);
    return Object.assign(account, {
      payouts_enabled: changes.payoutsEnabled,
      charges_enabled: changes.payoutsEnabled,
      details_submitted: changes.detailsSubmitted ?? changes.payoutsEnabled,
      capabilities: { transfers: changes.payoutsEnabled ? "active" : "inactive" },
    });
  }

  /** The next `n` transfer creations are refused with Stripe's invalid_request_error and `code`. */
  failNextTransfers(n: number, code = "transfers_not_allowed", status = 400): void {
    this.transferFailures = { remaining: n, status, code };
  }

  /** Answers a Connect request, or null when the path is not one of Connect's. */
  route(method: string, segments: readonly string[], body: Json): Reply | null {
    const [, resource, objectId, action, actionId] = segments;
    try {
      if (resource === "accounts") {
        if (method === "POST" && objectId === undefined) return ok(this.createAccount(body));
        if (method === "GET" && objectId !== undefined && action === undefined)
          return ok(existing(this.accounts, objectId, "account"));
      }
      if (resource === "account_links" && method === "POST" && objectId === undefined) return ok(this.createLink(body));
      if (resource === "transfers") {
        if (method === "POST" && objectId === undefined) return ok(this.createTransfer(body));
        if (method === "GET" && objectId !== undefined && action === undefined)
          return ok(existing(this.transfers, objectId, "transfer"));
        if (method === "POST" && objectId !== undefined && action === "reversals" && actionId === undefined)
          return ok(this.createReversal(objectId, body));
      }
      if (resource === "charges" && method === "GET" && objectId !== undefined && action === undefined)
        return ok(this.charge(objectId));
      return null;
    } catch (error) {
      if (error instanceof StripeHttpError) return errorReply(error.status, error.error);
      throw error;
    }
  }

  private createAccount(body: Json): StandInAccount {
    if (body.type !== "express" && body.type !== "standard" && body.type !== "custom")
      throw invalid("type", "Invalid type: must be one of express, standard or custom");
    const account: StandInAccount = {
      id: id("acct"),
      object: "account",
      type: body.type,
      business_type: null,
      capabilities: { transfers: "inactive" },
      charges_enabled: false,
      country: "US",
      created: now(),
      default_currency: "usd",
      details_submitted: false,
      email: null,
      metadata: stringRecord(body.metadata),
      payouts_enabled: false,
      requirements: {
        currently_due: ["external_account", "tos_acceptance.date"],
        disabled_reason: "requirements.past_due",
      },
    };
    this.accounts.set(account.id, account);
    return account;
  }

  private createLink(body: Json): Json {
    const account = existing(this.accounts, String(body.account ?? ""), "account");
    for (const param of ["refresh_url", "return_url"])
      if (typeof body[param] !== "string" || !/^https?:\/\//.test(body[param])) throw invalid(param, `Not a valid URL`);
    if (body.type !== "account_onboarding" && body.type !== "account_update")
      throw invalid("type", "Invalid type: must be one of account_onboarding or account_update");
    return {
      object: "account_link",
      created: now(),
      expires_at: now() + 300,
      url: `https://connect.stripe.com/setup/e/${account.id}/${randomBytes(12).toString("hex")}`,
    };
  }

  private createTransfer(body: Json): StandInTransfer {
    if (this.transferFailures.remaining > 0) {
      this.transferFailures.remaining -= 1;
      throw new StripeHttpError(this.transferFailures.status, {
        type: "invalid_request_error",
        code: this.transferFailures.code,
        message: "Transfers to this account are not allowed right now.",
      });
    }
    const amount = positiveInteger(body.amount, "amount");
    const currency = typeof body.currency === "string" ? body.currency : "";
    const destination = String(body.destination ?? "");
    const account = this.accounts.get(destination);
    if (!account) throw invalid("destination", `No such destination: '${destination}'`, "resource_missing");
    if (account.capabilities.transfers !== "active")
      throw invalid(
        "destination",
        "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
        "insufficient_capabilities_for_transfer",
      );
    const source = typeof body.source_transaction === "string" ? body.source_transaction : null;
    if (source !== null) {
      const charge = this.charge(source);
      if (charge.currency !== currency) throw invalid("currency", "The currency must match the source transaction's");
      const used = [...this.transfers.values()]
        .filter((t) => t.source_transaction === source)
        .reduce((sum, t) => sum + t.amount - t.amount_reversed, 0);
      if (amount > Number(charge.amount) - used)
        throw invalid(
          "amount",
          "Insufficient funds in the source transaction for this transfer.",
          "balance_insufficient",
        );
    }
    const transfer: StandInTransfer = {
      id: id("tr"),
      object: "transfer",
      amount,
      amount_reversed: 0,
      created: now(),
      currency,
      description: null,
      destination,
      destination_payment: id("py"),
      livemode: false,
      metadata: stringRecord(body.metadata),
      reversals: { object: "list", data: [], has_more: false, total_count: 0, url: "" },
      reversed: false,
      source_transaction: source,
      source_type: "card",
      transfer_group: typeof body.transfer_group === "string" ? body.transfer_group : null,
    };
    transfer.reversals = { ...(transfer.reversals as Json), url: `/v1/transfers/${transfer.id}/reversals` };
    this.transfers.set(transfer.id, transfer);
    return transfer;
  }

  private createReversal(transferId: string, body: Json): StandInReversal {
    const transfer = existing(this.transfers, transferId, "transfer");
    const left = transfer.amount - transfer.amount_reversed;
    const amount = body.amount === undefined ? left : positiveInteger(body.amount, "amount");
    if (amount > left)
      throw invalid("amount", `Reversal amount (${amount}) is greater than the transfer's unreversed amount (${left})`);
    const reversal: StandInReversal = {
      id: id("trr"),
      object: "transfer_reversal",
      amount,
      balance_transaction: id("txn"),
      created: now(),
      currency: transfer.currency,
      destination_payment_refund: id("pyr"),
      metadata: stringRecord(body.metadata),
      source_refund: null,
      transfer: transfer.id,
    };
    Object.assign(transfer, { amount_reversed: transfer.amount_reversed + amount, reversed: amount === left });
    this.reversals.set(reversal.id, reversal);
    return reversal;
  }

  /** The charge of a succeeded PaymentIntent, as Stripe shows it. */
  private charge(chargeId: string): Json {
    const intent = [...this.intents()].find((pi) => pi.latest_charge === chargeId && pi.status === "succeeded");
    if (!intent)
      throw new StripeHttpError(404, {
        type: "invalid_request_error",
        code: "resource_missing",
        param: "id",
        message: `No such charge: '${chargeId}'`,
      });
    return {
      id: chargeId,
      object: "charge",
      amount: intent.amount_received,
      amount_captured: intent.amount_received,
      captured: true,
      created: now(),
      currency: intent.currency,
      livemode: false,
      paid: true,
      payment_intent: intent.id,
      status: "succeeded",
    };
  }
}
