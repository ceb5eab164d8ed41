import type { DataSource, EntityManager } from "typeorm";
import {
  consume,
  isUuid,
  type ConsumeOptions,
  type DomainEvent,
  type EventBus,
  type EventSubscription,
} from "@pawgraph/subgraph-kit";
import { ORDER_DELIVERED } from "../consumed-events";
import type { DeliveredPurchaseRepository } from "./delivered-purchase.repository";

export const ORDER_DELIVERED_CONSUMER = "catalog.order-delivered";

/**
 * Records who received which product, in the consumer's transaction, so the buyer may review it.
 * Ids `delivered_purchases` cannot hold (uuid columns) would fail the insert and stall the consumer
 * at every retry: such a buyer or product records nothing. Returns how many rows were new.
 */
export async function applyOrderDelivered(
  purchases: DeliveredPurchaseRepository,
  event: DomainEvent,
  manager: EntityManager,
): Promise<number> {
  const delivered = ORDER_DELIVERED.decode(event);
  const deliveredAt = new Date(delivered.deliveredAt);
  if (!isUuid(delivered.buyerId) || Number.isNaN(deliveredAt.getTime())) return 0;
  return purchases.record(manager, {
    userId: delivered.buyerId.toLowerCase(),
    orderId: delivered.orderId,
    productIds: delivered.productIds.filter(isUuid),
    deliveredAt,
  });
}

/** The consumer `catalog.order-delivered`: which events, and what each does in its transaction. */
export function orderDeliveredConsumer(
  dataSource: DataSource,
  purchases: DeliveredPurchaseRepository,
): Omit<ConsumeOptions, "startFrom" | "batchSize"> {
  return {
    dataSource,
    schema: "catalog",
    consumer: ORDER_DELIVERED_CONSUMER,
    types: [ORDER_DELIVERED.type],
    handle: async (event, manager) => {
      await applyOrderDelivered(purchases, event, manager);
    },
  };
}

/** Subscribes catalog to orders' `order.delivered`, each event applied once. */
export function consumeOrderDelivered(
  bus: EventBus,
  dataSource: DataSource,
  purchases: DeliveredPurchaseRepository,
): Promise<EventSubscription> {
  return consume(bus, orderDeliveredConsumer(dataSource, purchases));
}
