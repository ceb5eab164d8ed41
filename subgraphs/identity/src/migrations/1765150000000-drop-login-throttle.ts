import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Sign-in attempts are now limited per IP and per (email, IP) in Redis or memory
 * (docs/decisions/0018); the per-email lockout table that let anyone lock anyone out goes.
 */
export class DropLoginThrottle1765150000000 implements MigrationInterface {
  name = "DropLoginThrottle1765150000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS identity.login_throttle`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE identity.login_throttle (
        email text PRIMARY KEY,
        failed_count int NOT NULL DEFAULT 0,
        locked_until timestamptz
      )`);
  }
}
