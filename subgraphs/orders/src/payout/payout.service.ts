import {
  BadUserInputError,
  isPlatformAdmin,
  isUuid,
  keyset,
  NotFoundError,
  paginate,
  requireViewer,
  type BaseContext,
  type Connection,
  type Logger,
} from "@pawgraph/subgraph-kit";
import { requireVendorManager } from "../settings/settings-access";
import type { OnboardingLink, OnboardingUrls, PayoutProvider } from "./payout-provider";
import type { PayoutRepository } from "./payout.repository";
import type { LedgerEntryRow, PayoutAccountRow, PayoutBalanceRow, TransferRow, TransferStatus } from "./payout.rows";

const LEDGER_PAGE = keyset("seq").of((row: LedgerEntryRow) => [row.seq] as [string]);
const TRANSFER_PAGE = keyset("date", "uuid").of((row: TransferRow) => [row.createdAt, row.id] as [Date, string]);
/** The longest range `payoutCommission` sums over. */
const MAX_RANGE_DAYS = 366 * 5;

export type PayoutAccountStatus = "MANUAL_ONLY" | "NOT_CONNECTED" | "ONBOARDING" | "ENABLED";

export interface PayoutAccountView {
  vendorId: string;
  status: PayoutAccountStatus;
  account: PayoutAccountRow | null;
}

/**
 * Vendors' payout accounts (Stripe Connect Express onboarding) and what vendors and platform admins
 * read of payouts: the ledger and its balances, commission earned, transfers pending and failed.
 * A vendor's payouts are for its VENDOR_ADMINs and platform admins: its staff get FORBIDDEN, anyone
 * else NOT_FOUND (as for coupons and shipping methods).
 */
export class PayoutService {
  constructor(
    private readonly payouts: PayoutRepository,
    private readonly provider: PayoutProvider,
    private readonly urls: OnboardingUrls,
    private readonly wakeQueue: () => void,
    private readonly log: Logger,
  ) {}

  /**
   * The vendor's payout account. While onboarding is unfinished the account is re-read from Stripe
   * (the onboarding return URL brings the vendor's admin back to a page that asks this), so payouts
   * are enabled even when `account.updated` is late or the Connect webhook is not set up; a Stripe
   * that does not answer leaves the stored flags.
   */
  async account(ctx: BaseContext, vendorId: string, field = "vendorId"): Promise<PayoutAccountView> {
    const id = requireVendorManager(requireViewer(ctx.viewer), vendorId, field);
    let row = await this.payouts.account(id);
    if (row && !row.payoutsEnabled && this.provider.name === "STRIPE") {
      try {
        const fresh = await this.provider.retrieveAccount(row.stripeAccountId);
        if (fresh.payoutsEnabled !== row.payoutsEnabled || fresh.detailsSubmitted !== row.detailsSubmitted) {
          await this.payouts.updateAccount(fresh.id, fresh.payoutsEnabled, fresh.detailsSubmitted);
          row = await this.payouts.account(id);
        }
      } catch (error) {
        this.log.warn({ err: error, vendorId: id }, "payout account not re-read from Stripe; stored flags shown");
      }
    }
    return this.viewOf(id, row);
  }

  /**
   * Creates the vendor's Express account once (Stripe's idempotency key `account:{vendorId}` and
   * our unique row make two concurrent calls end with one account) and returns a fresh onboarding
   * link. Without Stripe payouts there is nothing to connect: the account is MANUAL_ONLY, no link.
   */
  async startOnboarding(
    ctx: BaseContext,
    vendorId: string,
  ): Promise<{ account: PayoutAccountView; link: OnboardingLink | null }> {
    const viewer = requireViewer(ctx.viewer);
    const id = requireVendorManager(viewer, vendorId, "input.vendorId");
    if (this.provider.name !== "STRIPE") return { account: this.viewOf(id, null), link: null };
    let row = await this.payouts.account(id);
    if (!row) {
      const created = await this.provider.createAccount(id);
      row = await this.payouts.insertAccount(id, created.id, viewer.userId);
    }
    const link = await this.provider.onboardingLink(row.stripeAccountId, this.urls);
    return { account: this.viewOf(id, row), link };
  }

  /** Stripe's `account.updated`: the account is re-read (events are notices only) and its flags kept. */
  async accountUpdated(stripeAccountId: string): Promise<void> {
    if (this.provider.name !== "STRIPE" || !(await this.payouts.isKnownAccount(stripeAccountId))) return;
    const account = await this.provider.retrieveAccount(stripeAccountId);
    await this.payouts.updateAccount(account.id, account.payoutsEnabled, account.detailsSubmitted);
  }

  async ledger(
    ctx: BaseContext,
    vendorId: string,
    args: { first?: number | null; after?: string | null },
  ): Promise<Connection<LedgerEntryRow>> {
    const id = requireVendorManager(requireViewer(ctx.viewer), vendorId, "vendorId");
    return paginate(args, {
      keyset: LEDGER_PAGE,
      fetch: ({ limit, after }) => this.payouts.pageOfVendor(id, limit, after?.[0] ?? null),
    });
  }

  async balances(ctx: BaseContext, vendorId: string): Promise<PayoutBalanceRow[]> {
    const id = requireVendorManager(requireViewer(ctx.viewer), vendorId, "vendorId");
    return this.payouts.balances(id);
  }

  /** Platform admins (the resolver checks): commission withheld less returned, by currency, in [from, to). */
  async commission(from: Date, to: Date) {
    if (!(from < to)) throw new BadUserInputError("to", "`to` must be after `from`");
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000)
      throw new BadUserInputError("to", `At most ${MAX_RANGE_DAYS} days`);
    return this.payouts.commission(from, to);
  }

  /** Platform admins (the resolver checks): transfers and reversals in the given statuses, newest first. */
  async transfers(
    statuses: readonly TransferStatus[],
    args: { first?: number | null; after?: string | null },
  ): Promise<Connection<TransferRow>> {
    return paginate(args, {
      keyset: TRANSFER_PAGE,
      fetch: ({ limit, after }) => this.payouts.pageOfTransfers(statuses, limit, after ?? null),
    });
  }

  /**
   * Puts a FAILED transfer or reversal back in the queue with the same idempotency key, so Stripe
   * returns the first result if one was made; any other status is returned as it is (idempotent).
   * Platform admins only; anyone else gets NOT_FOUND, as for an id that does not exist.
   */
  async retry(ctx: BaseContext, transferId: string): Promise<TransferRow> {
    const viewer = requireViewer(ctx.viewer);
    const found = isUuid(transferId) && isPlatformAdmin(viewer) ? await this.payouts.transfer(transferId) : null;
    if (!found) throw new NotFoundError("Payout transfer", "input.transferId");
    if (found.status === "FAILED") {
      await this.payouts.requeue(found.id);
      this.wakeQueue();
    }
    return (await this.payouts.transfer(found.id))!;
  }

  private viewOf(vendorId: string, row: PayoutAccountRow | null): PayoutAccountView {
    const status: PayoutAccountStatus =
      this.provider.name !== "STRIPE"
        ? "MANUAL_ONLY"
        : !row
          ? "NOT_CONNECTED"
          : row.payoutsEnabled
            ? "ENABLED"
            : "ONBOARDING";
    return { vendorId, status, account: row };
  }
}
