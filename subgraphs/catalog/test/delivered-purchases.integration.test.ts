import { randomUUID } from "node:crypto";
import { createLogger, type SubgraphDatabase } from "@pawgraph/subgraph-kit";
import { openCatalogDatabase } from "../src/data-source";
import { DeliveredPurchaseRepository } from "../src/review/delivered-purchase.repository";

/**
 * What orders' `order.delivered` consumer will call (see the README's "Reviews"): it records who
 * received which product, once, however often the event arrives.
 */
let database: SubgraphDatabase;
let purchases: DeliveredPurchaseRepository;

beforeAll(async () => {
  database = await openCatalogDatabase(
    process.env.DATABASE_URL!,
    createLogger("catalog").child({}, { level: "silent" }),
  );
  purchases = new DeliveredPurchaseRepository(database.dataSource);
});
afterAll(() => database.dataSource.destroy());

const delivered = (overrides: Partial<Parameters<DeliveredPurchaseRepository["record"]>[1]> = {}) => ({
  userId: randomUUID(),
  orderId: `order-${randomUUID()}`,
  productIds: [randomUUID(), randomUUID()],
  deliveredAt: new Date("2026-11-30T10:00:00Z"),
  ...overrides,
});

describe("recording delivered purchases", () => {
  it("records each product of a delivered order for its buyer, who may then review it (and nobody else)", async () => {
    const order = delivered();
    const other = randomUUID();
    expect(await purchases.hasReceived(order.userId, order.productIds[0]!)).toBe(false);
    const added = await database.dataSource.transaction((tx) => purchases.record(tx, order));
    expect(added).toBe(2);
    for (const productId of order.productIds) expect(await purchases.hasReceived(order.userId, productId)).toBe(true);
    expect(await purchases.hasReceived(other, order.productIds[0]!)).toBe(false);
    expect(await purchases.hasReceived(order.userId, randomUUID())).toBe(false);
  });

  it("records nothing twice: a redelivered event, or a product listed twice in one order", async () => {
    const productId = randomUUID();
    const order = delivered({ productIds: [productId, productId.toUpperCase()] });
    expect(await database.dataSource.transaction((tx) => purchases.record(tx, order))).toBe(1);
    expect(await database.dataSource.transaction((tx) => purchases.record(tx, order))).toBe(0);
    const rows: unknown[] = await database.dataSource.query(
      `SELECT 1 FROM catalog.delivered_purchases WHERE user_id = $1`,
      [order.userId],
    );
    expect(rows).toHaveLength(1);
  });

  it("keeps a second order of the same product as its own row (the buyer received it twice)", async () => {
    const first = delivered({ productIds: [randomUUID()] });
    const second = { ...first, orderId: `order-${randomUUID()}` };
    await database.dataSource.transaction((tx) => purchases.record(tx, first));
    expect(await database.dataSource.transaction((tx) => purchases.record(tx, second))).toBe(1);
  });

  it("writes in the caller's transaction: a rolled-back consumer leaves nothing behind", async () => {
    const order = delivered({ productIds: [randomUUID()] });
    await expect(
      database.dataSource.transaction(async (tx) => {
        await purchases.record(tx, order);
        throw new Error("the consumer failed after recording");
      }),
    ).rejects.toThrow("the consumer failed");
    expect(await purchases.hasReceived(order.userId, order.productIds[0]!)).toBe(false);
  });

  it("records nothing for an order without products", async () => {
    expect(await database.dataSource.transaction((tx) => purchases.record(tx, delivered({ productIds: [] })))).toBe(0);
  });
});
