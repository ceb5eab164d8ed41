// Fulfilment, cancellation and refunds through the gateway with the offline provider: a vendor ships an
// order in two parcels while the buyer watches it live, then delivers it; a buyer cancels in time and
// gets the stock back on the shelf and the money refunded; refunds never pay back more than was paid.
import type { Client } from "graphql-ws";
import {
  CancelOrderDocument,
  CancelVendorOrderDocument,
  MarkDeliveredDocument,
  MarkShippedDocument,
  OrderDocument,
  OrderRefundsDocument,
  OrderUpdatedDocument,
  PlaceOrderDocument,
  RefundOrderDocument,
  StartCheckoutDocument,
} from "../clients/__generated__/graphql";
import { sql } from "./catalog-fixtures";
import { adminToken, registerVerifiedUser } from "./fixtures";
import { execute, onlyError, startStack, type Stack } from "./harness";
import { buyerWithCart, flatShipping, shopWithStock } from "./orders-fixtures";
import { openSocket, settle, subscribe } from "./ws";

let stack: Stack;
const gateway = () => stack.gateway.url;
const sockets: Client[] = [];

beforeAll(async () => {
  stack = await startStack();
});

afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.dispose()));
});

afterAll(async () => {
  await stack?.stop();
});

/** A shop, and a buyer's PAID order of `quantity` units of its one variant (offline provider). */
async function paidOrder(label: string, quantity: number, stock = 10) {
  const shop = await shopWithStock(stack, [{ priceMinor: 1000, stock }], { label: `${label}-shop` });
  await flatShipping(stack, shop.vendor, 500);
  const buyer = await buyerWithCart(stack, `${label}-buyer`, [{ variantId: shop.variantIds[0]!, quantity }]);
  const started = await execute(gateway(), StartCheckoutDocument, {}, buyer.token);
  expect(started.data?.startCheckout.__typename).toBe("CheckoutStarted");
  const placed = await execute(gateway(), PlaceOrderDocument, {}, buyer.token);
  if (placed.data?.placeOrder.__typename !== "OrderPlaced") throw new Error(JSON.stringify(placed));
  const order = placed.data.placeOrder.order;
  expect(order.status).toBe("PAID");
  const vendorOrder = order.vendorOrders[0]!;
  return { shop, buyer, order, vendorOrder, lineId: vendorOrder.lines[0]!.id };
}

async function level(variantId: string) {
  const [row] = await sql<{ onHand: number; allocated: number; reserved: number }>(
    stack,
    `SELECT on_hand AS "onHand", allocated,
       (SELECT coalesce(sum(quantity), 0)::int FROM catalog.stock_reservations r WHERE r.variant_id = l.variant_id) AS reserved
       FROM catalog.stock_levels l WHERE variant_id = $1`,
    [variantId],
  );
  return row!;
}

async function eventsOf(orderId: string): Promise<string[]> {
  const rows = await sql<{ type: string }>(
    stack,
    `SELECT type FROM orders.outbox WHERE aggregate_id = $1 ORDER BY id`,
    [orderId],
  );
  return rows.map((r) => r.type);
}

describe("fulfilment by the vendor's staff", () => {
  it("ships in two parcels while the buyer watches live, then delivers: PAID → PARTIALLY_FULFILLED → FULFILLED → COMPLETED", async () => {
    const { shop, buyer, order, vendorOrder, lineId } = await paidOrder("ship", 3);
    const client = openSocket(stack.gateway.wsUrl, buyer.token);
    sockets.push(client);
    const live = subscribe(client, OrderUpdatedDocument, { orderId: order.id });
    const strangerSocket = openSocket(stack.gateway.wsUrl, (await registerVerifiedUser(stack, "ship-stranger")).token);
    sockets.push(strangerSocket);
    const stranger = subscribe(strangerSocket, OrderUpdatedDocument, { orderId: order.id });
    const refused = await stranger.nth(1);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "orderId" });
    await settle();

    // Another vendor's staff cannot see it; over-shipping names the quantity at fault.
    const other = await shopWithStock(stack, [{ priceMinor: 500, stock: 1 }], { label: "other-shop" });
    const ship = (quantity: number, tracking: string, token = shop.vendor.token) =>
      execute(
        gateway(),
        MarkShippedDocument,
        {
          input: {
            vendorOrderId: vendorOrder.id,
            carrier: "DHL",
            trackingNumber: tracking,
            lines: [{ orderLineId: lineId, quantity }],
          },
        },
        token,
      );
    expect(onlyError(await ship(1, "T-0", other.vendor.token)).extensions).toMatchObject({ code: "NOT_FOUND" });
    expect(onlyError(await ship(4, "T-0")).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.lines.0.quantity",
    });

    const first = await ship(1, "T-1");
    expect(first.errors).toBeUndefined();
    expect(first.data!.markShipped).toMatchObject({ status: "PARTIALLY_SHIPPED", lines: [{ quantityShipped: 1 }] });
    expect((await live.nth(1)).data!.orderUpdated).toMatchObject({
      id: order.id,
      status: "PARTIALLY_FULFILLED",
      vendorOrders: [{ status: "PARTIALLY_SHIPPED", shipments: [{ carrier: "DHL", trackingNumber: "T-1" }] }],
    });
    // catalog sells the vendor order's whole allocation at its first shipment.
    expect(await level(shop.variantIds[0]!)).toMatchObject({ onHand: 7, allocated: 0 });
    expect(onlyError(await ship(3, "T-2")).extensions).toMatchObject({ field: "input.lines.0.quantity" });

    expect((await ship(2, "T-2")).data!.markShipped.status).toBe("SHIPPED");
    expect((await live.nth(2)).data!.orderUpdated!.status).toBe("FULFILLED");
    expect(await level(shop.variantIds[0]!)).toMatchObject({ onHand: 7, allocated: 0 });

    // The buyer sees both parcels with tracking; it can no longer be cancelled.
    const read = await execute(gateway(), OrderDocument, { id: order.id }, buyer.token);
    expect(read.data!.order!.status).toBe("FULFILLED");
    expect(read.data!.order!.vendorOrders[0]!.shipments.map((s) => s.trackingNumber)).toEqual(["T-1", "T-2"]);
    const cancel = await execute(gateway(), CancelOrderDocument, { input: { orderId: order.id } }, buyer.token);
    expect(onlyError(cancel).extensions).toMatchObject({ code: "INVALID_STATE" });

    const delivered = await execute(
      gateway(),
      MarkDeliveredDocument,
      { input: { vendorOrderId: vendorOrder.id } },
      shop.vendor.token,
    );
    expect(delivered.data!.markDelivered.status).toBe("DELIVERED");
    expect(delivered.data!.markDelivered.shipments.every((s) => s.deliveredAt !== null)).toBe(true);
    expect((await live.nth(3)).data!.orderUpdated!.status).toBe("COMPLETED");
    const again = await execute(
      gateway(),
      MarkDeliveredDocument,
      { input: { vendorOrderId: vendorOrder.id } },
      shop.vendor.token,
    );
    expect(onlyError(again).extensions).toMatchObject({ code: "INVALID_STATE" });

    const events = await eventsOf(order.id);
    expect(events.filter((e) => e === "order.shipped")).toHaveLength(2);
    expect(events.filter((e) => e === "order.delivered")).toHaveLength(1);
    const history = (await execute(gateway(), OrderDocument, { id: order.id }, buyer.token)).data!.order!.history;
    expect(history.filter((h) => h.actorRole === "VENDOR").map((h) => `${h.from}->${h.to}`)).toEqual([
      "TO_FULFIL->PARTIALLY_SHIPPED",
      "PAID->PARTIALLY_FULFILLED",
      "PARTIALLY_SHIPPED->SHIPPED",
      "PARTIALLY_FULFILLED->FULFILLED",
      "SHIPPED->DELIVERED",
      "FULFILLED->COMPLETED",
    ]);
  });
});

describe("cancellation before shipment", () => {
  it("the buyer cancels in time: CANCELLED, stock available again, the payment refunded", async () => {
    const { shop, buyer, order } = await paidOrder("cancel", 2, 5);
    expect(await level(shop.variantIds[0]!)).toMatchObject({ onHand: 5, allocated: 2 });
    const cancelled = await execute(gateway(), CancelOrderDocument, { input: { orderId: order.id } }, buyer.token);
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cancelOrder).toMatchObject({
      status: "CANCELLED",
      refundStatus: "FULL",
      refunded: { amountMinor: order.paid.amountMinor },
      vendorOrders: [{ status: "CANCELLED" }],
      refunds: [{ status: "SUCCEEDED", amount: { amountMinor: order.paid.amountMinor } }],
    });
    expect(cancelled.data!.cancelOrder.cancelledAt).not.toBeNull();
    expect(await level(shop.variantIds[0]!)).toMatchObject({ onHand: 5, allocated: 0, reserved: 0 });
    expect(await eventsOf(order.id)).toEqual(expect.arrayContaining(["order.cancelled", "order.refunded"]));
    const twice = await execute(gateway(), CancelOrderDocument, { input: { orderId: order.id } }, buyer.token);
    expect(onlyError(twice).extensions).toMatchObject({ code: "INVALID_STATE" });
  });

  it("after the window the buyer cannot; a stranger gets NOT_FOUND; an admin must say why", async () => {
    const { buyer, order } = await paidOrder("late", 1);
    const stranger = await registerVerifiedUser(stack, "late-stranger");
    const asStranger = await execute(gateway(), CancelOrderDocument, { input: { orderId: order.id } }, stranger.token);
    expect(onlyError(asStranger).extensions).toMatchObject({ code: "NOT_FOUND" });
    await sql(stack, `UPDATE orders.orders SET placed_at = placed_at - interval '2 hours' WHERE id = $1`, [order.id]);
    const late = await execute(gateway(), CancelOrderDocument, { input: { orderId: order.id } }, buyer.token);
    expect(onlyError(late).extensions).toMatchObject({ code: "INVALID_STATE" });
    const admin = await adminToken(stack);
    const noReason = await execute(gateway(), CancelOrderDocument, { input: { orderId: order.id } }, admin);
    expect(onlyError(noReason).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
    const byAdmin = await execute(
      gateway(),
      CancelOrderDocument,
      { input: { orderId: order.id, reason: "Buyer called support" } },
      admin,
    );
    expect(byAdmin.data!.cancelOrder.status).toBe("CANCELLED");
  });

  it("a vendor cancels its paid part with a reason: its stock freed, its share refunded, the order goes on", async () => {
    const food = await shopWithStock(stack, [{ priceMinor: 2000, stock: 4 }], { label: "part-food" });
    const toys = await shopWithStock(stack, [{ priceMinor: 1000, stock: 4 }], { label: "part-toys" });
    await flatShipping(stack, food.vendor, 500);
    await flatShipping(stack, toys.vendor, 300);
    const buyer = await buyerWithCart(stack, "part-buyer", [
      { variantId: food.variantIds[0]!, quantity: 1 },
      { variantId: toys.variantIds[0]!, quantity: 2 },
    ]);
    await execute(gateway(), StartCheckoutDocument, {}, buyer.token);
    const placed = await execute(gateway(), PlaceOrderDocument, {}, buyer.token);
    if (placed.data?.placeOrder.__typename !== "OrderPlaced") throw new Error(JSON.stringify(placed));
    const order = placed.data.placeOrder.order;
    const part = (vendorId: string) => order.vendorOrders.find((v) => v.vendor!.id === vendorId)!;
    const toyPart = part(toys.vendor.vendorId);
    const cancel = (reason: string) =>
      execute(
        gateway(),
        CancelVendorOrderDocument,
        { input: { vendorOrderId: toyPart.id, reason } },
        toys.vendor.token,
      );
    expect(onlyError(await cancel(" ")).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
    const byFood = await execute(
      gateway(),
      CancelVendorOrderDocument,
      { input: { vendorOrderId: toyPart.id, reason: "Out of stock" } },
      food.vendor.token,
    );
    expect(onlyError(byFood).extensions).toMatchObject({ code: "NOT_FOUND" });
    expect((await cancel("Out of stock")).data!.cancelVendorOrder.status).toBe("CANCELLED");
    expect(await level(toys.variantIds[0]!)).toMatchObject({ onHand: 4, allocated: 0 });

    const read = await execute(gateway(), OrderRefundsDocument, { id: order.id }, buyer.token);
    expect(read.data!.order).toMatchObject({
      status: "PAID",
      refundStatus: "PARTIAL",
      refunded: { amountMinor: toyPart.total.amountMinor },
      refunds: [{ status: "SUCCEEDED", amount: { amountMinor: toyPart.total.amountMinor }, reason: "Out of stock" }],
    });
    // The food part ships in full: with the toy part cancelled, the order is FULFILLED.
    const foodPart = part(food.vendor.vendorId);
    const shipped = await execute(
      gateway(),
      MarkShippedDocument,
      {
        input: {
          vendorOrderId: foodPart.id,
          carrier: "DHL",
          trackingNumber: "F-1",
          lines: [{ orderLineId: foodPart.lines[0]!.id, quantity: 1 }],
        },
      },
      food.vendor.token,
    );
    expect(shipped.data!.markShipped.status).toBe("SHIPPED");
    const after = await execute(gateway(), OrderRefundsDocument, { id: order.id }, buyer.token);
    expect(after.data!.order!.status).toBe("FULFILLED");
  });
});

describe("refunds", () => {
  it("a vendor refunds a line with restock, an admin the rest; a third refund is refused", async () => {
    const { shop, order, vendorOrder, lineId } = await paidOrder("refund", 2);
    await execute(
      gateway(),
      MarkShippedDocument,
      {
        input: {
          vendorOrderId: vendorOrder.id,
          carrier: "UPS",
          trackingNumber: "1Z",
          lines: [{ orderLineId: lineId, quantity: 2 }],
        },
      },
      shop.vendor.token,
    );
    expect(await level(shop.variantIds[0]!)).toMatchObject({ onHand: 8, allocated: 0 });
    const paid = order.paid.amountMinor;
    const lineTotal = vendorOrder.lines[0]!.total.amountMinor;

    const refund = (input: object, token: string) =>
      execute(
        gateway(),
        RefundOrderDocument,
        { input: { orderId: order.id, includeShipping: false, restock: false, reason: "Torn bag", ...input } },
        token,
      );
    const partial = await refund({ lines: [{ orderLineId: lineId, quantity: 1 }], restock: true }, shop.vendor.token);
    expect(partial.errors).toBeUndefined();
    expect(partial.data!.refundOrder).toMatchObject({
      status: "SUCCEEDED",
      amount: { amountMinor: Math.round(lineTotal / 2) },
      lines: [{ orderLineId: lineId, quantity: 1 }],
      restock: true,
    });
    expect(await level(shop.variantIds[0]!)).toMatchObject({ onHand: 9 });

    const admin = await adminToken(stack);
    const left = paid - Math.round(lineTotal / 2);
    const tooMuch = await refund({ amountMinor: left + 1 }, admin);
    expect(onlyError(tooMuch).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.amountMinor" });
    const rest = await refund({ amountMinor: left }, admin);
    expect(rest.data!.refundOrder).toMatchObject({ status: "SUCCEEDED", amount: { amountMinor: left } });
    const third = await refund({ amountMinor: 1 }, admin);
    expect(onlyError(third).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.amountMinor" });

    const read = await execute(gateway(), OrderRefundsDocument, { id: order.id }, admin);
    expect(read.data!.order).toMatchObject({
      refundStatus: "FULL",
      refunded: { amountMinor: paid },
      refunds: [{ status: "SUCCEEDED" }, { status: "SUCCEEDED" }],
    });
    expect((await eventsOf(order.id)).filter((e) => e === "order.refunded")).toHaveLength(2);
  });
});
