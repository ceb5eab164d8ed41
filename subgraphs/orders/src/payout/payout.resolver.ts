import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Mutation, Query, Resolver } from "type-graphql";
import { ConnectionArgs, money, type BaseContext } from "@pawgraph/subgraph-kit";
import { toLedgerEntry, toPayoutAccount, toPayoutBalance, toPayoutTransfer } from "./payout.mapper";
import type { PayoutService } from "./payout.service";
import {
  PayoutBalance,
  PayoutCommission,
  PayoutLedgerConnection,
  PayoutOnboarding,
  PayoutTransfer,
  PayoutTransferConnection,
  PayoutTransferStatusValue,
  RetryPayoutTransferInput,
  StartPayoutOnboardingInput,
  VendorPayoutAccount,
} from "./payout.types";

@ArgsType()
class VendorPayoutLedgerArgs extends ConnectionArgs {
  @Field(() => ID, { description: "The vendor (Vendor.id)." })
  vendorId!: string;
}

@ArgsType()
class PayoutTransfersArgs extends ConnectionArgs {
  @Field(() => [PayoutTransferStatusValue], {
    nullable: true,
    description: "Only these statuses; default PENDING and FAILED (what needs watching).",
  })
  statuses?: PayoutTransferStatusValue[] | null;
}

/** Vendor payouts: Stripe Connect onboarding, the ledger and its balances, and the platform's view. */
@Resolver()
export class PayoutResolver {
  constructor(private readonly payouts: PayoutService) {}

  @Query(() => VendorPayoutAccount, {
    nullable: true,
    description: "A vendor's payout account and onboarding status: its VENDOR_ADMINs and platform admins.",
  })
  async vendorPayoutAccount(
    @Arg("vendorId", () => ID, { description: "The vendor (Vendor.id)." }) vendorId: string,
    @Ctx() ctx: BaseContext,
  ): Promise<VendorPayoutAccount> {
    return toPayoutAccount(await this.payouts.account(ctx, vendorId));
  }

  @Query(() => PayoutLedgerConnection, {
    nullable: true,
    description:
      "A vendor's payout ledger, newest first: every credit (fulfilled vendor order) and debit (refund) with its order. Its VENDOR_ADMINs and platform admins.",
  })
  async vendorPayoutLedger(
    @Args(() => VendorPayoutLedgerArgs) args: VendorPayoutLedgerArgs,
    @Ctx() ctx: BaseContext,
  ): Promise<PayoutLedgerConnection> {
    const page = await this.payouts.ledger(ctx, args.vendorId, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toLedgerEntry(e.node) })) };
  }

  @Query(() => [PayoutBalance], {
    nullable: true,
    description: "A vendor's payout balances, one per currency: its VENDOR_ADMINs and platform admins.",
  })
  async vendorPayoutBalances(
    @Arg("vendorId", () => ID, { description: "The vendor (Vendor.id)." }) vendorId: string,
    @Ctx() ctx: BaseContext,
  ): Promise<PayoutBalance[]> {
    return (await this.payouts.balances(ctx, vendorId)).map(toPayoutBalance);
  }

  @Authorized("PLATFORM_ADMIN")
  @Query(() => [PayoutCommission], {
    nullable: true,
    description:
      "Commission the platform earned per currency, from ledger entries recorded in [from, to) (platform admins).",
  })
  async payoutCommission(
    @Arg("from", () => Date, { description: "From this instant (inclusive)." }) from: Date,
    @Arg("to", () => Date, { description: "Up to this instant (exclusive); at most five years after `from`." })
    to: Date,
  ): Promise<PayoutCommission[]> {
    return (await this.payouts.commission(from, to)).map((r) => ({
      currency: r.currency,
      withheld: money(r.withheldMinor, r.currency),
      returned: money(r.returnedMinor, r.currency),
      earned: money(r.withheldMinor - r.returnedMinor, r.currency),
      entries: r.entries,
    }));
  }

  @Authorized("PLATFORM_ADMIN")
  @Query(() => PayoutTransferConnection, {
    nullable: true,
    description:
      "Queued Stripe transfers and reversals, newest first; by default those pending and failed (platform admins).",
  })
  async payoutTransfers(@Args(() => PayoutTransfersArgs) args: PayoutTransfersArgs): Promise<PayoutTransferConnection> {
    const statuses = args.statuses?.length ? args.statuses : ["PENDING" as const, "FAILED" as const];
    const page = await this.payouts.transfers(statuses, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toPayoutTransfer(e.node) })) };
  }

  @Mutation(() => PayoutOnboarding, {
    description:
      "Creates the vendor's Stripe Connect Express account (once; later calls reuse it) and returns a fresh onboarding link. Its VENDOR_ADMINs. Without Stripe payouts the account is MANUAL_ONLY and there is no link.",
  })
  async startPayoutOnboarding(
    @Arg("input", () => StartPayoutOnboardingInput, { description: "The vendor." }) input: StartPayoutOnboardingInput,
    @Ctx() ctx: BaseContext,
  ): Promise<PayoutOnboarding> {
    const { account, link } = await this.payouts.startOnboarding(ctx, input.vendorId);
    return { account: toPayoutAccount(account), url: link?.url ?? null, expiresAt: link?.expiresAt ?? null };
  }

  @Mutation(() => PayoutTransfer, {
    description:
      "Queues a FAILED transfer or reversal again with the same idempotency key (platform admins; others NOT_FOUND). Any other status is returned unchanged.",
  })
  async retryPayoutTransfer(
    @Arg("input", () => RetryPayoutTransferInput, { description: "The transfer." }) input: RetryPayoutTransferInput,
    @Ctx() ctx: BaseContext,
  ): Promise<PayoutTransfer> {
    return toPayoutTransfer(await this.payouts.retry(ctx, input.transferId));
  }
}
