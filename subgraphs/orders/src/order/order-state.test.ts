import {
  canTransition,
  nextStatus,
  nextVendorStatus,
  orderStatusFromVendorOrders,
  paymentStatusOf,
  refundStatusOf,
} from "./order-state";

describe("order state machine", () => {
  it("allows the forward path and cancellation before fulfilment only", () => {
    expect(nextStatus("PAYMENT_PENDING", "PAID")).toBe("PAID");
    expect(canTransition("PAID", "CANCELLED")).toBe(true);
    expect(canTransition("PARTIALLY_FULFILLED", "CANCELLED")).toBe(false);
    expect(canTransition("FULFILLED", "PAID")).toBe(false);
    expect(canTransition("CANCELLED", "PAID")).toBe(false);
    expect(() => nextStatus("COMPLETED", "CANCELLED")).toThrow(expect.objectContaining({ code: "INVALID_STATE" }));
    expect(() => nextVendorStatus("SHIPPED", "CANCELLED")).toThrow(expect.objectContaining({ code: "INVALID_STATE" }));
  });

  it("derives the order's status from its vendor orders", () => {
    expect(orderStatusFromVendorOrders(["TO_FULFIL", "TO_FULFIL"])).toBe("PAID");
    expect(orderStatusFromVendorOrders(["SHIPPED", "TO_FULFIL"])).toBe("PARTIALLY_FULFILLED");
    expect(orderStatusFromVendorOrders(["PARTIALLY_SHIPPED"])).toBe("PARTIALLY_FULFILLED");
    expect(orderStatusFromVendorOrders(["SHIPPED", "DELIVERED"])).toBe("FULFILLED");
    expect(orderStatusFromVendorOrders(["DELIVERED", "CANCELLED"])).toBe("COMPLETED");
    expect(orderStatusFromVendorOrders(["CANCELLED", "CANCELLED"])).toBe("CANCELLED");
  });

  it("derives payment and refund status from amounts", () => {
    expect(paymentStatusOf(0, 1000)).toBe("NONE");
    expect(paymentStatusOf(500, 1000)).toBe("PARTIAL");
    expect(paymentStatusOf(1000, 1000)).toBe("FULL");
    expect(paymentStatusOf(1001, 1000)).toBe("OVERCHARGED");
    expect(refundStatusOf([], 1000)).toBe("NONE");
    expect(refundStatusOf([{ status: "SUCCEEDED", amountMinor: 300 }], 1000)).toBe("PARTIAL");
    expect(
      refundStatusOf(
        [
          { status: "SUCCEEDED", amountMinor: 300 },
          { status: "PENDING", amountMinor: 700 },
        ],
        1000,
      ),
    ).toBe("PENDING");
    expect(
      refundStatusOf(
        [
          { status: "SUCCEEDED", amountMinor: 1000 },
          { status: "FAILED", amountMinor: 5 },
        ],
        1000,
      ),
    ).toBe("FULL");
  });
});
