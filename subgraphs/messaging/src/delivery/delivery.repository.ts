import type { DataSource } from "typeorm";
import type { NotificationKind } from "../notification/notification.content";

/** A claimed row of `messaging.notification_deliveries`, with what its notification says. */
export interface ClaimedDelivery {
  id: string;
  channel: "EMAIL" | "PUSH";
  attempts: number;
  notification_id: string;
  user_id: string;
  type: NotificationKind;
  title: string;
  body: string;
  pet_id: string | null;
  booking_id: string | null;
}

/** A push registration of a recipient. */
export interface DeviceRow {
  id: string;
  user_id: string;
  token: string;
}

/**
 * Queries of the delivery workers: the email/push queue (`notification_deliveries`, claimed with
 * SKIP LOCKED so any number of instances share it; a claim lapses after 5 minutes) and the push
 * devices it sends to.
 */
export class DeliveryRepository {
  constructor(private readonly db: DataSource) {}

  async claim(batch: number): Promise<ClaimedDelivery[]> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows] = (await this.db.query(
      `WITH next AS (
         SELECT id FROM messaging.notification_deliveries
         WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)
       UPDATE messaging.notification_deliveries d
       SET status = 'SENDING', attempts = d.attempts + 1, next_attempt_at = now() + interval '5 minutes'
       FROM next, messaging.notifications n
       WHERE d.id = next.id AND n.id = d.notification_id
       RETURNING d.id, d.channel, d.attempts, d.notification_id, n.user_id, n.type, n.title, n.body, n.pet_id, n.booking_id`,
    )) as [ClaimedDelivery[], number];
    return rows;
  }

  async done(id: string, outcome: string): Promise<void> {
    await this.db.query(
      `UPDATE messaging.notification_deliveries SET status = $2, sent_at = now(), last_error = NULL WHERE id = $1`,
      [id, outcome],
    );
  }

  /** Back to the queue after `retryInSeconds`, or FAILED for good when `final`. */
  async failed(id: string, message: string, final: boolean, retryInSeconds: number): Promise<void> {
    await this.db.query(
      `UPDATE messaging.notification_deliveries SET status = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`,
      [id, final ? "FAILED" : "PENDING", message, retryInSeconds],
    );
  }

  devicesOf(userIds: string[]): Promise<DeviceRow[]> {
    if (!userIds.length) return Promise.resolve([]);
    return this.db.query(`SELECT id, user_id, token FROM messaging.push_devices WHERE user_id = ANY($1::uuid[])`, [
      userIds,
    ]);
  }

  /** A token the push service no longer knows. */
  async forgetDevice(id: string): Promise<void> {
    await this.db.query(`DELETE FROM messaging.push_devices WHERE id = $1`, [id]);
  }
}
