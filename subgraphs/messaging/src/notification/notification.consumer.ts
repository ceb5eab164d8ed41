import type { DataSource } from "typeorm";
import { idempotentHandler, type EventBus, type EventStartFrom, type EventSubscription } from "@pawgraph/subgraph-kit";
import type { MessagingRealtime } from "../realtime/realtime";
import type { Directory } from "./directory";
import { NOTIFYING_EVENTS, petIdsOf, planNotifications } from "./notification.content";
import { toNotification } from "./notification.mapper";
import type { NotificationRow, NotificationService } from "./notification.service";

export const NOTIFICATIONS_CONSUMER = "messaging.notifications";

/**
 * Turns bookings' and ehr's events into notifications: each event id once (processed_events), the
 * notifications and their email/push deliveries in one transaction; only after it commits are they
 * pushed to live subscribers; the delivery workers of every instance wake on the NOTIFY sent at commit.
 */
export function notificationConsumer(deps: {
  notifications: NotificationService;
  directory: Directory;
  realtime: MessagingRealtime;
  startFrom: EventStartFrom;
  /** Consumer group and idempotency key; NOTIFICATIONS_CONSUMER unless configured otherwise. */
  group: string;
}) {
  return (bus: EventBus, dataSource: DataSource): Promise<EventSubscription> =>
    bus.subscribe({
      group: deps.group,
      startFrom: deps.startFrom,
      handler: async (event) => {
        if (!(NOTIFYING_EVENTS as readonly string[]).includes(event.type)) return;
        // Asked before the transaction opens: a slow pets never holds a database connection.
        const pets = await deps.directory.petAudience(petIdsOf(event));
        const created: NotificationRow[] = [];
        await idempotentHandler({
          dataSource,
          schema: "messaging",
          consumer: deps.group,
          handle: async (applied, manager) => {
            created.push(...(await deps.notifications.createFromEvent(manager, applied.id, planNotifications(applied, pets))));
          },
        })(event);
        for (const row of created) if (row.in_app) deps.realtime.notificationAdded(row.user_id, toNotification(row));
      },
    });
}
