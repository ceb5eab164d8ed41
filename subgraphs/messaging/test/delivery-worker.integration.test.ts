import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { SubgraphClient, createLogger } from "@pawgraph/subgraph-kit";
import { openMessagingDatabase } from "../src/data-source";
import { AccountEmailRepository } from "../src/account-email/account-email.repository";
import { DeliveryRepository } from "../src/delivery/delivery.repository";
import { DeliveryWorker } from "../src/delivery/delivery.worker";
import { EmailSender } from "../src/delivery/email.sender";
import { pushSenderFor } from "../src/delivery/push.sender";
import { NotificationRepository } from "../src/notification/notification.repository";
import { NotificationService } from "../src/notification/notification.service";
import { RecipientsClient } from "../src/notification/recipients.client";
import { createOwnDatabase } from "@pawgraph/subgraph-kit/src/testing/own-database";

const log = createLogger("messaging").child({}, { level: "silent" });
let own: Awaited<ReturnType<typeof createOwnDatabase>>;
let db: DataSource;

// Its own database: the delivery queue is one table, and the e2e stacks running beside this file
// share theirs; a worker there would take this file's rows (and this one theirs).
beforeAll(async () => {
  own = await createOwnDatabase("delivery");
  db = (await openMessagingDatabase(own.url, log)).dataSource;
});
afterAll(async () => {
  await db?.destroy();
  await own?.drop();
});

/** A notification with one queued push delivery to a registered device; returns the delivery's id. */
async function queuedPush(): Promise<string> {
  const userId = randomUUID();
  const [{ id: notificationId }] = await db.query(
    `INSERT INTO messaging.notifications (user_id, type, title, body, source_event_id) VALUES ($1, 'BOOKING_CONFIRMED', 'Appointment confirmed', 'Rex is booked.', $2) RETURNING id`,
    [userId, randomUUID()],
  );
  await db.query(`INSERT INTO messaging.push_devices (user_id, token, platform) VALUES ($1, $2, 'ANDROID')`, [
    userId,
    `device-${randomUUID()}`,
  ]);
  const [{ id }] = await db.query(
    `INSERT INTO messaging.notification_deliveries (notification_id, channel) VALUES ($1, 'PUSH') RETURNING id`,
    [notificationId],
  );
  return id as string;
}

async function waitForStatus(id: string, status: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await statusOf(id)).status !== status && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
}

async function statusOf(id: string): Promise<{ status: string; attempts: number }> {
  const [row] = await db.query(`SELECT status, attempts FROM messaging.notification_deliveries WHERE id = $1`, [id]);
  return row;
}

function worker(): DeliveryWorker {
  // No addresses are needed for push; identity is never asked (nothing listens on port 9).
  const nowhere = new SubgraphClient("identity", "http://127.0.0.1:9/graphql", "unused-secret");
  return new DeliveryWorker(
    db,
    new DeliveryRepository(db),
    new AccountEmailRepository(db),
    new RecipientsClient(nowhere, nowhere),
    new EmailSender(undefined, "test@pawgraph.test", log),
    pushSenderFor(undefined, log),
    log,
    60_000,
  );
}

describe("delivery worker", () => {
  it("leaves the queue alone on an instance where delivery is off, however often its consumer kicks", async () => {
    const id = await queuedPush();
    const off = worker();
    off.kick();
    off.kick();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await statusOf(id)).toEqual({ status: "PENDING", attempts: 0 });
    await off.stop();
  });

  it("once started, claims the row and records the outcome (logged: no FCM credentials)", async () => {
    const id = await queuedPush();
    const on = worker();
    await on.start();
    await waitForStatus(id, "LOGGED", 5_000);
    expect(await statusOf(id)).toEqual({ status: "LOGGED", attempts: 1 });
    await on.stop();
  });

  it("wakes at once when another instance's consumer queues deliveries (NOTIFY at commit), not at its next poll", async () => {
    const on = worker(); // polls once a minute
    await on.start();
    const userId = randomUUID();
    await db.query(`INSERT INTO messaging.push_devices (user_id, token, platform) VALUES ($1, $2, 'IOS')`, [
      userId,
      `device-${randomUUID()}`,
    ]);
    await db.query(
      `INSERT INTO messaging.notification_preferences (user_id, type, channel, enabled) VALUES ($1, 'BOOKING_CONFIRMED', 'EMAIL', false)`,
      [userId],
    );
    // Another instance, its consumer's transaction: no kick reaches this worker in-process.
    const elsewhere = new NotificationService(db, new NotificationRepository(db));
    const [created] = await db.transaction((manager) =>
      elsewhere.createFromEvent(manager, randomUUID(), [
        {
          userId,
          type: "BOOKING_CONFIRMED",
          title: "Appointment confirmed",
          body: "Rex is booked.",
          petId: null,
          bookingId: null,
          clinicId: null,
        },
      ]),
    );
    const [{ id }] = await db.query(`SELECT id FROM messaging.notification_deliveries WHERE notification_id = $1`, [
      created!.id,
    ]);
    await waitForStatus(id, "LOGGED", 2_000);
    expect(await statusOf(id)).toEqual({ status: "LOGGED", attempts: 1 });
    await on.stop();
  });
});

describe("withdrawing a deleted message", () => {
  it("replaces its notifications' preview and cancels their unsent deliveries, leaving other notifications alone", async () => {
    const messageId = randomUUID();
    const insert = async (message: string | null) => {
      const [{ id }] = await db.query(
        `INSERT INTO messaging.notifications (user_id, type, title, body, message_id, source_event_id) VALUES ($1, 'MESSAGE_RECEIVED', 'New message from Vera', 'Limping: come at 10', $2, $3) RETURNING id`,
        [randomUUID(), message, randomUUID()],
      );
      const [{ id: delivery }] = await db.query(
        `INSERT INTO messaging.notification_deliveries (notification_id, channel) VALUES ($1, 'PUSH') RETURNING id`,
        [id],
      );
      return { id: id as string, delivery: delivery as string };
    };
    const about = await insert(messageId);
    const other = await insert(randomUUID());
    await db.transaction((tx) =>
      new NotificationService(db, new NotificationRepository(db)).withdrawMessage(tx, messageId, "Limping"),
    );
    const bodies = await db.query(`SELECT id, body FROM messaging.notifications WHERE id = ANY($1::uuid[])`, [
      [about.id, other.id],
    ]);
    expect(Object.fromEntries(bodies.map((r: { id: string; body: string }) => [r.id, r.body]))).toEqual({
      [about.id]: "Limping: (message deleted)",
      [other.id]: "Limping: come at 10",
    });
    expect((await statusOf(about.delivery)).status).toBe("CANCELLED");
    expect((await statusOf(other.delivery)).status).toBe("PENDING");
  });
});
