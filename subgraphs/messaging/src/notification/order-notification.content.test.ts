import { defaultEnabled, planNotifications, revealsHealth, vendorAudienceOf } from "./notification.content";
import { formatMoney, planOrderNotifications } from "./order-notification.content";

const buyerId = "2c4e6a8b-0d2f-4b6d-8f1a-3c5e7a9b1d66";
const order = { orderId: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c01", orderNumber: "PG-100042", buyerId };
const vendorA = "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e01";
const vendorB = "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e02";
const part = (vendorId: string, totalMinor: number, lineCount: number) => ({
  vendorOrderId: `vo-${vendorId}`,
  vendorId,
  totalMinor,
  lineCount,
});
const paid = {
  ...order,
  currency: "USD",
  amountMinor: 21450,
  provider: "STRIPE",
  vendorOrders: [part(vendorA, 18000, 2), part(vendorB, 3450, 1)],
};
const toBuyer = (type: string, payload: Record<string, unknown>) =>
  planNotifications({ type, payload: { ...order, ...payload } }, new Map()).map((n) => [n.type, n.title, n.body]);

describe("formatMoney", () => {
  it("reads minor units with the currency's exponent", () => {
    expect(formatMoney(21450, "USD")).toBe("$214.50");
    expect(formatMoney(5, "EUR")).toBe("€0.05");
    expect(formatMoney(21450, "JPY")).toBe("¥21,450");
    expect(formatMoney(21450, "KWD")).toBe("KWD\u00a021.450");
    expect(formatMoney(123456789012, "USD")).toBe("$1,234,567,890.12");
  });

  it("shows a code Intl refuses as it came, rather than failing the notification", () => {
    expect(formatMoney(100, "US")).toBe("100 US (minor units)");
  });
});

describe("planNotifications: orders' events", () => {
  it("a placed order tells its buyer its number and total", () => {
    expect(
      planNotifications(
        {
          type: "order.placed",
          payload: { ...order, currency: "USD", totalMinor: 21450, vendorOrders: [part(vendorA, 21450, 2)] },
        },
        new Map(),
      ),
    ).toEqual([
      {
        userId: buyerId,
        type: "ORDER_PLACED",
        title: "Order PG-100042 placed",
        body: "We received your order PG-100042 for $214.50. We will tell you when the payment is confirmed.",
        petId: null,
        bookingId: null,
        clinicId: null,
      },
    ]);
  });

  it("a paid order tells the buyer, and every admin and staff member of each vendor their part, once each", () => {
    const staff = new Map([
      [vendorA, ["a-admin", "a-staff", "both"]],
      [vendorB, ["both", "b-admin"]],
    ]);
    const plan = planNotifications({ type: "order.paid", payload: paid }, new Map(), staff);
    expect(plan.map((n) => [n.userId, n.type, n.title, n.body])).toEqual([
      [
        buyerId,
        "ORDER_PAID",
        "Order PG-100042 paid",
        "We received your payment of $214.50 for order PG-100042. We will tell you when it ships.",
      ],
      ["a-admin", "VENDOR_ORDER_PAID", "New order to fulfil", "Order PG-100042 is paid: 2 lines for $180.00 to ship."],
      ["a-staff", "VENDOR_ORDER_PAID", "New order to fulfil", "Order PG-100042 is paid: 2 lines for $180.00 to ship."],
      ["both", "VENDOR_ORDER_PAID", "New order to fulfil", "Order PG-100042 is paid: 2 lines for $180.00 to ship."],
      ["b-admin", "VENDOR_ORDER_PAID", "New order to fulfil", "Order PG-100042 is paid: 1 line for $34.50 to ship."],
    ]);
    expect(vendorAudienceOf({ type: "order.paid", payload: paid })).toEqual({
      vendorIds: [vendorA, vendorB],
      adminsOnly: false,
    });
    expect(vendorAudienceOf({ type: "order.placed", payload: paid }).vendorIds).toEqual([]);
  });

  it("a shipment names the carrier and the tracking number", () => {
    expect(
      toBuyer("order.shipped", {
        vendorOrderId: "vo",
        vendorId: vendorA,
        shipmentId: "s1",
        carrier: "DHL",
        trackingNumber: "00340434161094015902",
        lines: [],
      }),
    ).toEqual([
      [
        "ORDER_SHIPPED",
        "Order PG-100042 shipped",
        "Your order PG-100042 is on its way with DHL. Tracking number: 00340434161094015902.",
      ],
    ]);
  });

  it("a delivery invites a review", () => {
    expect(
      toBuyer("order.delivered", { deliveredAt: "2026-12-02T10:15:00.000Z", productIds: [], vendorId: vendorA }),
    ).toEqual([
      [
        "ORDER_DELIVERED",
        "Order PG-100042 delivered",
        "Your order PG-100042 was delivered. You can now review what you received.",
      ],
    ]);
  });

  it("a cancellation says by whom, why, and what is refunded", () => {
    const cancelled = { cancelledBy: null, currency: "EUR", reason: "Out of stock at the supplier", refundMinor: 1999 };
    expect(toBuyer("order.cancelled", { ...cancelled, actorRole: "VENDOR" })).toEqual([
      [
        "ORDER_CANCELLED",
        "Order PG-100042 cancelled",
        "Your order PG-100042 was cancelled by the vendor. Reason: Out of stock at the supplier. €19.99 will be refunded to you.",
      ],
    ]);
    expect(toBuyer("order.cancelled", { ...cancelled, actorRole: "BUYER", reason: null, refundMinor: 0 })[0]?.[2]).toBe(
      "Your order PG-100042 was cancelled at your request. Nothing was charged, so nothing is refunded.",
    );
    expect(toBuyer("order.cancelled", { ...cancelled, actorRole: "SYSTEM", reason: null })[0]?.[2]).toBe(
      "Your order PG-100042 was cancelled. €19.99 will be refunded to you.",
    );
  });

  it("a refund says how much and why", () => {
    expect(
      toBuyer("order.refunded", {
        refundId: "r1",
        amountMinor: 2599,
        currency: "USD",
        reason: "One bag arrived torn.",
      }),
    ).toEqual([
      [
        "ORDER_REFUNDED",
        "Refund for order PG-100042",
        "$25.99 of order PG-100042 was refunded to you. Reason: One bag arrived torn.",
      ],
    ]);
  });

  it("an order that needs attention and a failed payment tell the buyer what happened", () => {
    expect(
      toBuyer("order.needs_attention", {
        reason: "Stock for 1 line was gone when the payment arrived; refunded in full.",
      }),
    ).toEqual([
      [
        "ORDER_NEEDS_ATTENTION",
        "Order PG-100042 needs attention",
        "Your order PG-100042 cannot go ahead as placed: Stock for 1 line was gone when the payment arrived; refunded in full. Our team is looking into it.",
      ],
    ]);
    expect(toBuyer("payment.failed", { paymentReference: "pi_3Q0abc", reason: "Your card was declined." })).toEqual([
      [
        "PAYMENT_FAILED",
        "Payment for order PG-100042 failed",
        "Your payment for order PG-100042 did not go through: Your card was declined. You can try again before the checkout expires.",
      ],
    ]);
  });

  it("a buyer id that is no account of ours plans nothing for the buyer; vendor staff still hear", () => {
    const plan = planOrderNotifications(
      { type: "order.paid", payload: { ...paid, buyerId: "guest-1" } },
      new Map([[vendorA, ["a-admin"]]]),
    );
    expect(plan.map((n) => [n.userId, n.type])).toEqual([["a-admin", "VENDOR_ORDER_PAID"]]);
  });

  it("order notifications are emailed by default and reveal no pet's health", () => {
    expect(defaultEnabled("ORDER_SHIPPED", "EMAIL")).toBe(true);
    expect(defaultEnabled("VENDOR_ORDER_PAID", "PUSH")).toBe(true);
    expect(revealsHealth("ORDER_PAID")).toBe(false);
  });
});
