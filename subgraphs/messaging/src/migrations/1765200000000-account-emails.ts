import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The queue of transactional account emails (verification links, registration notices): one per
 * source event, sent by the delivery workers like notification emails, but to the event's address
 * and regardless of preferences. A sent email's text is blanked: it may hold a live link.
 */
export class AccountEmails1765200000000 implements MigrationInterface {
  name = "AccountEmails1765200000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE messaging.account_emails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_event_id uuid NOT NULL UNIQUE,
        user_id uuid NOT NULL,
        kind text NOT NULL,
        to_address text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING',
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX account_emails_pending_idx ON messaging.account_emails (next_attempt_at) WHERE status IN ('PENDING', 'SENDING')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE messaging.account_emails`);
  }
}
