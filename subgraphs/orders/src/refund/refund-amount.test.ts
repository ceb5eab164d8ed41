import type { OrderLineRow, VendorOrderRow } from "../order/order.rows";
import { checkRefundLines, lineShare, refundAmountOf } from "./refund-amount";

const line = (over: Partial<OrderLineRow>): OrderLineRow =>
  ({ id: "l1", vendorOrderId: "v1", quantity: 3, totalMinor: 1000, quantityRefunded: 0, ...over }) as OrderLineRow;
const vendorOrder = (id: string, shippingMinor: number) => ({ id, shippingMinor }) as VendorOrderRow;

describe("a refund's amount", () => {
  it("is each line's total × units / quantity, rounded, plus the shipping of the lines' vendor orders", () => {
    expect(lineShare(line({}), 1)).toBe(333);
    expect(lineShare(line({}), 2)).toBe(667);
    expect(lineShare(line({}), 3)).toBe(1000);
    const picked = [{ line: line({}), quantity: 1 }];
    const vendorOrders = [vendorOrder("v1", 500), vendorOrder("v2", 700)];
    expect(refundAmountOf(picked, vendorOrders, false)).toBe(333);
    expect(refundAmountOf(picked, vendorOrders, true)).toBe(833);
    expect(refundAmountOf([], vendorOrders, true)).toBe(1200);
  });

  it("never refunds more units than are neither refunded nor pending, nor a line twice or of another vendor", () => {
    const lines = [line({ quantityRefunded: 1 }), line({ id: "l2", vendorOrderId: "v2" })];
    const pending = new Map([["l1", 1]]);
    const mine = (l: OrderLineRow) => l.vendorOrderId === "v1";
    expect(checkRefundLines([{ orderLineId: "l1", quantity: 1 }], lines, pending, mine)).toHaveLength(1);
    expect(() => checkRefundLines([{ orderLineId: "l1", quantity: 2 }], lines, pending, mine)).toThrow(
      expect.objectContaining({ field: "input.lines.0.quantity" }),
    );
    // Another vendor's line is not the caller's to name: NOT_FOUND, as for a line of no order.
    expect(() => checkRefundLines([{ orderLineId: "l2", quantity: 1 }], lines, pending, mine)).toThrow(
      expect.objectContaining({ code: "NOT_FOUND", field: "input.lines.0.orderLineId" }),
    );
    expect(() =>
      checkRefundLines(
        [
          { orderLineId: "l1", quantity: 1 },
          { orderLineId: "l1", quantity: 1 },
        ],
        lines,
        new Map(),
        mine,
      ),
    ).toThrow(expect.objectContaining({ field: "input.lines.1.orderLineId" }));
  });
});
