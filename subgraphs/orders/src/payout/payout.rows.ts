/** Rows of the payout tables, as the repository reads them. */

export type PayoutDirection = "CREDIT" | "DEBIT";
export type PayoutSettlement = "STRIPE_TRANSFER" | "MANUAL";
export type TransferStatus = "PENDING" | "SUCCEEDED" | "FAILED" | "SKIPPED";
/** A ledger entry's state: its transfer's or reversal's, NETTED (taken off a transfer not yet sent), or MANUAL. */
export type PayoutEntryStatus = "PENDING" | "SUCCEEDED" | "FAILED" | "NETTED" | "MANUAL";

export interface PayoutAccountRow {
  vendorId: string;
  stripeAccountId: string;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  updatedAt: Date;
}

export interface LedgerEntryRow {
  id: string;
  seq: string;
  vendorId: string;
  orderId: string;
  orderNumber: string;
  vendorOrderId: string;
  refundId: string | null;
  direction: PayoutDirection;
  amountMinor: number;
  commissionMinor: number;
  currency: string;
  settlement: PayoutSettlement;
  status: PayoutEntryStatus;
  transferId: string | null;
  createdAt: Date;
}

export interface TransferRow {
  id: string;
  kind: "TRANSFER" | "REVERSAL";
  parentId: string | null;
  orderId: string;
  vendorOrderId: string;
  vendorId: string;
  amountMinor: number;
  currency: string;
  destination: string;
  idempotencyKey: string;
  status: TransferStatus;
  attempts: number;
  lastError: string | null;
  sourceTransaction: string | null;
  stripeId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PayoutBalanceRow {
  currency: string;
  balanceMinor: number;
  transferredMinor: number;
  reversedMinor: number;
  manualMinor: number;
  unsettledMinor: number;
  commissionMinor: number;
}
