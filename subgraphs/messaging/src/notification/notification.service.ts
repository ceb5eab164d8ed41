import type { DataSource, EntityManager } from "typeorm";
import {
  BadUserInputError,
  NotFoundError,
  paginate,
  parseId,
  requireViewer,
  type BaseContext,
  type Connection,
  type ConnectionArgs,
} from "@pawgraph/subgraph-kit";
import {
  CHANNELS,
  NOTIFICATION_TYPES,
  defaultEnabled,
  messagePreview,
  withdrawnPreview,
  type Channel,
  type NotificationKind,
  type PlannedNotification,
} from "./notification.content";
import { toNotification } from "./notification.mapper";
import { isAccountNotification } from "./account-notification.content";
import {
  NOTIFICATION_PAGE,
  type NotificationRepository,
  type NotificationRow,
  type PreferenceRows,
  type PushDeviceRow,
} from "./notification.repository";
import type { Notification } from "./notification.type";

function effective(rows: PreferenceRows, userId: string, type: NotificationKind, channel: Channel): boolean {
  // Transactional: in the app whatever was chosen; their email is the account email sent with them.
  if (isAccountNotification(type)) return channel === "IN_APP";
  const row = rows.find((r) => r.user_id === userId && r.type === type && r.channel === channel);
  return row ? row.enabled : defaultEnabled(type, channel);
}

/**
 * Notifications: created from events (one per event and recipient, whatever the redeliveries), listed
 * and marked read by their recipient; preferences per type and channel; push device registrations.
 */
export class NotificationService {
  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationRepository,
  ) {}

  /**
   * Stores the planned notifications of one event in the consumer's transaction, with a delivery
   * row per enabled email/push channel. Returns the rows created (none on a repeat of the event).
   */
  async createFromEvent(
    manager: EntityManager,
    eventId: string,
    plans: PlannedNotification[],
  ): Promise<NotificationRow[]> {
    if (!plans.length) return [];
    const prefs = await this.notifications.preferencesOf(
      plans.map((p) => p.userId),
      manager,
    );
    const created: NotificationRow[] = [];
    let queued = false;
    for (const plan of plans) {
      const row = await this.notifications.insertOnce(
        manager,
        eventId,
        plan,
        effective(prefs, plan.userId, plan.type, "IN_APP"),
      );
      if (!row) continue;
      created.push(row);
      const channels = (["EMAIL", "PUSH"] as const).filter((channel) =>
        effective(prefs, plan.userId, plan.type, channel),
      );
      for (const channel of channels) await this.notifications.queueDelivery(manager, row.id, channel);
      queued ||= channels.length > 0;
    }
    // Delivered at commit, to the delivery workers of every instance (this one may have delivery off).
    if (queued) await this.notifications.wakeDeliveryWorkers(manager);
    return created;
  }

  /**
   * Of these users, those not to notify of a new message in the conversation again: they have an
   * unread notification about it already (one is enough until they read or write in it).
   */
  async alreadyToldOf(manager: EntityManager, conversationId: string, userIds: string[]): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    return new Set(await this.notifications.unreadAbout(manager, conversationId, userIds));
  }

  /** Someone who read or wrote in a conversation has seen its messages: their notifications about it are read. */
  markConversationRead(manager: EntityManager, userId: string, conversationId: string): Promise<void> {
    return this.notifications.markConversationRead(manager, userId, conversationId);
  }

  /** An edited message's notifications show what it says now (email or push already sent cannot follow). */
  reviseMessage(manager: EntityManager, messageId: string, subject: string, text: string): Promise<void> {
    return this.notifications.setBodyOfMessage(manager, messageId, messagePreview(subject, text, 0));
  }

  /**
   * A deleted (or moderated away) message leaves no copy in notifications: their preview is replaced,
   * and email or push about it not yet sent is cancelled.
   */
  async withdrawMessage(manager: EntityManager, messageId: string, subject: string): Promise<void> {
    await this.notifications.setBodyOfMessage(manager, messageId, withdrawnPreview(subject));
    await this.notifications.cancelPendingDeliveriesOfMessage(manager, messageId);
  }

  /** The viewer's in-app notifications, newest first. */
  page(ctx: BaseContext, args: ConnectionArgs, unreadOnly: boolean): Promise<Connection<Notification>> {
    return paginate(args, {
      keyset: NOTIFICATION_PAGE,
      fetch: (page) => this.notifications.page(requireViewer(ctx.viewer).userId, unreadOnly, page),
      map: toNotification,
    });
  }

  unreadCount(userId: string): Promise<number> {
    return this.notifications.unreadCount(userId);
  }

  async markRead(
    ctx: BaseContext,
    input: { ids?: string[] | null; all?: boolean | null },
  ): Promise<{ updated: number; unreadCount: number }> {
    const viewer = requireViewer(ctx.viewer);
    if (!input.all && !input.ids?.length)
      throw new BadUserInputError("input.ids", "List the notifications to mark read, or set all: true");
    const ids = input.all ? null : input.ids!.map((id, i) => parseId(id, `input.ids.${i}`));
    if (ids) {
      // Someone else's notification is NOT_FOUND, not silently skipped (SECURITY.md: every id is checked).
      const found = await this.notifications.ownIds(viewer.userId, ids);
      const missing = ids.findIndex((id) => !found.has(id));
      if (missing >= 0) throw new NotFoundError("Notification", `input.ids.${missing}`);
    }
    const updated = await this.notifications.markRead(viewer.userId, ids);
    return { updated, unreadCount: await this.unreadCount(viewer.userId) };
  }

  /** Every type × channel with what applies to the viewer (their choice, or the default); transactional kinds offer no choice. */
  async preferences(ctx: BaseContext): Promise<{ type: NotificationKind; channel: Channel; enabled: boolean }[]> {
    const viewer = requireViewer(ctx.viewer);
    const rows = await this.notifications.preferencesOf([viewer.userId]);
    return NOTIFICATION_TYPES.filter((type) => !isAccountNotification(type)).flatMap((type) =>
      CHANNELS.map((channel) => ({ type, channel, enabled: effective(rows, viewer.userId, type, channel) })),
    );
  }

  async updatePreferences(
    ctx: BaseContext,
    preferences: { type: NotificationKind; channel: Channel; enabled: boolean }[],
  ) {
    const viewer = requireViewer(ctx.viewer);
    const fixed = preferences.findIndex((p) => isAccountNotification(p.type));
    if (fixed >= 0)
      throw new BadUserInputError(
        `input.preferences.${fixed}.type`,
        `${preferences[fixed]!.type} is about your account's privacy requests: it cannot be turned off`,
      );
    await this.db.transaction(async (tx) => {
      for (const p of preferences) await this.notifications.setPreference(tx, viewer.userId, p);
    });
    return this.preferences(ctx);
  }

  /** Registers (or takes over) a push token for the viewer: a token belongs to one device, hence one user. */
  registerDevice(ctx: BaseContext, token: string, platform: string): Promise<PushDeviceRow> {
    return this.notifications.registerDevice(requireViewer(ctx.viewer).userId, token, platform);
  }

  async removeDevice(ctx: BaseContext, deviceId: string): Promise<PushDeviceRow> {
    const viewer = requireViewer(ctx.viewer);
    const removed = await this.notifications.removeDevice(viewer.userId, parseId(deviceId, "input.deviceId"));
    if (!removed) throw new NotFoundError("PushDevice", "input.deviceId");
    return removed;
  }
}
