import type { RefundRow } from "../order/order.rows";
import { RefundStatusValue, type Refund } from "./refund.types";

export function toRefund(row: RefundRow): Refund {
  return {
    id: row.id,
    amount: { amountMinor: row.amountMinor, currency: row.currency },
    status: row.status as RefundStatusValue,
    reason: row.reason,
    lines: row.lines,
    includeShipping: row.includeShipping,
    restock: row.restock,
    failureReason: row.failureReason,
    createdAt: row.createdAt,
  };
}
