import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType, Money } from "@pawgraph/subgraph-kit";
import { Vendor } from "../shared/references";

export enum PayoutAccountStatusValue {
  MANUAL_ONLY = "MANUAL_ONLY",
  NOT_CONNECTED = "NOT_CONNECTED",
  ONBOARDING = "ONBOARDING",
  ENABLED = "ENABLED",
}
registerEnumType(PayoutAccountStatusValue, {
  name: "PayoutAccountStatus",
  description: "Whether a vendor is paid by Stripe transfer, and how far its Stripe onboarding is.",
  valuesConfig: {
    MANUAL_ONLY: { description: "The platform pays vendors outside Stripe: every payout is settled manually." },
    NOT_CONNECTED: { description: "No Stripe account yet: payouts are settled manually until onboarding is done." },
    ONBOARDING: { description: "A Stripe account exists but Stripe has not enabled payouts to it yet." },
    ENABLED: { description: "Payouts go to the vendor's Stripe account by transfer." },
  },
});

export enum PayoutDirectionValue {
  CREDIT = "CREDIT",
  DEBIT = "DEBIT",
}
registerEnumType(PayoutDirectionValue, {
  name: "PayoutDirection",
  description: "Whether a ledger entry is owed to the vendor or taken back.",
  valuesConfig: {
    CREDIT: { description: "Owed to the vendor: a fulfilled vendor order's items and shipping less commission." },
    DEBIT: { description: "Taken back from the vendor: its share of a refund, less the commission returned." },
  },
});

export enum PayoutSettlementValue {
  STRIPE_TRANSFER = "STRIPE_TRANSFER",
  MANUAL = "MANUAL",
}
registerEnumType(PayoutSettlementValue, {
  name: "PayoutSettlement",
  description: "How a ledger entry is settled.",
  valuesConfig: {
    STRIPE_TRANSFER: { description: "By a Stripe transfer to the vendor's account (or a reversal of it)." },
    MANUAL: { description: "To be settled manually by the platform (no Stripe account with payouts enabled)." },
  },
});

export enum PayoutEntryStatusValue {
  PENDING = "PENDING",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  NETTED = "NETTED",
  MANUAL = "MANUAL",
}
registerEnumType(PayoutEntryStatusValue, {
  name: "PayoutEntryStatus",
  description: "Where a ledger entry's money is.",
  valuesConfig: {
    PENDING: { description: "Its transfer or reversal is queued for Stripe." },
    SUCCEEDED: { description: "Stripe made its transfer or reversal." },
    FAILED: { description: "Stripe refused its transfer or reversal; a platform admin may retry it." },
    NETTED: { description: "Settled within the vendor order's transfer, which was made smaller before it was sent." },
    MANUAL: { description: "To be settled manually by the platform." },
  },
});

export enum PayoutTransferStatusValue {
  PENDING = "PENDING",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  SKIPPED = "SKIPPED",
}
registerEnumType(PayoutTransferStatusValue, {
  name: "PayoutTransferStatus",
  description: "Where a queued Stripe transfer or reversal is.",
  valuesConfig: {
    PENDING: { description: "Queued, or waiting to be tried again after a passing failure." },
    SUCCEEDED: { description: "Stripe made it." },
    FAILED: { description: "Stripe refused it, or it failed too often; `retryPayoutTransfer` queues it again." },
    SKIPPED: { description: "Nothing left to transfer: refunds took the whole amount before it was sent." },
  },
});

export enum PayoutTransferKindValue {
  TRANSFER = "TRANSFER",
  REVERSAL = "REVERSAL",
}
registerEnumType(PayoutTransferKindValue, {
  name: "PayoutTransferKind",
  description: "Money to a vendor, or money taken back.",
  valuesConfig: {
    TRANSFER: { description: "A transfer of a fulfilled vendor order's payout to the vendor's Stripe account." },
    REVERSAL: { description: "A reversal of (part of) a transfer for a refund." },
  },
});

@ObjectType({ description: "A vendor's payout account: how it is paid, and its Stripe Connect onboarding." })
export class VendorPayoutAccount {
  @Field(() => Vendor, { nullable: true, description: "The vendor." })
  vendor!: Vendor | null;

  @Field(() => PayoutAccountStatusValue, { description: "How far onboarding is; whether payouts go by Stripe." })
  status!: PayoutAccountStatusValue;

  @Field(() => String, { nullable: true, description: "The vendor's Stripe account (acct_...), once created." })
  stripeAccountId!: string | null;

  @Field(() => Boolean, {
    description: "Whether Stripe pays out to the account (set by its `account.updated` events).",
  })
  payoutsEnabled!: boolean;

  @Field(() => Boolean, { description: "Whether the vendor finished giving Stripe its details." })
  detailsSubmitted!: boolean;
}

@ObjectType({ description: "Where a vendor's admin finishes Stripe onboarding." })
export class PayoutOnboarding {
  @Field(() => VendorPayoutAccount, { description: "The vendor's payout account after the call." })
  account!: VendorPayoutAccount;

  @Field(() => String, {
    nullable: true,
    description: "Stripe's single-use onboarding page; null when payouts are settled manually on this platform.",
  })
  url!: string | null;

  @Field(() => Date, { nullable: true, description: "When the link stops working (ask for a new one then)." })
  expiresAt!: Date | null;
}

@ObjectType({ description: "One credit or debit in a vendor's payout ledger." })
export class PayoutLedgerEntry {
  @Field(() => ID, { description: "Stable unique id of the entry." })
  id!: string;

  @Field(() => ID, { description: "The order (Order.id)." })
  orderId!: string;

  @Field(() => String, { description: "The order's number, e.g. PG-100042." })
  orderNumber!: string;

  @Field(() => ID, { description: "The vendor's part of the order (VendorOrder.id)." })
  vendorOrderId!: string;

  @Field(() => ID, { nullable: true, description: "The refund a DEBIT is for; null for a CREDIT." })
  refundId!: string | null;

  @Field(() => PayoutDirectionValue, { description: "CREDIT (owed to the vendor) or DEBIT (taken back)." })
  direction!: PayoutDirectionValue;

  @Field(() => Money, { description: "What the vendor gets (CREDIT) or gives back (DEBIT); never negative." })
  amount!: Money;

  @Field(() => Money, { description: "The commission withheld (CREDIT) or returned (DEBIT)." })
  commission!: Money;

  @Field(() => PayoutSettlementValue, { description: "By Stripe transfer, or to be settled manually." })
  settlement!: PayoutSettlementValue;

  @Field(() => PayoutEntryStatusValue, { description: "Where the entry's money is." })
  status!: PayoutEntryStatusValue;

  @Field(() => Date, { description: "When the entry was recorded." })
  createdAt!: Date;
}

export const PayoutLedgerConnection = connectionType(PayoutLedgerEntry, "PayoutLedger", "payout ledger entry");
export type PayoutLedgerConnection = InstanceType<typeof PayoutLedgerConnection>;

@ObjectType({
  description:
    "A vendor's payouts in one currency. Always: balance = transferred − reversed + manualBalance + unsettled.",
})
export class PayoutBalance {
  @Field(() => String, { description: "ISO 4217 currency of every amount." })
  currency!: string;

  @Field(() => Int, { description: "Credits less debits: what the vendor is owed in all, in minor units." })
  balanceMinor!: number;

  @Field(() => Int, { description: "Transferred to the vendor's Stripe account, in minor units." })
  transferredMinor!: number;

  @Field(() => Int, { description: "Taken back by reversals of those transfers, in minor units." })
  reversedMinor!: number;

  @Field(() => Int, { description: "Manual credits less manual debits: to be settled manually, in minor units." })
  manualBalanceMinor!: number;

  @Field(() => Int, {
    description: "Transfers less reversals still queued or failed, in minor units (0 once all are settled).",
  })
  unsettledMinor!: number;

  @Field(() => Int, { description: "Commission withheld less commission returned, in minor units." })
  commissionMinor!: number;
}

@ObjectType({ description: "The platform's commission in one currency over a date range." })
export class PayoutCommission {
  @Field(() => String, { description: "ISO 4217 currency." })
  currency!: string;

  @Field(() => Money, { description: "Commission withheld on vendors' credits." })
  withheld!: Money;

  @Field(() => Money, { description: "Commission returned with refunds." })
  returned!: Money;

  @Field(() => Money, { description: "Withheld less returned: what the platform earned." })
  earned!: Money;

  @Field(() => Int, { description: "Ledger entries counted." })
  entries!: number;
}

@ObjectType({ description: "A Stripe transfer to a vendor, or a reversal of one, as queued by orders." })
export class PayoutTransfer {
  @Field(() => ID, { description: "Stable unique id of the queued transfer." })
  id!: string;

  @Field(() => PayoutTransferKindValue, { description: "Transfer or reversal." })
  kind!: PayoutTransferKindValue;

  @Field(() => Vendor, { nullable: true, description: "The vendor paid (or paying back)." })
  vendor!: Vendor | null;

  @Field(() => ID, { description: "The order (Order.id)." })
  orderId!: string;

  @Field(() => ID, { description: "The vendor order (VendorOrder.id)." })
  vendorOrderId!: string;

  @Field(() => Money, { description: "The amount." })
  amount!: Money;

  @Field(() => String, { description: "The vendor's Stripe account (acct_...)." })
  destination!: string;

  @Field(() => String, { description: "The idempotency key every attempt is sent with." })
  idempotencyKey!: string;

  @Field(() => PayoutTransferStatusValue, { description: "Where it is." })
  status!: PayoutTransferStatusValue;

  @Field(() => Int, { description: "Attempts so far." })
  attempts!: number;

  @Field(() => String, { nullable: true, description: "Why the last attempt failed." })
  lastError!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Stripe's transfer (tr_...) or reversal (trr_...) id once made.",
  })
  stripeId!: string | null;

  @Field(() => Date, { description: "When it was queued." })
  createdAt!: Date;

  @Field(() => Date, { description: "When it last changed." })
  updatedAt!: Date;
}

export const PayoutTransferConnection = connectionType(PayoutTransfer, "PayoutTransfer", "payout transfer");
export type PayoutTransferConnection = InstanceType<typeof PayoutTransferConnection>;

@InputType({ description: "The vendor whose Stripe onboarding starts (or continues)." })
export class StartPayoutOnboardingInput {
  @Field(() => ID, { description: "The vendor (Vendor.id); the caller is one of its VENDOR_ADMINs." })
  vendorId!: string;
}

@InputType({ description: "A failed transfer or reversal to queue again." })
export class RetryPayoutTransferInput {
  @Field(() => ID, { description: "The queued transfer (PayoutTransfer.id)." })
  transferId!: string;
}
