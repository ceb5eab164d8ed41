import { randomUUID } from "node:crypto";
import { createLogger, idempotentHandler, type DomainEvent, type SubgraphDatabase } from "@pawgraph/subgraph-kit";
import { openCatalogDatabase } from "../src/data-source";
import { DeliveredPurchaseRepository } from "../src/review/delivered-purchase.repository";
import { orderDeliveredConsumer } from "../src/review/order-delivered.consumer";

/**
 * orders' `order.delivered` through catalog's consumer `catalog.order-delivered`: the buyer may
 * review each delivered product, once, however often the event arrives.
 */
let database: SubgraphDatabase;
let purchases: DeliveredPurchaseRepository;
let handle: (event: DomainEvent) => Promise<void>;

beforeAll(async () => {
  database = await openCatalogDatabase(
    process.env.DATABASE_URL!,
    createLogger("catalog").child({}, { level: "silent" }),
  );
  purchases = new DeliveredPurchaseRepository(database.dataSource);
  handle = idempotentHandler(orderDeliveredConsumer(database.dataSource, purchases));
});
afterAll(() => database.dataSource.destroy());

/** An `order.delivered` as orders writes it (every field of its contract, not only those catalog reads). */
function orderDelivered(payload: { buyerId: string; orderId: string; productIds: string[] }): DomainEvent {
  return {
    id: randomUUID(),
    type: "order.delivered",
    source: "orders",
    aggregateId: payload.orderId,
    occurredAt: new Date(),
    payload: {
      ...payload,
      orderNumber: "PG-100042",
      vendorOrderId: randomUUID(),
      vendorId: randomUUID(),
      deliveredAt: "2026-12-02T10:15:00.000Z",
    },
  };
}

const rowsOf = (userId: string): Promise<{ product_id: string; order_id: string; delivered_at: Date }[]> =>
  database.dataSource.query(
    `SELECT product_id, order_id, delivered_at FROM catalog.delivered_purchases WHERE user_id = $1 ORDER BY product_id`,
    [userId],
  );

describe("the order.delivered consumer", () => {
  it("records each delivered product for the buyer once, though the event arrives twice", async () => {
    const buyerId = randomUUID();
    const orderId = randomUUID();
    const productIds = [randomUUID(), randomUUID()].sort();
    const event = orderDelivered({ buyerId, orderId, productIds });
    await handle(event);
    await handle(event);
    expect(await rowsOf(buyerId)).toEqual(
      productIds.map((productId) => ({
        product_id: productId,
        order_id: orderId,
        delivered_at: new Date("2026-12-02T10:15:00.000Z"),
      })),
    );
    expect(await purchases.hasReceived(buyerId, productIds[0]!)).toBe(true);
  });

  it("records nothing for a buyer or product id catalog cannot hold, and does not stall on it", async () => {
    const buyerId = randomUUID();
    const product = randomUUID();
    await handle(orderDelivered({ buyerId: "guest-1", orderId: randomUUID(), productIds: [product] }));
    await handle(orderDelivered({ buyerId, orderId: randomUUID(), productIds: ["not-a-uuid", product] }));
    expect((await rowsOf(buyerId)).map((row) => row.product_id)).toEqual([product]);
  });
});
