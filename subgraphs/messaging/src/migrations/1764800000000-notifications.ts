import type { MigrationInterface, QueryRunner } from "typeorm";

/** Notifications (one per event and recipient), preferences per type and channel, push devices, and the delivery queue for email and push. */
export class Notifications1764800000000 implements MigrationInterface {
  name = "Notifications1764800000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE messaging.notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        user_id uuid NOT NULL,
        type text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        pet_id uuid,
        booking_id uuid,
        clinic_id uuid,
        source_event_id uuid NOT NULL,
        in_app boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        UNIQUE (source_event_id, user_id)
      )`);
    await db.query(`CREATE INDEX notifications_user_idx ON messaging.notifications (user_id, seq DESC) WHERE in_app`);
    await db.query(
      `CREATE INDEX notifications_unread_idx ON messaging.notifications (user_id) WHERE in_app AND read_at IS NULL`,
    );
    await db.query(`
      CREATE TABLE messaging.notification_preferences (
        user_id uuid NOT NULL,
        type text NOT NULL,
        channel text NOT NULL,
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, type, channel)
      )`);
    await db.query(`
      CREATE TABLE messaging.push_devices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        token text NOT NULL UNIQUE,
        platform text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX push_devices_user_idx ON messaging.push_devices (user_id)`);
    await db.query(`
      CREATE TABLE messaging.notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NOT NULL REFERENCES messaging.notifications(id) ON DELETE CASCADE,
        channel text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING',
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (notification_id, channel)
      )`);
    await db.query(
      `CREATE INDEX notification_deliveries_pending_idx ON messaging.notification_deliveries (next_attempt_at) WHERE status = 'PENDING'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ["notification_deliveries", "push_devices", "notification_preferences", "notifications"])
      await db.query(`DROP TABLE messaging.${table}`);
  }
}
