import type { EntityManager } from "typeorm";
import {
  nextStatus,
  orderStatusFromVendorOrders,
  type OrderStatus,
  type VendorOrderStatus,
} from "../order/order-state";
import type { OrderRepository } from "../order/order.repository";
import type { Actor, OrderRow } from "../order/order.rows";

/** The fulfilment path, in order: a jump along it is recorded one step at a time. */
const PATH: readonly OrderStatus[] = ["PAID", "PARTIALLY_FULFILLED", "FULFILLED", "COMPLETED"];

/**
 * Moves the order to the status its vendor orders imply, through the state machine. A vendor order
 * cancelled while another was already delivered can take the order from PARTIALLY_FULFILLED to
 * COMPLETED at once; the machine allows one step at a time, so each step is recorded.
 * Returns the order's status afterwards.
 */
export async function progressOrder(
  manager: EntityManager,
  orders: OrderRepository,
  order: Pick<OrderRow, "id" | "status">,
  vendorStatuses: readonly VendorOrderStatus[],
  actor: Actor,
  reason: string | null,
): Promise<OrderStatus> {
  const target = orderStatusFromVendorOrders(vendorStatuses);
  if (target === order.status) return order.status;
  const from = PATH.indexOf(order.status);
  const to = PATH.indexOf(target);
  const steps = from >= 0 && to > from + 1 ? PATH.slice(from + 1, to + 1) : [target];
  let current = order.status;
  for (const step of steps) {
    const extra = step === "CANCELLED" ? { cancelledAt: true } : {};
    await orders.setStatus(manager, { id: order.id, status: current }, nextStatus(current, step), actor, reason, extra);
    current = step;
  }
  return current;
}
