import type { DataSource, EntityManager } from "typeorm";
import { keyset, type PageQuery } from "@pawgraph/subgraph-kit";
import type { Channel, NotificationKind, PlannedNotification } from "./notification.content";

/** A row of `messaging.notifications`. */
export interface NotificationRow {
  id: string;
  seq: string;
  user_id: string;
  type: NotificationKind;
  title: string;
  body: string;
  pet_id: string | null;
  booking_id: string | null;
  clinic_id: string | null;
  conversation_id: string | null;
  message_id: string | null;
  in_app: boolean;
  created_at: Date;
  read_at: Date | null;
}

/** Preferences as stored; missing rows mean the default. */
export type PreferenceRows = { user_id: string; type: string; channel: string; enabled: boolean }[];

/** A row of `messaging.push_devices`, as the API shows it. */
export interface PushDeviceRow {
  id: string;
  platform: string;
  created_at: Date;
}

/** `notifications`: newest first; the cursor is `[seq]`. */
export const NOTIFICATION_PAGE = keyset("seq").of((row: NotificationRow) => [row.seq]);
type NotificationKey = [seq: string];

/** NOTIFY channel that wakes delivery workers when deliveries are queued. */
export const DELIVERIES_CHANNEL = "messaging_deliveries";

/** Queries of `messaging.notifications`, their deliveries, preferences and push devices. */
export class NotificationRepository {
  constructor(private readonly db: DataSource) {}

  /** Outside a transaction unless `manager` is one. */
  preferencesOf(userIds: string[], manager: EntityManager = this.db.manager): Promise<PreferenceRows> {
    return manager.query(
      `SELECT user_id, type, channel, enabled FROM messaging.notification_preferences WHERE user_id = ANY($1::uuid[])`,
      [userIds],
    );
  }

  /** The notification of one event for one user; undefined when that event already told them. */
  async insertOnce(
    manager: EntityManager,
    eventId: string,
    plan: PlannedNotification,
    inApp: boolean,
  ): Promise<NotificationRow | undefined> {
    const rows: NotificationRow[] = await manager.query(
      `INSERT INTO messaging.notifications (user_id, type, title, body, pet_id, booking_id, clinic_id, conversation_id, message_id, source_event_id, in_app)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (source_event_id, user_id) DO NOTHING RETURNING *`,
      [
        plan.userId,
        plan.type,
        plan.title,
        plan.body,
        plan.petId,
        plan.bookingId,
        plan.clinicId,
        plan.conversationId ?? null,
        plan.messageId ?? null,
        eventId,
        inApp,
      ],
    );
    return rows[0];
  }

  async queueDelivery(manager: EntityManager, notificationId: string, channel: Channel): Promise<void> {
    await manager.query(`INSERT INTO messaging.notification_deliveries (notification_id, channel) VALUES ($1, $2)`, [
      notificationId,
      channel,
    ]);
  }

  /** Delivered at commit, to the delivery workers of every instance. */
  async wakeDeliveryWorkers(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_notify($1, '')`, [DELIVERIES_CHANNEL]);
  }

  /** Of these users, those with an unread notification about the conversation. */
  async unreadAbout(manager: EntityManager, conversationId: string, userIds: string[]): Promise<string[]> {
    const rows: { user_id: string }[] = await manager.query(
      `SELECT DISTINCT user_id FROM messaging.notifications WHERE conversation_id = $1 AND user_id = ANY($2::uuid[]) AND read_at IS NULL`,
      [conversationId, userIds],
    );
    return rows.map((r) => r.user_id);
  }

  async markConversationRead(manager: EntityManager, userId: string, conversationId: string): Promise<void> {
    await manager.query(
      `UPDATE messaging.notifications SET read_at = now() WHERE conversation_id = $1 AND user_id = $2 AND read_at IS NULL`,
      [conversationId, userId],
    );
  }

  async setBodyOfMessage(manager: EntityManager, messageId: string, body: string): Promise<void> {
    await manager.query(`UPDATE messaging.notifications SET body = $2 WHERE message_id = $1`, [messageId, body]);
  }

  async cancelPendingDeliveriesOfMessage(manager: EntityManager, messageId: string): Promise<void> {
    await manager.query(
      `UPDATE messaging.notification_deliveries SET status = 'CANCELLED' WHERE status = 'PENDING' AND notification_id IN (SELECT id FROM messaging.notifications WHERE message_id = $1)`,
      [messageId],
    );
  }

  /** Up to `limit` of the user's in-app notifications, newest first, before the cursor. */
  page(userId: string, unreadOnly: boolean, { limit, after }: PageQuery<NotificationKey>): Promise<NotificationRow[]> {
    return this.db.query(
      `SELECT * FROM messaging.notifications WHERE user_id = $1 AND in_app ${unreadOnly ? "AND read_at IS NULL" : ""} ${after ? "AND seq < $3" : ""}
       ORDER BY seq DESC LIMIT $2`,
      after ? [userId, limit, after[0]] : [userId, limit],
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS n FROM messaging.notifications WHERE user_id = $1 AND in_app AND read_at IS NULL`,
      [userId],
    );
    return (row as { n: number }).n;
  }

  /** Which of these ids are the user's in-app notifications. */
  async ownIds(userId: string, ids: string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM messaging.notifications WHERE user_id = $1 AND in_app AND id = ANY($2::uuid[])`,
      [userId, ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Marks the user's unread in-app notifications read (these ids, or all); returns how many changed. */
  async markRead(userId: string, ids: string[] | null): Promise<number> {
    const [, updated] = (await this.db.query(
      `UPDATE messaging.notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND in_app ${ids ? "AND id = ANY($2::uuid[])" : ""}`,
      ids ? [userId, ids] : [userId],
    )) as [unknown, number];
    return updated;
  }

  async setPreference(
    manager: EntityManager,
    userId: string,
    p: { type: NotificationKind; channel: Channel; enabled: boolean },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO messaging.notification_preferences (user_id, type, channel, enabled) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, type, channel) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`,
      [userId, p.type, p.channel, p.enabled],
    );
  }

  /** A token belongs to one device, hence one user: registering it again moves it to this user. */
  async registerDevice(userId: string, token: string, platform: string): Promise<PushDeviceRow> {
    const [row] = await this.db.query(
      `INSERT INTO messaging.push_devices (user_id, token, platform) VALUES ($1, $2, $3)
       ON CONFLICT (token) DO UPDATE SET user_id = EXCLUDED.user_id, platform = EXCLUDED.platform, created_at = now()
       RETURNING id, platform, created_at`,
      [userId, token, platform],
    );
    return row as PushDeviceRow;
  }

  /** The removed device; undefined when the user has no such device. */
  async removeDevice(userId: string, deviceId: string): Promise<PushDeviceRow | undefined> {
    const [rows] = (await this.db.query(
      `DELETE FROM messaging.push_devices WHERE id = $1 AND user_id = $2 RETURNING id, platform, created_at`,
      [deviceId, userId],
    )) as [PushDeviceRow[], number];
    return rows[0];
  }
}
