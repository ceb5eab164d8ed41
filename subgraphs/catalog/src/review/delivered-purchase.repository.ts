import type { DataSource, EntityManager } from "typeorm";

/** A delivered order's products for one buyer, as orders' `order.delivered` will carry them. */
export interface DeliveredOrder {
  userId: string;
  orderId: string;
  productIds: readonly string[];
  deliveredAt: Date;
}

/** Who received which product: written when an order is delivered, read when its buyer reviews. */
export class DeliveredPurchaseRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Records that `userId` received these products with `orderId`, in the caller's transaction (the
   * event consumer's, which also marks the event processed). Idempotent: a redelivered event, or a
   * product listed twice, records nothing new. Returns how many rows were new.
   */
  async record(manager: EntityManager, order: DeliveredOrder): Promise<number> {
    const productIds = [...new Set(order.productIds.map((id) => id.toLowerCase()))];
    if (productIds.length === 0) return 0;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO catalog.delivered_purchases (user_id, product_id, order_id, delivered_at)
       SELECT $1, product_id, $3, $4 FROM unnest($2::uuid[]) AS product_id
       ON CONFLICT DO NOTHING
       RETURNING product_id`,
      [order.userId, productIds, order.orderId, order.deliveredAt],
    );
    return inserted.length;
  }

  /** Whether an order containing the product has been delivered to the user. */
  async hasReceived(userId: string, productId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM catalog.delivered_purchases WHERE user_id = $1 AND product_id = $2 LIMIT 1`,
      [userId, productId],
    );
    return rows.length > 0;
  }
}
