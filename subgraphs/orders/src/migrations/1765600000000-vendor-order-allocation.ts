import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Where each vendor order's units were allocated (variant, stock location, quantity), as catalog's
 * allocateStock answered. A refund that puts goods back on the shelf must name the location
 * (catalog's restockStock), and only the allocation knows it.
 */
export class VendorOrderAllocation1765600000000 implements MigrationInterface {
  name = "VendorOrderAllocation1765600000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders.vendor_orders ADD COLUMN allocated_stock jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders.vendor_orders DROP COLUMN IF EXISTS allocated_stock`);
  }
}
