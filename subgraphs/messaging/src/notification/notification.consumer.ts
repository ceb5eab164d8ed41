import type { DataSource, EntityManager } from "typeorm";
import {
  alreadyProcessed,
  idempotentHandler,
  type EventBus,
  type EventStartFrom,
  type EventSubscription,
  type DomainEvent,
  isUuid,
} from "@pawgraph/subgraph-kit";
import { ACCOUNT_EMAIL_EVENTS, accountEmailFor, type AccountEmailLinks } from "../account-email/account-email.content";
import type { AccountEmailRepository } from "../account-email/account-email.repository";
import { MESSAGE_SENT_READER } from "../consumed-events";
import type { MessageRepository } from "../message/message.repository";
import type { MessagingRealtime } from "../realtime/realtime";
import {
  NOTIFYING_EVENTS,
  petIdsOf,
  planMessageNotifications,
  planNotifications,
  type PlannedNotification,
  vendorAudienceOf,
} from "./notification.content";
import { toNotification } from "./notification.mapper";
import { carePlanClinicIdOf } from "./care-plan-notification.content";
import { planAccountNotifications } from "./account-notification.content";
import type { NotificationRow } from "./notification.repository";
import type { NotificationService } from "./notification.service";
import type { RecipientsClient } from "./recipients.client";

export const NOTIFICATIONS_CONSUMER = "messaging.notifications";

interface Deps {
  notifications: NotificationService;
  messages: MessageRepository;
  accountEmails: AccountEmailRepository;
  recipients: RecipientsClient;
  realtime: MessagingRealtime;
  startFrom: EventStartFrom;
  /** Consumer group and idempotency key; NOTIFICATIONS_CONSUMER unless configured otherwise. */
  group: string;
  /** The app pages verification and password reset emails link to (the token is added as `?token=`). */
  accountEmailLinks: AccountEmailLinks;
}

/** What the plan of one event needs inside the consumer's transaction. */
type Plan = (manager: EntityManager) => Promise<PlannedNotification[]>;

/**
 * Turns identity's account events into transactional emails (queued in `account_emails`; the privacy
 * ones with an in-app notice in the same transaction), and
 * bookings', ehr's, catalog's, orders' and messaging's own events into notifications: each event id once
 * (processed_events), the notifications and their email/push deliveries in one transaction; only
 * after it commits are they pushed to live subscribers; the delivery workers of every instance wake
 * on the NOTIFY sent at commit.
 */
export function notificationConsumer(deps: Deps) {
  return (bus: EventBus, dataSource: DataSource): Promise<EventSubscription> =>
    bus.subscribe({
      group: deps.group,
      startFrom: deps.startFrom,
      handler: async (event) => {
        if (ACCOUNT_EMAIL_EVENTS.some((reader) => reader.type === event.type))
          return tellAboutAccount(deps, dataSource, event);
        if (!NOTIFYING_EVENTS.some((reader) => reader.type === event.type)) return;
        // A redelivery (or a relay's replay after Redis lost its data) asks no other subgraph.
        if (await alreadyProcessed(dataSource, "messaging", deps.group, event.id)) return;
        // Other subgraphs are asked before the transaction opens: a slow one never holds a database connection.
        const plan =
          event.type === MESSAGE_SENT_READER.type
            ? await planForMessage(deps, dataSource, event)
            : await planForEvent(deps, event);
        const created: NotificationRow[] = [];
        await idempotentHandler({
          dataSource,
          schema: "messaging",
          consumer: deps.group,
          handle: async (applied, manager) => {
            created.push(...(await deps.notifications.createFromEvent(manager, applied.id, await plan(manager))));
          },
        })(event);
        for (const row of created) if (row.in_app) deps.realtime.notificationAdded(row.user_id, toNotification(row));
      },
    });
}

/**
 * An account email and, for a privacy event, its in-app notice: once per event id (processed_events),
 * in one transaction; the notice reaches live subscribers after commit.
 */
async function tellAboutAccount(deps: Deps, dataSource: DataSource, event: DomainEvent): Promise<void> {
  const created: NotificationRow[] = [];
  await idempotentHandler({
    dataSource,
    schema: "messaging",
    consumer: deps.group,
    handle: async (applied, manager) => {
      const email = accountEmailFor(applied, deps.accountEmailLinks);
      if (email) await deps.accountEmails.enqueue(manager, applied.id, email);
      const notices = planAccountNotifications(applied).map((notice) => ({
        ...notice,
        petId: null,
        bookingId: null,
        clinicId: null,
      }));
      created.push(...(await deps.notifications.createFromEvent(manager, applied.id, notices)));
    },
  })(event);
  for (const row of created) if (row.in_app) deps.realtime.notificationAdded(row.user_id, toNotification(row));
}

async function planForEvent(deps: Deps, event: DomainEvent): Promise<Plan> {
  const vendors = vendorAudienceOf(event);
  const clinicId = carePlanClinicIdOf(event);
  const [pets, vendorStaff, clinicStaff] = await Promise.all([
    deps.recipients.petAudience(petIdsOf(event)),
    // An id identity cannot hold has no staff: asking would fail the event again at every retry.
    deps.recipients.vendorStaff(vendors.vendorIds.filter(isUuid), vendors.adminsOnly),
    clinicId ? deps.recipients.clinicStaffIds(clinicId) : [],
  ]);
  return async () => planNotifications(event, pets, vendorStaff, clinicStaff);
}

/**
 * A chat message tells the other side: an owner's message the clinic's staff (everyone with a role
 * there), the clinic's the owner. Recipients with an unread notification about the conversation are
 * left alone (decided in the transaction): one notice until they read or write in it. Whether they
 * are looking at the conversation right now is the app's to know: it marks the conversation read and
 * does not show notices about the one on screen. A message deleted by then tells no one.
 */
async function planForMessage(deps: Deps, dataSource: DataSource, event: DomainEvent): Promise<Plan> {
  const sent = MESSAGE_SENT_READER.decode(event);
  // On the consumers' own pool (the kit's startEventConsumers), not the requests'.
  const row = await deps.messages.sent(dataSource.manager, sent.messageId);
  if (!row || row.deleted_at) return async () => [];
  const fromOwner = (sent.senderSide ?? (sent.senderId === row.owner_id ? "OWNER" : "CLINIC")) === "OWNER";
  const [side, contacts] = await Promise.all([
    fromOwner ? deps.recipients.clinicStaffIds(row.clinic_id) : [row.owner_id],
    deps.recipients.contacts([sent.senderId]),
  ]);
  const recipients = side.filter((id) => id !== sent.senderId);
  if (!recipients.length) return async () => [];
  const sender = contacts.get(sent.senderId);
  return async (manager) => {
    const told = await deps.notifications.alreadyToldOf(manager, sent.conversationId, recipients);
    return planMessageNotifications({
      conversationId: sent.conversationId,
      messageId: sent.messageId,
      clinicId: row.clinic_id,
      petId: row.pet_id,
      subject: row.subject,
      senderName: sender?.displayName ?? (fromOwner ? "a pet owner" : "the clinic"),
      text: row.body || null,
      attachmentCount: row.attachments,
      recipientIds: recipients.filter((id) => !told.has(id)),
    });
  };
}
