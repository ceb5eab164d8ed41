import type {
  AllocateOutcome,
  ExtendOutcome,
  ReleaseOutcome,
  ReserveOutcome,
  RestockOutcome,
  SettleOutcome,
} from "../stock/stock.outcomes";
import {
  StockShortfallError,
  NoActiveReservationError,
  NothingAllocatedError,
  ReservationAlreadyExtendedError,
  ReservationExpiredError,
  ReservedStockLine,
  StockAllocated,
  StockAllocationCancelled,
  StockLine,
  StockReleased,
  StockReservationExtended,
  StockReserved,
  StockRestocked,
  StockShipped,
} from "./stock-internal.types";

// Stored outcomes (JSON) → the union members the schema answers with.

const lines = (rows: ReadonlyArray<Omit<StockLine, never>>) => rows.map((row) => Object.assign(new StockLine(), row));

export function toReserveResult(outcome: ReserveOutcome): StockReserved | StockShortfallError {
  if (!outcome.ok)
    return Object.assign(new StockShortfallError(), {
      message: `Only ${outcome.available} of the ${outcome.requested} units asked for are available`,
      variantId: outcome.variantId,
      requested: outcome.requested,
      available: outcome.available,
    });
  return Object.assign(new StockReserved(), {
    cartId: outcome.cartId,
    expiresAt: new Date(outcome.expiresAt),
    lines: outcome.lines.map((row) => Object.assign(new ReservedStockLine(), row)),
  });
}

export function toExtendResult(
  outcome: ExtendOutcome,
): StockReservationExtended | ReservationAlreadyExtendedError | NoActiveReservationError {
  if (outcome.kind === "extended")
    return Object.assign(new StockReservationExtended(), {
      cartId: outcome.cartId,
      expiresAt: new Date(outcome.expiresAt),
    });
  if (outcome.kind === "alreadyExtended")
    return Object.assign(new ReservationAlreadyExtendedError(), {
      message: "The reservation was already extended once",
      expiresAt: new Date(outcome.expiresAt),
    });
  return Object.assign(new NoActiveReservationError(), { message: "The cart holds no live reservation" });
}

export function toReleaseResult(outcome: ReleaseOutcome): StockReleased {
  return Object.assign(new StockReleased(), { cartId: outcome.cartId, releasedUnits: outcome.units });
}

export function toAllocateResult(outcome: AllocateOutcome): StockAllocated | ReservationExpiredError {
  if (!outcome.ok)
    return Object.assign(new ReservationExpiredError(), {
      message: `The reservation lapsed and only ${outcome.available} of ${outcome.requested} units are available`,
      variantId: outcome.variantId,
      requested: outcome.requested,
      available: outcome.available,
    });
  return Object.assign(new StockAllocated(), { cartId: outcome.cartId, lines: lines(outcome.lines) });
}

const nothingAllocated = () =>
  Object.assign(new NothingAllocatedError(), { message: "The cart has no allocation: never made, or already settled" });

export function toShipResult(outcome: SettleOutcome): StockShipped | NothingAllocatedError {
  if (!outcome.ok) return nothingAllocated();
  return Object.assign(new StockShipped(), { cartId: outcome.cartId, lines: lines(outcome.lines) });
}

export function toCancelResult(outcome: SettleOutcome): StockAllocationCancelled | NothingAllocatedError {
  if (!outcome.ok) return nothingAllocated();
  return Object.assign(new StockAllocationCancelled(), { cartId: outcome.cartId, lines: lines(outcome.lines) });
}

export function toRestockResult(outcome: RestockOutcome): StockRestocked {
  return Object.assign(new StockRestocked(), { lines: lines(outcome.lines) });
}
