import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Vendor memberships: who holds VENDOR_ADMIN or VENDOR_STAFF at which vendor (a catalog seller), the
 * way clinic_memberships records clinic roles. The vendor id is catalog's: no foreign key across
 * subgraphs. Looked up by vendor for its staff list and for suspensions.
 */
export class VendorMemberships1765300000000 implements MigrationInterface {
  name = "VendorMemberships1765300000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE identity.vendor_memberships (
        user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        vendor_id uuid NOT NULL,
        role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, vendor_id, role)
      )`);
    await db.query(`CREATE INDEX vendor_memberships_vendor_id_idx ON identity.vendor_memberships (vendor_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE identity.vendor_memberships`);
  }
}
