import { BadUserInputError, NotFoundError } from "@pawgraph/subgraph-kit";
import type { OrderLineRow, VendorOrderRow } from "../order/order.rows";

export interface RefundLineRequest {
  orderLineId: string;
  quantity: number;
}

/** A line's share of a refund: its total × units / its quantity, rounded to the minor unit. */
export function lineShare(line: Pick<OrderLineRow, "totalMinor" | "quantity">, units: number): number {
  return Math.round((line.totalMinor * units) / line.quantity);
}

/**
 * Checks refund lines against the order's lines (each once, of the order, at most the units neither
 * refunded nor pending) and returns them with their rows. `mayRefund` says whether the caller may
 * refund a line at all (vendors' people: their vendor order's lines only).
 */
export function checkRefundLines(
  requested: readonly RefundLineRequest[],
  lines: readonly OrderLineRow[],
  pendingUnits: ReadonlyMap<string, number>,
  mayRefund: (line: OrderLineRow) => boolean,
): { line: OrderLineRow; quantity: number }[] {
  const seen = new Set<string>();
  return requested.map((r, i) => {
    const line = lines.find((l) => l.id === r.orderLineId);
    // Another order's line, or another vendor's, is not the caller's to name: NOT_FOUND, as for no line.
    if (!line || !mayRefund(line)) throw new NotFoundError("Order line", `input.lines.${i}.orderLineId`);
    if (seen.has(line.id)) throw new BadUserInputError(`input.lines.${i}.orderLineId`, "This line is given twice");
    seen.add(line.id);
    const left = line.quantity - line.quantityRefunded - (pendingUnits.get(line.id) ?? 0);
    if (!Number.isInteger(r.quantity) || r.quantity < 1 || r.quantity > left)
      throw new BadUserInputError(`input.lines.${i}.quantity`, `Between 1 and ${left}: the units not yet refunded`);
    return { line, quantity: r.quantity };
  });
}

/** The lines' share plus, with `includeShipping`, the shipping of the vendor orders they belong to. */
export function refundAmountOf(
  picked: readonly { line: OrderLineRow; quantity: number }[],
  vendorOrders: readonly VendorOrderRow[],
  includeShipping: boolean,
): number {
  const goods = picked.reduce((sum, p) => sum + lineShare(p.line, p.quantity), 0);
  if (!includeShipping) return goods;
  const parts = picked.length > 0 ? new Set(picked.map((p) => p.line.vendorOrderId)) : null;
  return goods + vendorOrders.filter((v) => !parts || parts.has(v.id)).reduce((sum, v) => sum + v.shippingMinor, 0);
}
