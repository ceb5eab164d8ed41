import type { DataSource } from "typeorm";
import { PgListener, groupByKey, pgConfigOf, type Logger } from "@pawgraph/subgraph-kit";
import type { AccountEmailRepository } from "../account-email/account-email.repository";
import type { Contact, RecipientsClient } from "../notification/recipients.client";
import { revealsHealth } from "../notification/notification.content";
import { DELIVERIES_CHANNEL } from "../notification/notification.repository";
import type { ClaimedDelivery, DeliveryRepository, DeviceRow } from "./delivery.repository";
import type { EmailSender, SendOutcome } from "./email.sender";
import { PushTokenGoneError, type PushSender } from "./push.sender";

const MAX_ATTEMPTS = 5;
const BATCH = 20;

/**
 * Sends the email and push deliveries the notification consumer queued (in the same transaction as
 * the notification). Rows are claimed with SKIP LOCKED, so any number of instances share the work; a
 * claim lapses after 5 minutes (an instance died mid-send); failures retry with backoff, then FAILED.
 * Workers wake on NOTIFY when any instance queues deliveries, and poll as a fallback.
 */
export class DeliveryWorker {
  private timer?: NodeJS.Timeout;
  private listener?: PgListener;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    /** Only for the LISTEN connection's settings; the queries go through the repositories. */
    private readonly db: DataSource,
    private readonly deliveries: DeliveryRepository,
    private readonly accountEmails: AccountEmailRepository,
    private readonly recipients: RecipientsClient,
    private readonly email: EmailSender,
    private readonly push: PushSender,
    private readonly log: Logger,
    private readonly pollMs = 5_000,
  ) {}

  /** Starts polling and listening; resolves once the listener is connected (or its failure was logged and retries). */
  async start(): Promise<void> {
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    // The consumer that queued the rows may run on an instance whose delivery is off.
    this.listener = new PgListener({
      connection: pgConfigOf(this.db),
      channel: DELIVERIES_CHANNEL,
      log: this.log,
      onNotify: () => this.kick(),
    });
    await this.listener.start();
    this.kick();
  }

  /**
   * Looks for work now (woken by NOTIFY, or the poll) instead of at the next poll. Only once started:
   * an instance with delivery turned off (DELIVERY_WORKER_ENABLED=false) never takes the queue's rows.
   */
  kick(): void {
    if (this.timer === undefined || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.log.error({ err: error }, "notification delivery failed"))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.listener?.stop();
    await this.running;
    this.email.close();
  }

  private async drain(): Promise<void> {
    await this.drainAccountEmails();
    for (;;) {
      const claimed = await this.deliveries.claim(BATCH);
      if (!claimed.length) return;
      // Addresses and devices for the whole batch at once; identity being away fails (and retries) the emails only.
      const usersOn = (channel: ClaimedDelivery["channel"]) => [
        ...new Set(claimed.filter((c) => c.channel === channel).map((c) => c.user_id)),
      ];
      const contacts = await this.recipients
        .contacts(usersOn("EMAIL"))
        .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      const pushUsers = usersOn("PUSH");
      const devices = groupByKey(pushUsers, await this.deliveries.devicesOf(pushUsers), (d) => d.user_id);
      const devicesOf = new Map(pushUsers.map((userId, i) => [userId, devices[i]!]));
      for (const delivery of claimed) {
        try {
          const outcome =
            delivery.channel === "EMAIL"
              ? await this.sendEmail(delivery, contacts)
              : await this.sendPush(delivery, devicesOf.get(delivery.user_id) ?? []);
          await this.deliveries.done(delivery.id, outcome);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const final = delivery.attempts >= MAX_ATTEMPTS;
          this.log.warn(
            { delivery: delivery.id, channel: delivery.channel, attempt: delivery.attempts, err: message },
            final ? "delivery failed for good" : "delivery failed; will retry",
          );
          await this.deliveries.failed(delivery.id, message.slice(0, 500), final, 15 * 2 ** delivery.attempts);
        }
      }
      if (claimed.length < BATCH) return;
    }
  }

  /** Transactional account emails (verification links first: someone is waiting for them), to the address they name. */
  private async drainAccountEmails(): Promise<void> {
    for (;;) {
      const claimed = await this.accountEmails.claim();
      for (const mail of claimed) {
        try {
          await this.accountEmails.done(
            mail.id,
            await this.email.send({
              to: mail.to_address,
              subject: mail.subject,
              text: mail.body,
              logTextWithoutSmtp: true,
            }),
          );
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const final = mail.attempts >= MAX_ATTEMPTS;
          this.log.warn(
            { accountEmail: mail.id, attempt: mail.attempts, err: message },
            final ? "account email failed for good" : "account email failed; will retry",
          );
          await this.accountEmails.failed(mail, message, final);
        }
      }
      if (claimed.length < this.accountEmails.batchSize) return;
    }
  }

  private async sendEmail(
    delivery: ClaimedDelivery,
    contacts: Map<string, Contact> | Error,
  ): Promise<SendOutcome | "SKIPPED"> {
    if (contacts instanceof Error) throw contacts;
    const contact = contacts.get(delivery.user_id);
    if (!contact) return "SKIPPED"; // the account is gone
    if (revealsHealth(delivery.type) && !contact.emailVerified) return "SKIPPED"; // health data only to a proven address
    return this.email.send({
      to: contact.email,
      subject: delivery.title,
      text: `Hello ${contact.displayName},\n\n${delivery.body}\n\nPawgraph\n\nYou can choose which notifications reach you by email in the app's notification settings.\n`,
    });
  }

  private async sendPush(delivery: ClaimedDelivery, devices: DeviceRow[]): Promise<SendOutcome | "SKIPPED"> {
    if (!devices.length) return "SKIPPED";
    const data: Record<string, string> = { notificationId: delivery.notification_id, type: delivery.type };
    if (delivery.pet_id) data.petId = delivery.pet_id;
    if (delivery.booking_id) data.bookingId = delivery.booking_id;
    let outcome: SendOutcome = "LOGGED";
    for (const device of devices) {
      try {
        outcome = await this.push.send({ token: device.token, title: delivery.title, body: delivery.body, data });
      } catch (error) {
        if (!(error instanceof PushTokenGoneError)) throw error;
        await this.deliveries.forgetDevice(device.id);
      }
    }
    return outcome;
  }
}
