import type { MigrationInterface, QueryRunner } from "typeorm";
import { outboxMigrationSql } from "@pawgraph/subgraph-kit";

/** Conversations between an owner and a clinic, their messages (moderated), read receipts, and the outbox. */
export class Initial1764700000000 implements MigrationInterface {
  name = "Initial1764700000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE messaging.conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        owner_id uuid NOT NULL,
        clinic_id uuid NOT NULL,
        pet_id uuid,
        booking_id uuid,
        subject text NOT NULL,
        last_message_seq bigint NOT NULL DEFAULT 0,
        last_message_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX conversations_owner_idx ON messaging.conversations (owner_id, last_message_at DESC)`);
    await db.query(
      `CREATE INDEX conversations_clinic_idx ON messaging.conversations (clinic_id, last_message_at DESC)`,
    );
    await db.query(`
      CREATE TABLE messaging.messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        conversation_id uuid NOT NULL REFERENCES messaging.conversations(id) ON DELETE CASCADE,
        sender_id uuid NOT NULL,
        sender_side text NOT NULL,
        body text NOT NULL,
        masked boolean NOT NULL DEFAULT false,
        flag_reasons text[] NOT NULL DEFAULT '{}',
        review_status text,
        reviewed_by uuid,
        edited_at timestamptz,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX messages_conversation_idx ON messaging.messages (conversation_id, seq DESC)`);
    await db.query(
      `CREATE INDEX messages_review_idx ON messaging.messages (conversation_id) WHERE review_status = 'PENDING'`,
    );
    await db.query(`
      CREATE TABLE messaging.read_receipts (
        conversation_id uuid NOT NULL REFERENCES messaging.conversations(id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        last_read_seq bigint NOT NULL DEFAULT 0,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conversation_id, user_id)
      )`);
    for (const statement of outboxMigrationSql("messaging").up) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of outboxMigrationSql("messaging").down) await db.query(statement);
    for (const table of ["read_receipts", "messages", "conversations"]) await db.query(`DROP TABLE messaging.${table}`);
  }
}
