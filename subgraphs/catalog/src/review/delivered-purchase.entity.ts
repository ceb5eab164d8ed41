import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * A product a user received in a delivered order: what entitles them to review it. Written from
 * orders' `order.delivered` event once orders exists (see the README's "Reviews").
 */
@Entity({ name: "delivered_purchases" })
export class DeliveredPurchaseEntity {
  @PrimaryColumn("uuid", { name: "user_id" })
  userId!: string;

  @PrimaryColumn("uuid", { name: "product_id" })
  productId!: string;

  @PrimaryColumn("text", { name: "order_id" })
  orderId!: string;

  @Column("timestamptz", { name: "delivered_at" })
  deliveredAt!: Date;
}
