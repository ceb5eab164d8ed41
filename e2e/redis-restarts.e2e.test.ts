import type { Client } from "graphql-ws";
import { Client as PgClient } from "pg";
import {
  ConfirmBookingDocument,
  HoldSlotDocument,
  NotificationAddedDocument,
  NotificationsDocument,
} from "../clients/__generated__/graphql";
import { berlin, buildClinic, ownerWithPet } from "./bookings-fixtures";
import { eventually, execute, restartMessaging, startStack, type Stack } from "./harness";
import { startOwnRedis, type OwnRedis } from "./redis-server";
import { openSocket, settle, subscribe } from "./ws";

// Redis restarts (docs/decisions/0026-redis-restarts.md): subscriptions made while Redis was down
// come alive when it returns, events a Redis without persistence forgot are published again from the
// outbox and reach each owner once, and delivery resumes within 2 s of Redis being back. The stack
// runs on a redis-server of this file's own, which it kills and starts again without persistence.

jest.setTimeout(120_000);

const describeRedis = process.env.REDIS_URL ? describe : describe.skip;

describeRedis("Redis restarts", () => {
  if (!process.env.REDIS_URL) {
    console.log(
      "Skipping the Redis restart tests: REDIS_URL is not set (they start a redis-server of their own, as CI runs them).",
    );
    it("needs REDIS_URL", () => undefined);
    return;
  }
  let redis: OwnRedis;
  let stack: Stack;
  let db: PgClient;
  const sockets: Client[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis({ persistence: "none" });
    stack = await startStack({ ownDatabase: true, redisUrl: redis.url, messaging: { consumeEvents: true } });
    db = new PgClient({ connectionString: stack.databaseUrl });
    await db.connect();
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.dispose()));
  });
  afterAll(async () => {
    await db?.end();
    await stack?.stop();
    await redis?.stop();
  });

  function socket(token: string): Client {
    const client = openSocket(stack.gateway.wsUrl, token);
    sockets.push(client);
    return client;
  }

  let day = 1;
  /** An owner with a pet and a held slot at a fresh clinic; `confirm` books it. */
  async function heldSlot() {
    const clinic = await buildClinic(stack);
    const { owner, petId } = await ownerWithPet(stack);
    const hold = await execute(
      stack.gateway.url,
      HoldSlotDocument,
      {
        input: {
          clinicId: clinic.clinicId,
          serviceId: clinic.serviceId,
          vetId: clinic.vets[0]!.user.id,
          startsAt: berlin(day++, "10:00"),
        },
      },
      owner.token,
    );
    if (hold.data?.holdSlot.__typename !== "SlotHold") throw new Error(JSON.stringify(hold));
    const holdId = hold.data.holdSlot.id;
    return {
      owner,
      confirm: async () => {
        const confirmed = await execute(
          stack.gateway.url,
          ConfirmBookingDocument,
          { input: { holdId, petId } },
          owner.token,
        );
        if (confirmed.data?.confirmBooking.__typename !== "Booking") throw new Error(JSON.stringify(confirmed));
        return confirmed.data.confirmBooking.id;
      },
    };
  }

  /** The bookings an owner was told of (BOOKING_CONFIRMED notifications), one entry per notification. */
  async function confirmationsOf(token: string): Promise<string[]> {
    const result = await execute(stack.gateway.url, NotificationsDocument, { first: 100 }, token);
    if (!result.data?.notifications) throw new Error(JSON.stringify(result.errors));
    return result.data.notifications.edges
      .filter((e) => e.node.type === "BOOKING_CONFIRMED")
      .map((e) => e.node.bookingId!);
  }

  /** Whether the bookings relay has handed these bookings' events to Redis (marked them published). */
  async function published(bookingIds: string[]): Promise<boolean> {
    const { rows } = await db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM bookings.outbox WHERE type = 'booking.confirmed' AND aggregate_id = ANY($1) AND published_at IS NOT NULL`,
      [bookingIds],
    );
    return rows[0]!.count === bookingIds.length;
  }

  it("a subscription opened while Redis is down, and the same user's sockets opened after, receive the notification once Redis is back", async () => {
    const { owner, confirm } = await heldSlot();
    await redis.kill();
    const whileDown = subscribe(socket(owner.token), NotificationAddedDocument);
    // Long enough for messaging's SUBSCRIBE to fail (one reconnect attempt, at most 500 ms apart).
    await settle(1_500);
    await redis.start();
    await settle(1_000);
    const afterwards = subscribe(socket(owner.token), NotificationAddedDocument);
    await settle();

    const bookingId = await confirm();
    for (const live of [whileDown, afterwards]) {
      const received = await live.nth(1, 10_000);
      expect(received.errors).toBeUndefined();
      expect(received.data?.notificationAdded).toMatchObject({ type: "BOOKING_CONFIRMED", bookingId });
    }
  });

  it("three bookings whose events were in Redis when it restarted without persistence: each owner is notified exactly once", async () => {
    const slots = [await heldSlot(), await heldSlot(), await heldSlot()];
    // The first is delivered before the restart: its replay must not tell its owner twice.
    const first = await slots[0]!.confirm();
    expect(
      await eventually(
        () => confirmationsOf(slots[0]!.owner.token),
        (ids) => ids.length === 1,
        15_000,
      ),
    ).toEqual([first]);

    // messaging is away (a deploy) while the other two are booked: their events wait in Redis, published...
    await stack.messaging.stop();
    const waiting = [await slots[1]!.confirm(), await slots[2]!.confirm()];
    expect(
      await eventually(
        () => published(waiting),
        (done) => done,
        15_000,
      ),
    ).toBe(true);
    // ...when Redis restarts with nothing, and messaging comes back.
    await redis.kill();
    await redis.start();
    await restartMessaging(stack, { consumeEvents: true, consumeFrom: "beginning" }, { stopped: true });

    const bookingIds = [first, ...waiting];
    const told = async () => Promise.all(slots.map((slot) => confirmationsOf(slot.owner.token)));
    const notified = await eventually(told, (lists) => lists.every((ids) => ids.length > 0), 20_000);
    expect(notified).toEqual(bookingIds.map((id) => [id]));
    // And nobody is told twice afterwards (the replay of the first booking came before the other two).
    await settle(1_000);
    expect(await told()).toEqual(bookingIds.map((id) => [id]));
  });

  it("a booking confirmed while Redis is down reaches the owner's open socket within 2 s of Redis returning", async () => {
    const { owner, confirm } = await heldSlot();
    const live = subscribe(socket(owner.token), NotificationAddedDocument);
    await settle();
    await redis.kill();
    const bookingId = await confirm();
    // Down long enough for the relay's and the consumer's backoff to grow past several seconds.
    await settle(8_000);
    await redis.start();
    const back = Date.now();
    const received = await live.nth(1, 15_000);
    expect(Date.now() - back).toBeLessThan(2_000);
    expect(received.data?.notificationAdded).toMatchObject({ type: "BOOKING_CONFIRMED", bookingId });
  });

  it("no process fell over: every subgraph is ready and the gateway answers", async () => {
    const subgraphs = [
      stack.identity,
      stack.pets,
      stack.ehr,
      stack.bookings,
      stack.catalog,
      stack.orders,
      stack.ai,
      stack.messaging,
      stack.reports,
    ];
    const statuses = await Promise.all(subgraphs.map(async (s) => (await fetch(new URL("/readyz", s.url))).status));
    expect(statuses).toEqual(subgraphs.map(() => 200));
    const { owner } = await ownerWithPet(stack);
    expect((await execute(stack.gateway.url, NotificationsDocument, { first: 1 }, owner.token)).errors).toBeUndefined();
  });
});
