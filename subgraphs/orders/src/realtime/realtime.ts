import type { PubSub } from "@pawgraph/subgraph-kit";

/** Topics of orders' subscriptions: `[id the subscriber listens on, payload]`. */
export type RealtimeTopics = {
  /**
   * Only the order's id: what a subscriber may see of an order depends on who they are (commission,
   * for one), so each subscriber reads the order as itself when the event arrives.
   */
  "order-updated": [orderId: string, payload: { orderId: string }];
};

/**
 * Publishes order changes (status, shipments, refunds) to live subscribers, through Redis to every
 * instance when it is configured. Called after the change committed; a subscriber that was offline
 * reads the same facts from `order`.
 */
export class OrdersRealtime {
  constructor(readonly pubSub: PubSub<RealtimeTopics>) {}

  orderUpdated(orderId: string): void {
    this.pubSub.publish("order-updated", orderId, { orderId });
  }

  updatesOf(orderId: string) {
    return this.pubSub.subscribe("order-updated", orderId);
  }
}
