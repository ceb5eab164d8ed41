import type { MigrationInterface, QueryRunner } from "typeorm";

/** Product reviews (one per buyer and product) and the purchases that entitle a buyer to write one. */
export class Reviews1765400200000 implements MigrationInterface {
  name = "Reviews1765400200000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE catalog.product_reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        product_id uuid NOT NULL REFERENCES catalog.products(id) ON DELETE CASCADE,
        author_id uuid NOT NULL,
        rating integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
        title text,
        body text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (product_id, author_id)
      )`);
    await db.query(
      `CREATE INDEX product_reviews_product_idx ON catalog.product_reviews (product_id, created_at DESC, id DESC)`,
    );
    // Filled from orders' order.delivered once orders exists: who received which product.
    await db.query(`
      CREATE TABLE catalog.delivered_purchases (
        user_id uuid NOT NULL,
        product_id uuid NOT NULL,
        order_id text NOT NULL,
        delivered_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, product_id, order_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE catalog.delivered_purchases`);
    await db.query(`DROP TABLE catalog.product_reviews`);
  }
}
