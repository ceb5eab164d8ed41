import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { PUBLISHED_EVENTS as ORDERS_EVENTS } from "@pawgraph/orders";
import { createLogger, openEventDataSource, writeEvent, type EventContract } from "@pawgraph/subgraph-kit";
import { NotificationsDocument } from "../clients/__generated__/graphql";
import { approvedVendor } from "./catalog-fixtures";
import { eventually, execute, registerUser, startStack, type Stack } from "./harness";
import { settle } from "./ws";

/**
 * orders' events reach people through messaging: written to orders' outbox by the kit's event writer
 * (as orders' services write them), published by orders' relay, turned into notifications by
 * messaging's consumer. Its own database and event stream, so no other file's events are in the way.
 */
let stack: Stack;
let orders: DataSource;

beforeAll(async () => {
  stack = await startStack({ ownDatabase: true, messaging: { consumeEvents: true } });
  orders = await openEventDataSource(stack.databaseUrl, "orders", createLogger("test-orders-outbox"));
});
afterAll(async () => {
  await orders.destroy();
  await stack.stop();
});

// orders' own contract: `create` checks the payload as orders' services have it checked.
const ORDER_PAID: EventContract = ORDERS_EVENTS.find((event) => event.name === "order.paid")!;

async function notificationsOf(token: string) {
  const result = await execute(stack.gateway.url, NotificationsDocument, {}, token);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const published = async (outboxId: string) => {
  const rows: { published_at: Date | null }[] = await orders.query(
    `SELECT published_at FROM orders.outbox WHERE id = $1`,
    [outboxId],
  );
  return rows[0]?.published_at ?? null;
};

describe("notifications of orders' events", () => {
  it("a paid order tells its buyer and the vendor's admin once each, though the relay publishes it twice", async () => {
    const buyer = await registerUser(stack, "buyer");
    const vendor = await approvedVendor(stack, "vendor");
    const orderId = randomUUID();
    const event = ORDER_PAID.create(orderId, {
      orderId,
      orderNumber: "PG-100777",
      buyerId: buyer.user.id,
      currency: "USD",
      amountMinor: 21450,
      provider: "STRIPE",
      vendorOrders: [
        {
          vendorOrderId: randomUUID(),
          vendorId: vendor.vendorId,
          totalMinor: 21450,
          lineCount: 2,
          itemsMinor: 20950,
          shippingMinor: 500,
          commissionMinor: 2095,
          lines: [
            { productId: randomUUID(), variantId: randomUUID(), title: "Kibble", quantity: 1, totalMinor: 10475 },
            { productId: randomUUID(), variantId: randomUUID(), title: "Treats", quantity: 1, totalMinor: 10475 },
          ],
        },
      ],
    });
    const outboxId = await orders.transaction((tx) => writeEvent(tx, "orders", event));

    const inbox = await eventually(
      () => notificationsOf(buyer.token),
      (n) => n.unreadNotificationCount === 1,
    );
    expect(inbox.notifications!.edges.map((e) => e.node)).toMatchObject([
      {
        type: "ORDER_PAID",
        title: "Order PG-100777 paid",
        body: "We received your payment of $214.50 for order PG-100777. We will tell you when it ships.",
        read: false,
      },
    ]);
    const vendorInbox = await eventually(
      () => notificationsOf(vendor.token),
      (n) => n.notifications!.edges.some((e) => e.node.type === "VENDOR_ORDER_PAID"),
    );
    expect(vendorInbox.notifications!.edges.map((e) => e.node).filter((n) => n.type === "VENDOR_ORDER_PAID")).toEqual([
      expect.objectContaining({
        title: "New order to fulfil",
        body: "Order PG-100777 is paid: 2 lines for $214.50 to ship.",
      }),
    ]);

    // The same outbox row (same event id) published again, as a relay does after a crash between
    // publishing and marking, or after Redis lost its data (docs/decisions/0026).
    await orders.query(`UPDATE orders.outbox SET published_at = NULL WHERE id = $1`, [outboxId]);
    await orders.query(`SELECT pg_notify('pawgraph_outbox', 'orders')`);
    await eventually(
      () => published(outboxId),
      (at) => at !== null,
    );
    await settle(1_000);
    const again = await notificationsOf(buyer.token);
    expect(again.unreadNotificationCount).toBe(1);
    expect(again.notifications!.edges.map((e) => e.node.type)).toEqual(["ORDER_PAID"]);
    const vendorAgain = await notificationsOf(vendor.token);
    expect(vendorAgain.notifications!.edges.filter((e) => e.node.type === "VENDOR_ORDER_PAID")).toHaveLength(1);
  });
});
