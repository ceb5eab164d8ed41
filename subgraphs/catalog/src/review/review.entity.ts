import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A buyer's review of a product: one per author and product; a second review edits the first. */
@Entity({ name: "product_reviews" })
export class ProductReviewEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "bigint", insert: false, update: false })
  seq!: string;

  @Column("uuid", { name: "product_id" })
  productId!: string;

  @Column("uuid", { name: "author_id" })
  authorId!: string;

  @Column("integer")
  rating!: number;

  @Column("text", { nullable: true })
  title!: string | null;

  @Column("text")
  body!: string;

  // Set from JavaScript (millisecond precision), not by now(): the time is part of the page cursor,
  // and a microsecond Postgres keeps but a cursor drops would skip rows between pages.
  @Column("timestamptz", { name: "created_at" })
  createdAt!: Date;

  @Column("timestamptz", { name: "updated_at" })
  updatedAt!: Date;
}
