import type { DataSource, EntityManager } from "typeorm";
import { BadUserInputError, NotFoundError, parseId, requireViewer, type BaseContext } from "@pawgraph/subgraph-kit";
import { CHANNELS, NOTIFICATION_TYPES, defaultEnabled, messagePreview, withdrawnPreview, type Channel, type NotificationKind, type PlannedNotification } from "./notification.content";

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
type PreferenceRows = { user_id: string; type: string; channel: string; enabled: boolean }[];

function effective(rows: PreferenceRows, userId: string, type: NotificationKind, channel: Channel): boolean {
  const row = rows.find((r) => r.user_id === userId && r.type === type && r.channel === channel);
  return row ? row.enabled : defaultEnabled(type, channel);
}

/** NOTIFY channel that wakes delivery workers when deliveries are queued. */
export const DELIVERIES_CHANNEL = "messaging_deliveries";

/**
 * Notifications: created from events (one per event and recipient, whatever the redeliveries), listed
 * and marked read by their recipient; preferences per type and channel; push device registrations.
 */
export class NotificationService {
  constructor(private readonly db: DataSource) {}

  /**
   * Stores the planned notifications of one event in the consumer's transaction, with a delivery
   * row per enabled email/push channel. Returns the rows created (none on a repeat of the event).
   */
  async createFromEvent(manager: EntityManager, eventId: string, plans: PlannedNotification[]): Promise<NotificationRow[]> {
    if (!plans.length) return [];
    const prefs: PreferenceRows = await manager.query(`SELECT user_id, type, channel, enabled FROM messaging.notification_preferences WHERE user_id = ANY($1::uuid[])`, [
      plans.map((p) => p.userId),
    ]);
    const created: NotificationRow[] = [];
    let queued = false;
    for (const plan of plans) {
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
          effective(prefs, plan.userId, plan.type, "IN_APP"),
        ],
      );
      const row = rows[0];
      if (!row) continue;
      created.push(row);
      const channels = (["EMAIL", "PUSH"] as const).filter((channel) => effective(prefs, plan.userId, plan.type, channel));
      for (const channel of channels) await manager.query(`INSERT INTO messaging.notification_deliveries (notification_id, channel) VALUES ($1, $2)`, [row.id, channel]);
      queued ||= channels.length > 0;
    }
    // Delivered at commit, to the delivery workers of every instance (this one may have delivery off).
    if (queued) await manager.query(`SELECT pg_notify($1, '')`, [DELIVERIES_CHANNEL]);
    return created;
  }

  /**
   * Of these users, those not to notify of a new message in the conversation again: they have an
   * unread notification about it already (one is enough until they read or write in it).
   */
  async alreadyToldOf(manager: EntityManager, conversationId: string, userIds: string[]): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows: { user_id: string }[] = await manager.query(
      `SELECT DISTINCT user_id FROM messaging.notifications WHERE conversation_id = $1 AND user_id = ANY($2::uuid[]) AND read_at IS NULL`,
      [conversationId, userIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  /** Someone who read or wrote in a conversation has seen its messages: their notifications about it are read. */
  async markConversationRead(manager: EntityManager, userId: string, conversationId: string): Promise<void> {
    await manager.query(`UPDATE messaging.notifications SET read_at = now() WHERE conversation_id = $1 AND user_id = $2 AND read_at IS NULL`, [conversationId, userId]);
  }

  /** An edited message's notifications show what it says now (email or push already sent cannot follow). */
  async reviseMessage(manager: EntityManager, messageId: string, subject: string, text: string): Promise<void> {
    await manager.query(`UPDATE messaging.notifications SET body = $2 WHERE message_id = $1`, [messageId, messagePreview(subject, text, 0)]);
  }

  /**
   * A deleted (or moderated away) message leaves no copy in notifications: their preview is replaced,
   * and email or push about it not yet sent is cancelled.
   */
  async withdrawMessage(manager: EntityManager, messageId: string, subject: string): Promise<void> {
    await manager.query(`UPDATE messaging.notifications SET body = $2 WHERE message_id = $1`, [messageId, withdrawnPreview(subject)]);
    await manager.query(
      `UPDATE messaging.notification_deliveries SET status = 'CANCELLED' WHERE status = 'PENDING' AND notification_id IN (SELECT id FROM messaging.notifications WHERE message_id = $1)`,
      [messageId],
    );
  }

  /** The viewer's in-app notifications, newest first. */
  async page(ctx: BaseContext, limit: number, unreadOnly: boolean, beforeSeq: string | null): Promise<NotificationRow[]> {
    const viewer = requireViewer(ctx.viewer);
    return this.db.query(
      `SELECT * FROM messaging.notifications WHERE user_id = $1 AND in_app ${unreadOnly ? "AND read_at IS NULL" : ""} ${beforeSeq ? "AND seq < $3" : ""}
       ORDER BY seq DESC LIMIT $2`,
      beforeSeq ? [viewer.userId, limit + 1, beforeSeq] : [viewer.userId, limit + 1],
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM messaging.notifications WHERE user_id = $1 AND in_app AND read_at IS NULL`, [userId]);
    return (row as { n: number }).n;
  }

  async markRead(ctx: BaseContext, input: { ids?: string[] | null; all?: boolean | null }): Promise<{ updated: number; unreadCount: number }> {
    const viewer = requireViewer(ctx.viewer);
    if (!input.all && !input.ids?.length) throw new BadUserInputError("input.ids", "List the notifications to mark read, or set all: true");
    const ids = input.all ? null : input.ids!.map((id, i) => parseId(id, `input.ids.${i}`));
    if (ids) {
      // Someone else's notification is NOT_FOUND, not silently skipped (SECURITY.md: every id is checked).
      const own: { id: string }[] = await this.db.query(`SELECT id FROM messaging.notifications WHERE user_id = $1 AND in_app AND id = ANY($2::uuid[])`, [viewer.userId, ids]);
      const found = new Set(own.map((row) => row.id));
      const missing = ids.findIndex((id) => !found.has(id));
      if (missing >= 0) throw new NotFoundError("Notification", `input.ids.${missing}`);
    }
    const [, updated] = (await this.db.query(
      `UPDATE messaging.notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND in_app ${ids ? "AND id = ANY($2::uuid[])" : ""}`,
      ids ? [viewer.userId, ids] : [viewer.userId],
    )) as [unknown, number];
    return { updated, unreadCount: await this.unreadCount(viewer.userId) };
  }

  /** Every type × channel with what applies to the viewer (their choice, or the default). */
  async preferences(ctx: BaseContext): Promise<{ type: NotificationKind; channel: Channel; enabled: boolean }[]> {
    const viewer = requireViewer(ctx.viewer);
    const rows: PreferenceRows = await this.db.query(`SELECT user_id, type, channel, enabled FROM messaging.notification_preferences WHERE user_id = $1`, [viewer.userId]);
    return NOTIFICATION_TYPES.flatMap((type) => CHANNELS.map((channel) => ({ type, channel, enabled: effective(rows, viewer.userId, type, channel) })));
  }

  async updatePreferences(ctx: BaseContext, preferences: { type: NotificationKind; channel: Channel; enabled: boolean }[]) {
    const viewer = requireViewer(ctx.viewer);
    await this.db.transaction(async (tx) => {
      for (const p of preferences) {
        await tx.query(
          `INSERT INTO messaging.notification_preferences (user_id, type, channel, enabled) VALUES ($1, $2, $3, $4)
           ON CONFLICT (user_id, type, channel) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`,
          [viewer.userId, p.type, p.channel, p.enabled],
        );
      }
    });
    return this.preferences(ctx);
  }

  /** Registers (or takes over) a push token for the viewer: a token belongs to one device, hence one user. */
  async registerDevice(ctx: BaseContext, token: string, platform: string): Promise<{ id: string; platform: string; created_at: Date }> {
    const viewer = requireViewer(ctx.viewer);
    const [row] = await this.db.query(
      `INSERT INTO messaging.push_devices (user_id, token, platform) VALUES ($1, $2, $3)
       ON CONFLICT (token) DO UPDATE SET user_id = EXCLUDED.user_id, platform = EXCLUDED.platform, created_at = now()
       RETURNING id, platform, created_at`,
      [viewer.userId, token, platform],
    );
    return row as { id: string; platform: string; created_at: Date };
  }

  async removeDevice(ctx: BaseContext, deviceId: string): Promise<{ id: string; platform: string; created_at: Date }> {
    const viewer = requireViewer(ctx.viewer);
    const [rows] = (await this.db.query(`DELETE FROM messaging.push_devices WHERE id = $1 AND user_id = $2 RETURNING id, platform, created_at`, [
      parseId(deviceId, "input.deviceId"),
      viewer.userId,
    ])) as [{ id: string; platform: string; created_at: Date }[], number];
    if (!rows[0]) throw new NotFoundError("PushDevice", "input.deviceId");
    return rows[0];
  }
}
