import { money } from "@pawgraph/subgraph-kit";
import type { PayoutAccountView } from "./payout.service";
import type { LedgerEntryRow, PayoutBalanceRow, TransferRow } from "./payout.rows";
import {
  type PayoutAccountStatusValue,
  type PayoutBalance,
  type PayoutDirectionValue,
  type PayoutEntryStatusValue,
  type PayoutLedgerEntry,
  type PayoutSettlementValue,
  type PayoutTransfer,
  type PayoutTransferKindValue,
  type PayoutTransferStatusValue,
  type VendorPayoutAccount,
} from "./payout.types";

export function toPayoutAccount(view: PayoutAccountView): VendorPayoutAccount {
  return {
    vendor: { id: view.vendorId },
    status: view.status as PayoutAccountStatusValue,
    stripeAccountId: view.account?.stripeAccountId ?? null,
    payoutsEnabled: view.account?.payoutsEnabled ?? false,
    detailsSubmitted: view.account?.detailsSubmitted ?? false,
  };
}

export function toLedgerEntry(row: LedgerEntryRow): PayoutLedgerEntry {
  return {
    id: row.id,
    orderId: row.orderId,
    orderNumber: row.orderNumber,
    vendorOrderId: row.vendorOrderId,
    refundId: row.refundId,
    direction: row.direction as PayoutDirectionValue,
    amount: money(row.amountMinor, row.currency),
    commission: money(row.commissionMinor, row.currency),
    settlement: row.settlement as PayoutSettlementValue,
    status: row.status as PayoutEntryStatusValue,
    createdAt: row.createdAt,
  };
}

export function toPayoutBalance(row: PayoutBalanceRow): PayoutBalance {
  return {
    currency: row.currency,
    balanceMinor: row.balanceMinor,
    transferredMinor: row.transferredMinor,
    reversedMinor: row.reversedMinor,
    manualBalanceMinor: row.manualMinor,
    unsettledMinor: row.unsettledMinor,
    commissionMinor: row.commissionMinor,
  };
}

export function toPayoutTransfer(row: TransferRow): PayoutTransfer {
  return {
    id: row.id,
    kind: row.kind as PayoutTransferKindValue,
    vendor: { id: row.vendorId },
    orderId: row.orderId,
    vendorOrderId: row.vendorOrderId,
    amount: money(row.amountMinor, row.currency),
    destination: row.destination,
    idempotencyKey: row.idempotencyKey,
    status: row.status as PayoutTransferStatusValue,
    attempts: row.attempts,
    lastError: row.lastError,
    stripeId: row.stripeId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
