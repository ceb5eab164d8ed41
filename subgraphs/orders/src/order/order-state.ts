import { DomainError } from "@pawgraph/subgraph-kit";

/** An order's life (docs/decisions/0036). Every change goes through `nextStatus` and is recorded with who and why. */
export type OrderStatus =
  "PAYMENT_PENDING" | "PAID" | "PARTIALLY_FULFILLED" | "FULFILLED" | "COMPLETED" | "CANCELLED" | "NEEDS_ATTENTION";

/** A vendor's part of an order. */
export type VendorOrderStatus =
  "AWAITING_PAYMENT" | "TO_FULFIL" | "PARTIALLY_SHIPPED" | "SHIPPED" | "DELIVERED" | "CANCELLED";

const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  PAYMENT_PENDING: ["PAID", "CANCELLED", "NEEDS_ATTENTION"],
  PAID: ["PARTIALLY_FULFILLED", "FULFILLED", "CANCELLED", "NEEDS_ATTENTION"],
  PARTIALLY_FULFILLED: ["FULFILLED", "NEEDS_ATTENTION"],
  FULFILLED: ["COMPLETED", "NEEDS_ATTENTION"],
  COMPLETED: [],
  CANCELLED: [],
  NEEDS_ATTENTION: ["PAID", "CANCELLED", "PARTIALLY_FULFILLED", "FULFILLED", "COMPLETED"],
};

const VENDOR_ORDER_TRANSITIONS: Record<VendorOrderStatus, readonly VendorOrderStatus[]> = {
  AWAITING_PAYMENT: ["TO_FULFIL", "CANCELLED"],
  TO_FULFIL: ["PARTIALLY_SHIPPED", "SHIPPED", "CANCELLED"],
  PARTIALLY_SHIPPED: ["SHIPPED"],
  SHIPPED: ["DELIVERED"],
  DELIVERED: [],
  CANCELLED: [],
};

/** A transition the state machine does not allow: the client asked for something the order's state forbids. */
export class InvalidTransitionError extends DomainError {
  constructor(what: string, from: string, to: string) {
    super("INVALID_STATE", `A ${what} that is ${from} cannot become ${to}`, undefined, { from, to });
  }
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** The guard every order status change passes: returns `to`, or throws InvalidTransitionError. */
export function nextStatus(from: OrderStatus, to: OrderStatus): OrderStatus {
  if (!canTransition(from, to)) throw new InvalidTransitionError("order", from, to);
  return to;
}

export function nextVendorStatus(from: VendorOrderStatus, to: VendorOrderStatus): VendorOrderStatus {
  if (!VENDOR_ORDER_TRANSITIONS[from].includes(to)) throw new InvalidTransitionError("vendor order", from, to);
  return to;
}

/**
 * The order's status that follows from its vendor orders once it is paid: all delivered → COMPLETED,
 * all shipped or delivered → FULFILLED, some shipped → PARTIALLY_FULFILLED, else PAID. Cancelled
 * vendor orders do not count; all cancelled → CANCELLED.
 */
export function orderStatusFromVendorOrders(statuses: readonly VendorOrderStatus[]): OrderStatus {
  const live = statuses.filter((s) => s !== "CANCELLED");
  if (live.length === 0) return "CANCELLED";
  if (live.every((s) => s === "DELIVERED")) return "COMPLETED";
  if (live.every((s) => s === "SHIPPED" || s === "DELIVERED")) return "FULFILLED";
  if (live.some((s) => s !== "TO_FULFIL" && s !== "AWAITING_PAYMENT")) return "PARTIALLY_FULFILLED";
  return "PAID";
}

export type PaymentStatus = "NONE" | "PARTIAL" | "FULL" | "OVERCHARGED";
export type RefundStatus = "NONE" | "PENDING" | "PARTIAL" | "FULL";

/** Derived, never stored: what was received against what the order costs. */
export function paymentStatusOf(paidMinor: number, totalMinor: number): PaymentStatus {
  if (paidMinor <= 0) return "NONE";
  if (paidMinor < totalMinor) return "PARTIAL";
  return paidMinor === totalMinor ? "FULL" : "OVERCHARGED";
}

/** Derived from the refund rows: any pending → PENDING; else what succeeded against what was paid. */
export function refundStatusOf(
  refunds: readonly { status: string; amountMinor: number }[],
  paidMinor: number,
): RefundStatus {
  if (refunds.some((r) => r.status === "PENDING")) return "PENDING";
  const refunded = refunds.filter((r) => r.status === "SUCCEEDED").reduce((sum, r) => sum + r.amountMinor, 0);
  if (refunded <= 0) return "NONE";
  return refunded >= paidMinor ? "FULL" : "PARTIAL";
}
