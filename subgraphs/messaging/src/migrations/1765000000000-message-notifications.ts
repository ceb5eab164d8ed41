import type { MigrationInterface, QueryRunner } from "typeorm";

/** Notifications about chat messages name their conversation and message; unread ones per conversation are found by index. */
export class MessageNotifications1765000000000 implements MigrationInterface {
  name = "MessageNotifications1765000000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE messaging.notifications ADD COLUMN conversation_id uuid, ADD COLUMN message_id uuid`);
    await db.query(
      `CREATE INDEX notifications_message_idx ON messaging.notifications (message_id) WHERE message_id IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX notifications_conversation_unread_idx ON messaging.notifications (conversation_id, user_id) WHERE conversation_id IS NOT NULL AND read_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX messaging.notifications_conversation_unread_idx`);
    await db.query(`DROP INDEX messaging.notifications_message_idx`);
    await db.query(`ALTER TABLE messaging.notifications DROP COLUMN conversation_id, DROP COLUMN message_id`);
  }
}
