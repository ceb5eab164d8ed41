import type { MigrationInterface, QueryRunner } from "typeorm";
import { publicDataTrackingMigrationSql } from "@pawgraph/subgraph-kit";

/**
 * The public data version the gateway's response cache is keyed by (docs/decisions/0054): a trigger
 * on every table anonymous shoppers read writes `storefront.changed` to the outbox once per
 * transaction, and catalog's own consumer counts them. The list is this migration's snapshot: a
 * table added to the storefront later gets its trigger in its own migration.
 */
const TRACKING = publicDataTrackingMigrationSql({
  schema: "catalog",
  eventType: "storefront.changed",
  aggregateId: "storefront",
  // stock_reservations: unexpired reservations decide `inStock`; stock_movements, stock_operations
  // and delivered_purchases are never read by an anonymous query.
  tables: [
    "vendors",
    "categories",
    "products",
    "product_images",
    "variants",
    "stock_levels",
    "stock_reservations",
    "product_reviews",
  ],
});

export class PublicDataVersion1765400500000 implements MigrationInterface {
  name = "PublicDataVersion1765400500000";

  async up(db: QueryRunner): Promise<void> {
    for (const statement of TRACKING.up) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of TRACKING.down) await db.query(statement);
  }
}
