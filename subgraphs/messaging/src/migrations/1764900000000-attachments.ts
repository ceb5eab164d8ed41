import type { MigrationInterface, QueryRunner } from "typeorm";

/** Files attached to messages: requested by a participant, uploaded straight to storage, attached when sent. */
export class Attachments1764900000000 implements MigrationInterface {
  name = "Attachments1764900000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE messaging.attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES messaging.conversations(id) ON DELETE CASCADE,
        message_id uuid REFERENCES messaging.messages(id) ON DELETE CASCADE,
        uploaded_by uuid NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes integer NOT NULL,
        storage_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX attachments_message_idx ON messaging.attachments (message_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE messaging.attachments`);
  }
}
