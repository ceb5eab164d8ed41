import type { MigrationInterface, QueryRunner } from "typeorm";
import { outboxMigrationSql } from "@pawgraph/subgraph-kit";

/**
 * Clinics see a pet they have a booking with (DESIGN.md §3), fed by bookings' events; plus the
 * outbox tables, whose processed_events ledger makes that consumer idempotent.
 */
export class BookingAccess1764500000000 implements MigrationInterface {
  name = "BookingAccess1764500000000";

  async up(db: QueryRunner): Promise<void> {
    for (const statement of outboxMigrationSql("pets").up) await db.query(statement);
    await db.query(`
      CREATE TABLE pets.booking_access (
        booking_id uuid PRIMARY KEY,
        pet_id uuid NOT NULL REFERENCES pets.pets(id) ON DELETE CASCADE,
        clinic_id uuid NOT NULL,
        until timestamptz NOT NULL,
        cancelled_at timestamptz
      )`);
    await db.query(
      `CREATE INDEX booking_access_pet_clinic_idx ON pets.booking_access (pet_id, clinic_id) WHERE cancelled_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE pets.booking_access`);
    for (const statement of outboxMigrationSql("pets").down) await db.query(statement);
  }
}
