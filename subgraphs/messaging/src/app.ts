import {
  AccessTokenVerifier,
  ResolverContainer,
  RevocationList,
  revocationSettingsFromEnv,
  type RevocationSettings,
  SubgraphClient,
  startOutboxRelay,
  createLogger,
  databaseUrlFor,
  envBool,
  envInt,
  envOptional,
  envString,
  gatewaySecretFromEnv,
  isProduction,
  openRealtimePubSub,
  openFileStore,
  fileStoreSettingsFromEnv,
  startEventConsumers,
  startSubgraphServer,
  stopSubgraph,
  type EventStartFrom,
  type FileStoreSettings,
  type GatewaySecretSettings,
  type Logger,
  type RunningSubgraph,
} from "@pawgraph/subgraph-kit";
// First of our modules: the schema's imports fix the order of the emitted SDL (see schema.ts).
import { buildMessagingSchema } from "./schema";
import { ClinicRegistry } from "./clinic/clinic-registry";
import { ConversationResolver } from "./conversation/conversation.resolver";
import { ConversationSubscriptions } from "./conversation/conversation.subscriptions";
import { createMessagingContext, type MessagingContext } from "./context";
import { ConversationRepository } from "./conversation/conversation.repository";
import { ConversationService } from "./conversation/conversation.service";
import { openMessagingDatabase } from "./data-source";
import { PERSONAL_DATA } from "./personal-data";
import { AccountEmailRepository } from "./account-email/account-email.repository";
import { AttachmentRepository } from "./attachment/attachment.repository";
import { MessageAttachmentService } from "./attachment/attachment.service";
import { MessageRepository } from "./message/message.repository";
import { MessageResolver } from "./message/message.resolver";
import { DeliveryRepository } from "./delivery/delivery.repository";
import { DeliveryWorker } from "./delivery/delivery.worker";
import { EmailSender } from "./delivery/email.sender";
import { pushSenderFor } from "./delivery/push.sender";
import { NOTIFICATIONS_CONSUMER, notificationConsumer } from "./notification/notification.consumer";
import { NotificationRepository } from "./notification/notification.repository";
import { NotificationResolver } from "./notification/notification.resolver";
import { NotificationService } from "./notification/notification.service";
import { RecipientsClient } from "./notification/recipients.client";
import { MessagingRealtime, type RealtimeTopics } from "./realtime/realtime";

export interface MessagingConfig {
  port: number;
  databaseUrl: string;
  jwksUrl: string;
  /** identity's revocation log, polled so revoked tokens stop within seconds (env `IDENTITY_URL`, `REVOCATION_POLL_MS`). */
  revocations: RevocationSettings;
  petsUrl: string;
  identityUrl: string;
  bookingsUrl: string;
  /** SMTP server for email notifications, e.g. smtp://user:pass@mail:587; unset: emails are logged. */
  smtpUrl?: string;
  mailFrom: string;
  /** The app page a verification email links to; it calls `verifyEmail` with the link's `token`. */
  verifyEmailUrl: string;
  /** The app page a password reset email links to; it asks for the new password and calls `resetPassword` with the link's `token`. */
  resetPasswordUrl: string;
  /** Firebase project for push notifications (credentials via GOOGLE_APPLICATION_CREDENTIALS); unset: pushes are logged. */
  fcmProjectId?: string;
  consumeEvents: boolean;
  /** Where the notification consumer starts when its group is new: all retained events (default) or only new ones. */
  consumeFrom: EventStartFrom;
  /**
   * The notification consumer's group (and idempotency key): instances sharing it split the events.
   * Default `messaging.notifications`; tests sharing one stream give each test file its own.
   */
  notificationsGroup: string;
  /** Send queued email and push deliveries from this instance (any number of instances may). */
  deliveryEnabled: boolean;
  /** Where message attachments are stored (S3 or local disk served at /files). */
  files: FileStoreSettings;
  /** Shared with the gateway and the other subgraphs: required of incoming calls, sent on outgoing ones. */
  gatewaySecret: GatewaySecretSettings;
  redisUrl?: string;
  relayEnabled: boolean;
  log: Logger;
}

export function messagingConfigFromEnv(): MessagingConfig {
  return {
    /** Listening port (env `PORT`, else `MESSAGING_PORT`; 4008). */
    port: envInt("PORT", envInt("MESSAGING_PORT", 4008)),
    databaseUrl: databaseUrlFor("messaging"),
    jwksUrl: envString("IDENTITY_JWKS_URL", "http://localhost:4001/.well-known/jwks.json"),
    revocations: revocationSettingsFromEnv(),
    petsUrl: envString("PETS_URL", "http://localhost:4002/graphql"),
    identityUrl: envString("IDENTITY_URL", "http://localhost:4001/graphql"),
    bookingsUrl: envString("BOOKINGS_URL", "http://localhost:4004/graphql"),
    smtpUrl: envOptional("SMTP_URL"),
    /** Sender of notification emails. */
    mailFrom: envString("MAIL_FROM", "Pawgraph <notifications@pawgraph.dev>"),
    /**
     * The app page a verification email links to; it calls `verifyEmail` with the link's `token`. Required in
     * production: a link to a developer's machine in a real inbox would be a broken promise.
     */
    verifyEmailUrl: envString("VERIFY_EMAIL_URL", isProduction() ? undefined : "http://localhost:3000/verify-email"),
    resetPasswordUrl: envString(
      "RESET_PASSWORD_URL",
      isProduction() ? undefined : "http://localhost:3000/reset-password",
    ),
    fcmProjectId: envOptional("FCM_PROJECT_ID"),
    /** Turn other subgraphs' events into notifications on this instance. */
    consumeEvents: envBool("CONSUME_EVENTS", true),
    deliveryEnabled: envBool("DELIVERY_WORKER_ENABLED", true),
    consumeFrom: envString("NOTIFICATIONS_START_FROM", "beginning") === "latest" ? "latest" : "beginning",
    notificationsGroup: NOTIFICATIONS_CONSUMER,
    files: fileStoreSettingsFromEnv("messaging"),
    gatewaySecret: gatewaySecretFromEnv(),
    /** Redis (env `REDIS_URL`) for the event streams and, where the subgraph has them, subscription fan-out and rate limits; unset, events go through Postgres. */
    redisUrl: envOptional("REDIS_URL"),
    relayEnabled: envBool("OUTBOX_RELAY_ENABLED", true),
    log: createLogger("messaging"),
  };
}

/** Composition root: config → database → repositories → services → resolvers → server. */
export async function startMessaging(config: MessagingConfig): Promise<RunningSubgraph> {
  const { dataSource: db, sql } = await openMessagingDatabase(config.databaseUrl, config.log);
  const repositories = {
    conversations: new ConversationRepository(db),
    messages: new MessageRepository(db),
    attachments: new AttachmentRepository(db),
  };
  const pets = new SubgraphClient("pets", config.petsUrl, config.gatewaySecret.secret);
  const live = openRealtimePubSub<RealtimeTopics>({ redisUrl: config.redisUrl, log: config.log });
  const realtime = new MessagingRealtime(live.pubSub);
  const identity = new SubgraphClient("identity", config.identityUrl, config.gatewaySecret.secret);
  const recipients = new RecipientsClient(identity, pets);
  const notifications = new NotificationService(db, new NotificationRepository(db));
  const accountEmails = new AccountEmailRepository(db);
  const email = new EmailSender(config.smtpUrl, config.mailFrom, config.log);
  const deliveries = new DeliveryWorker(
    db,
    new DeliveryRepository(db),
    accountEmails,
    recipients,
    email,
    pushSenderFor(config.fcmProjectId, config.log),
    config.log,
  );
  const files = await openFileStore(config.files, "messaging");
  // The two services need each other: attachments check participation, sending attaches files.
  const attachments: MessageAttachmentService = new MessageAttachmentService(
    repositories.attachments,
    (ctx, id) => conversations.participating(ctx, id),
    files.store,
    config.files.maxBytes,
  );
  const bookings = new SubgraphClient("bookings", config.bookingsUrl, config.gatewaySecret.secret);
  const conversations: ConversationService = new ConversationService(
    db,
    repositories.conversations,
    repositories.messages,
    pets,
    bookings,
    new ClinicRegistry(bookings),
    realtime,
    attachments,
    notifications,
  );
  const resolvers = new ResolverContainer([
    new ConversationResolver(conversations),
    new MessageResolver(attachments),
    new ConversationSubscriptions(conversations, realtime),
    new NotificationResolver(notifications, realtime),
  ]);
  const running = await startSubgraphServer<MessagingContext>(
    {
      name: "messaging",
      schema: await buildMessagingSchema(resolvers),
      log: config.log,
      verifier: AccessTokenVerifier.fromJwksUrl(
        config.jwksUrl,
        RevocationList.overHttp(config.revocations, config.log),
        config.log,
      ),
      gatewaySecret: config.gatewaySecret,
      createContext: (base) => createMessagingContext(base, repositories),
      ready: async () => {
        await db.query("SELECT 1");
      },
      subscriptions: true,
      routes: (app) => files.routes(app),
    },
    config.port,
  );
  files.listening(running.port);
  const relay = await startOutboxRelay({
    dataSource: db,
    schema: "messaging",
    redisUrl: config.redisUrl,
    enabled: config.relayEnabled,
    log: config.log,
  });
  const notify = notificationConsumer({
    notifications,
    messages: repositories.messages,
    accountEmails,
    recipients,
    realtime,
    startFrom: config.consumeFrom,
    group: config.notificationsGroup,
    accountEmailLinks: { verifyEmailUrl: config.verifyEmailUrl, resetPasswordUrl: config.resetPasswordUrl },
  });
  const consumers = await startEventConsumers({
    databaseUrl: config.databaseUrl,
    schema: "messaging",
    redisUrl: config.redisUrl,
    enabled: config.consumeEvents,
    log: config.log,
    subscribe: (bus, events) => notify(bus, events),
    privacy: { registry: PERSONAL_DATA },
  });
  if (config.deliveryEnabled) await deliveries.start();
  return {
    ...running,
    name: "messaging",
    sql,
    stop: () =>
      stopSubgraph(running, config.log, [
        ["event consumers", () => consumers.stop()],
        ["delivery worker", () => deliveries.stop()],
        ["realtime pub/sub", () => live.close()],
        ["outbox relay", () => relay.stop()],
        ["database pool", () => db.destroy()],
      ]),
  };
}
