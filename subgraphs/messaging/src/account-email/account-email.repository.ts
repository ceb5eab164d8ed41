import type { DataSource, EntityManager } from "typeorm";
import { DELIVERIES_CHANNEL } from "../notification/notification.repository";
import type { AccountEmail } from "./account-email.content";

/** A claimed row of `messaging.account_emails`. */
export interface ClaimedAccountEmail {
  id: string;
  attempts: number;
  to_address: string;
  subject: string;
  body: string;
}

const BATCH = 20;

/**
 * `messaging.account_emails`, the account-email queue: the consumer enqueues, the delivery workers
 * claim with SKIP LOCKED like notification deliveries (a claim lapses after 5 minutes), retry with
 * backoff, then mark FAILED.
 */
export class AccountEmailRepository {
  constructor(private readonly db: DataSource) {}

  readonly batchSize = BATCH;

  /** Queues one account email for an event, in the consumer's transaction (once per event id); the delivery workers wake at commit. */
  async enqueue(manager: EntityManager, eventId: string, email: AccountEmail): Promise<void> {
    await manager.query(
      `INSERT INTO messaging.account_emails (source_event_id, user_id, kind, to_address, subject, body) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (source_event_id) DO NOTHING`,
      [eventId, email.userId, email.kind, email.to, email.subject, email.text],
    );
    await manager.query(`SELECT pg_notify($1, '')`, [DELIVERIES_CHANNEL]);
  }

  async claim(): Promise<ClaimedAccountEmail[]> {
    const [rows] = (await this.db.query(
      `WITH next AS (
         SELECT id FROM messaging.account_emails
         WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       UPDATE messaging.account_emails e
       SET status = 'SENDING', attempts = e.attempts + 1, next_attempt_at = now() + interval '5 minutes'
       FROM next WHERE e.id = next.id
       RETURNING e.id, e.attempts, e.to_address, e.subject, e.body`,
    )) as [ClaimedAccountEmail[], number];
    return rows;
  }

  /** Sent (or logged): the text is blanked, since a verification link must not outlive its mail in our tables. */
  async done(id: string, outcome: string): Promise<void> {
    await this.db.query(
      `UPDATE messaging.account_emails SET status = $2, sent_at = now(), last_error = NULL, body = '' WHERE id = $1`,
      [id, outcome],
    );
  }

  async failed(row: ClaimedAccountEmail, message: string, final: boolean): Promise<void> {
    await this.db.query(
      `UPDATE messaging.account_emails SET status = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`,
      [row.id, final ? "FAILED" : "PENDING", message.slice(0, 500), 15 * 2 ** row.attempts],
    );
  }
}
