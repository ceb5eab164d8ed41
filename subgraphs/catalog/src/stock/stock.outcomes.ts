import type { LineTake, Take } from "./availability";

/**
 * What each stock operation answered, as stored in `stock_operations.outcome` (JSON): a retried call
 * with the same key gets exactly this back. `ok` says whether the operation changed stock.
 */
export type ReserveOutcome =
  | { ok: true; kind: "reserved"; cartId: string; expiresAt: string; lines: LineTake[] }
  | { ok: false; kind: "insufficient"; variantId: string; requested: number; available: number };

export type ExtendOutcome =
  | { ok: true; kind: "extended"; cartId: string; expiresAt: string }
  | { ok: false; kind: "alreadyExtended"; expiresAt: string }
  | { ok: false; kind: "noReservation" };

export type ReleaseOutcome = { ok: true; kind: "released"; cartId: string; units: number };

export type AllocateOutcome =
  | { ok: true; kind: "allocated"; cartId: string; lines: Take[] }
  | { ok: false; kind: "expired"; variantId: string; requested: number; available: number };

/** ship and cancelAllocation: the cart's allocation, gone out (SALE) or back to available (CANCEL). */
export type SettleOutcome =
  { ok: true; kind: "shipped" | "cancelled"; cartId: string; lines: Take[] } | { ok: false; kind: "nothingAllocated" };

export type RestockOutcome = { ok: true; kind: "restocked"; lines: Take[] };

/** The operations, as named in the idempotency ledger (`<caller key>:<operation>`). */
export type StockOperation = "reserve" | "extend" | "release" | "allocate" | "ship" | "cancel" | "restock";
