import { randomUUID } from "node:crypto";
import type { Client } from "graphql-ws";
import { Client as PgClient } from "pg";
import { createEventBus, createLogger } from "@pawgraph/subgraph-kit";
import {
  CancelBookingDocument,
  ConfirmBookingDocument,
  DeleteMessageDocument,
  EditMessageDocument,
  GrantRecordAccessDocument,
  HoldSlotDocument,
  MarkConversationReadDocument,
  MarkNotificationsReadDocument,
  NotificationAddedDocument,
  NotificationPreferencesDocument,
  NotificationsDocument,
  PetsByIdsDocument,
  RecordVaccinationDocument,
  RegisterPushDeviceDocument,
  RemovePushDeviceDocument,
  RescheduleBookingDocument,
  SendMessageDocument,
  StartConversationDocument,
  UpdateNotificationPreferencesDocument,
} from "../clients/__generated__/graphql";
import { berlin, buildClinic, ownerWithPet } from "./bookings-fixtures";
import {
  eventually,
  execute,
  onlyError,
  registerClinic,
  registerClinicMember,
  runReminderJob,
  startStack,
  type Stack,
} from "./harness";
import { startSmtpServer, type ReceivedMail } from "./smtp";
import { openSocket, settle, subscribe } from "./ws";

let stack: Stack;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let db: PgClient;
const sockets: Client[] = [];

beforeAll(async () => {
  smtp = await startSmtpServer();
  // Its own database and event stream: on the run's, this stack would also mail everyone other files book.
  stack = await startStack({
    ownDatabase: true,
    messaging: {
      smtpUrl: smtp.url,
      mailFrom: "Pawgraph <notifications@pawgraph.test>",
      consumeEvents: true,
      deliveryEnabled: true,
    },
  });
  db = new PgClient({ connectionString: stack.databaseUrl });
  await db.connect();
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.dispose()));
});
afterAll(async () => {
  await db.end();
  await stack.stop();
  await smtp.stop();
});

function socket(token: string): Client {
  const client = openSocket(stack.gateway.wsUrl, token);
  sockets.push(client);
  return client;
}

let day = 1;
/** A confirmed booking at a fresh clinic, for an owner with a pet. */
async function confirmedBooking() {
  const clinic = await buildClinic(stack);
  const { owner, petId, petName } = await ownerWithPet(stack);
  const vet = clinic.vets[0]!;
  const hold = await execute(
    stack.gateway.url,
    HoldSlotDocument,
    {
      input: {
        clinicId: clinic.clinicId,
        serviceId: clinic.serviceId,
        vetId: vet.user.id,
        startsAt: berlin(day++, "10:00"),
      },
    },
    owner.token,
  );
  if (hold.data?.holdSlot.__typename !== "SlotHold") throw new Error(JSON.stringify(hold));
  return { clinic, owner, vet, petId, petName, holdId: hold.data.holdSlot.id };
}

async function confirm(holdId: string, petId: string, token: string) {
  const confirmed = await execute(stack.gateway.url, ConfirmBookingDocument, { input: { holdId, petId } }, token);
  if (confirmed.data?.confirmBooking.__typename !== "Booking") throw new Error(JSON.stringify(confirmed));
  return confirmed.data.confirmBooking;
}

/** Every account also gets a verification email when it registers: these tests are about the other mail. */
const isNotice = (mail: ReceivedMail) => !mail.raw.includes("Subject: Confirm your email address for Pawgraph");
const noticesTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email) && isNotice(m));

async function notificationsOf(token: string) {
  const result = await execute(stack.gateway.url, NotificationsDocument, {}, token);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

describe("notifications", () => {
  it("confirming a booking reaches the owner's open socket within 2 s and their inbox by email", async () => {
    const { owner, vet, petId, petName, holdId } = await confirmedBooking();
    const live = subscribe(socket(owner.token), NotificationAddedDocument);
    await settle();
    const started = Date.now();
    const booking = await confirm(holdId, petId, owner.token);
    const received = await live.nth(1, 2_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(received.errors).toBeUndefined();
    expect(received.data?.notificationAdded).toMatchObject({
      type: "BOOKING_CONFIRMED",
      title: "Appointment confirmed",
      read: false,
      bookingId: booking.id,
      pet: { id: petId, name: petName },
    });
    // Worded for people: the clinic's name and the time in the clinic's zone (the fixture clinic is in Berlin).
    expect(received.data?.notificationAdded.body).toMatch(
      new RegExp(`^${petName}'s appointment at Clinic \\w+ on .+ CES?T is confirmed\\.$`),
    );

    const mail = await smtp.waitFor((m) => m.to.includes(owner.email) && isNotice(m));
    expect(mail.from).toBe("notifications@pawgraph.test");
    expect(mail.raw).toContain("Subject: Appointment confirmed");
    expect(mail.raw).toContain(owner.user.displayName);
    // The vet hears about it too, in the app.
    const vetInbox = await eventually(
      () => notificationsOf(vet.token),
      (n) => n.unreadNotificationCount === 1,
    );
    expect(vetInbox.notifications!.edges.map((e) => e.node)).toMatchObject([
      { type: "BOOKING_CONFIRMED", title: "New appointment" },
    ]);
  });

  it("lists notifications newest first with an unread count; marks some or all read", async () => {
    const { owner, petId, holdId } = await confirmedBooking();
    const booking = await confirm(holdId, petId, owner.token);
    await execute(stack.gateway.url, CancelBookingDocument, { input: { bookingId: booking.id } }, owner.token);
    const inbox = await eventually(
      () => notificationsOf(owner.token),
      (n) => n.unreadNotificationCount === 2,
    );
    expect(inbox.notifications!.edges.map((e) => e.node.type)).toEqual(["BOOKING_CANCELLED", "BOOKING_CONFIRMED"]);
    const newest = inbox.notifications!.edges[0]!.node.id;
    const marked = await execute(
      stack.gateway.url,
      MarkNotificationsReadDocument,
      { input: { ids: [newest] } },
      owner.token,
    );
    expect(marked.data?.markNotificationsRead).toEqual({ updated: 1, unreadCount: 1 });
    const unread = await execute(
      stack.gateway.url,
      NotificationsDocument,
      { filter: { unreadOnly: true } },
      owner.token,
    );
    expect(unread.data?.notifications!.edges.map((e) => e.node.type)).toEqual(["BOOKING_CONFIRMED"]);
    const page = await execute(stack.gateway.url, NotificationsDocument, { first: 1 }, owner.token);
    expect(page.data?.notifications!.pageInfo.hasNextPage).toBe(true);
    const next = await execute(
      stack.gateway.url,
      NotificationsDocument,
      { first: 1, after: page.data!.notifications!.pageInfo.endCursor },
      owner.token,
    );
    expect(next.data?.notifications!.edges.map((e) => e.node.type)).toEqual(["BOOKING_CONFIRMED"]);
    expect(
      (await execute(stack.gateway.url, MarkNotificationsReadDocument, { input: { all: true } }, owner.token)).data
        ?.markNotificationsRead,
    ).toEqual({ updated: 1, unreadCount: 0 });
    const nothing = await execute(stack.gateway.url, MarkNotificationsReadDocument, { input: {} }, owner.token);
    expect(onlyError(nothing).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.ids" });
    // Someone else's notification id is NOT_FOUND, like every id that is not the viewer's (authorization-sweep.e2e.test.ts).
    const other = await execute(
      stack.gateway.url,
      MarkNotificationsReadDocument,
      { input: { ids: [newest] } },
      (await ownerWithPet(stack)).owner.token,
    );
    expect(onlyError(other).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.ids.0" });
  });

  it("preferences per type and channel: email off for cancellations, in-app off for confirmations", async () => {
    const { owner, petId, holdId } = await confirmedBooking();
    const defaults = await execute(stack.gateway.url, NotificationPreferencesDocument, {}, owner.token);
    // Twenty-four kinds (bookings, health, messages, vendors and stock, orders and payments, care plans),
    // three channels each.
    expect(defaults.data?.notificationPreferences).toHaveLength(72);
    expect(defaults.data?.notificationPreferences).toContainEqual({
      type: "CARE_PLAN_PAYMENT_FAILED",
      channel: "EMAIL",
      enabled: true,
    });
    expect(defaults.data?.notificationPreferences).toContainEqual({
      type: "VACCINATION_RECORDED",
      channel: "EMAIL",
      enabled: false,
    });
    const updated = await execute(
      stack.gateway.url,
      UpdateNotificationPreferencesDocument,
      {
        input: {
          preferences: [
            { type: "BOOKING_CANCELLED", channel: "EMAIL", enabled: false },
            { type: "BOOKING_CONFIRMED", channel: "IN_APP", enabled: false },
          ],
        },
      },
      owner.token,
    );
    expect(updated.data?.updateNotificationPreferences).toContainEqual({
      type: "BOOKING_CANCELLED",
      channel: "EMAIL",
      enabled: false,
    });
    const booking = await confirm(holdId, petId, owner.token);
    await smtp.waitFor((m) => m.to.includes(owner.email) && m.raw.includes("Subject: Appointment confirmed"));
    await execute(stack.gateway.url, CancelBookingDocument, { input: { bookingId: booking.id } }, owner.token);
    const inbox = await eventually(
      () => notificationsOf(owner.token),
      (n) => n.unreadNotificationCount === 1,
    );
    expect(inbox.notifications!.edges.map((e) => e.node.type)).toEqual(["BOOKING_CANCELLED"]);
    await settle(1_000);
    expect(noticesTo(owner.email).map((m) => /Subject: (.*)/.exec(m.raw)?.[1])).toEqual(["Appointment confirmed"]);
    const bad = await execute(
      stack.gateway.url,
      UpdateNotificationPreferencesDocument,
      { input: { preferences: [{ type: "NOPE" as never, channel: "EMAIL", enabled: true }] } },
      owner.token,
    );
    expect(onlyError(bad).extensions).toMatchObject({ code: "BAD_USER_INPUT" });
  });

  it("a rescheduled booking and a vaccination the clinic records reach the owner's socket and inbox", async () => {
    const { owner, vet, petId, petName, holdId } = await confirmedBooking();
    const booking = await confirm(holdId, petId, owner.token);
    await eventually(
      () => notificationsOf(owner.token),
      (n) => n.unreadNotificationCount === 1,
    ); // "confirmed" is in
    const live = subscribe(socket(owner.token), NotificationAddedDocument);
    await settle();
    const moved = await execute(
      stack.gateway.url,
      RescheduleBookingDocument,
      { input: { bookingId: booking.id, startsAt: berlin(day++, "14:00") } },
      owner.token,
    );
    expect(moved.data?.rescheduleBooking.__typename).toBe("Booking");
    expect((await live.nth(1, 5_000)).data?.notificationAdded).toMatchObject({
      type: "BOOKING_RESCHEDULED",
      title: "Appointment moved",
      bookingId: booking.id,
    });
    await smtp.waitFor((m) => m.to.includes(owner.email) && m.raw.includes("Subject: Appointment moved"));
    // The booking gives the vet's clinic the record (once pets has its event); ehr's vaccination.recorded notifies the owner.
    await eventually(
      () => execute(stack.gateway.url, PetsByIdsDocument, { ids: [petId] }, vet.token),
      (r) => (r.data?.pets?.[0]?.myClinicAccess.length ?? 0) > 0,
    );
    const recorded = await execute(
      stack.gateway.url,
      RecordVaccinationDocument,
      { input: { petId, vaccination: { vaccine: "Rabies", vaccineCode: "RABIES" } } },
      vet.token,
    );
    expect(recorded.errors).toBeUndefined();
    const vaccination = (await live.nth(2, 5_000)).data?.notificationAdded;
    expect(vaccination).toMatchObject({
      type: "VACCINATION_RECORDED",
      title: "Vaccination recorded",
      pet: { id: petId, name: petName },
    });
    expect(vaccination?.body).toContain(`Rabies for ${petName} was recorded on`);
  });

  it("a reminder ehr's job finds due reaches the owner's socket and inbox, once however often the job runs", async () => {
    // Verified: reminders talk about the pet's health, and are emailed only to verified addresses.
    const { owner, petId, petName } = await ownerWithPet(stack, "DOG", { verified: true });
    const { clinicId } = await registerClinic(stack);
    const vet = await registerClinicMember(stack, clinicId);
    await execute(stack.gateway.url, GrantRecordAccessDocument, { input: { petId, clinicId } }, owner.token);
    const dueOn = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const recorded = await execute(
      stack.gateway.url,
      RecordVaccinationDocument,
      { input: { petId, vaccination: { vaccine: "Leptospirosis", vaccineCode: "LEPTO", nextDueOn: dueOn } } },
      vet.token,
    );
    expect(recorded.errors).toBeUndefined();
    await eventually(
      () => notificationsOf(owner.token),
      (n) => n.unreadNotificationCount === 1,
    ); // "vaccination recorded" is in
    const live = subscribe(socket(owner.token), NotificationAddedDocument);
    await settle();
    expect(await runReminderJob(stack)).toBeGreaterThanOrEqual(1);
    const reminder = (await live.nth(1, 5_000)).data?.notificationAdded;
    expect(reminder).toMatchObject({ type: "REMINDER_DUE", pet: { id: petId, name: petName } });
    expect(reminder?.body).toMatch(new RegExp(`^${petName} is due for .+ on \\d{1,2} \\w{3} \\d{4}\\.$`));
    const mail = await smtp.waitFor((m) => m.to.includes(owner.email) && m.raw.includes(`Subject: ${reminder!.title}`));
    expect(mail.raw).toContain(petName);
    await runReminderJob(stack);
    await settle(1_000);
    expect(live.results).toHaveLength(1);
    expect((await notificationsOf(owner.token)).unreadNotificationCount).toBe(2);
  });

  it("a chat message tells the other side, once until they read or write in the conversation", async () => {
    const { owner, petId, petName } = await ownerWithPet(stack);
    const { clinicId } = await registerClinic(stack);
    const vet = await registerClinicMember(stack, clinicId, "VET");
    const staff = await registerClinicMember(stack, clinicId, "CLINIC_STAFF");
    const vetLive = subscribe(socket(vet.token), NotificationAddedDocument);
    const ownerLive = subscribe(socket(owner.token), NotificationAddedDocument);
    await settle();
    // The owner writes: everyone with a role at the clinic hears, with the pet and the conversation to open.
    const started = await execute(
      stack.gateway.url,
      StartConversationDocument,
      { input: { clinicId, petId, subject: "Limping", text: "Rex limps since yesterday." } },
      owner.token,
    );
    const conversationId = started.data!.startConversation.id;
    expect((await vetLive.nth(1)).data?.notificationAdded).toMatchObject({
      type: "MESSAGE_RECEIVED",
      title: `New message from ${owner.user.displayName}`,
      body: "Limping: Rex limps since yesterday.",
      conversationId,
    });
    // The clinic sees the pet once pets has applied the conversation's start (its own consumer of
    // `conversation.started`); the live notice can be resolved a moment before that, with `pet: null`.
    await eventually(
      () => notificationsOf(vet.token),
      (n) => n.notifications?.edges[0]?.node.pet?.id === petId,
    );
    expect((await notificationsOf(vet.token)).notifications?.edges[0]?.node).toMatchObject({
      conversationId,
      pet: { id: petId, name: petName },
    });
    await eventually(
      () => notificationsOf(staff.token),
      (n) => n.unreadNotificationCount === 1,
    );
    // The vet answers: the owner hears; the vet wrote in the conversation, so their own notice of it is read.
    await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "Can you come\nat 10?" } },
      vet.token,
    );
    expect((await ownerLive.nth(1)).data?.notificationAdded).toMatchObject({
      type: "MESSAGE_RECEIVED",
      title: `New message from ${vet.user.displayName}`,
      body: "Limping: Can you come at 10?",
      conversationId,
    });
    expect((await notificationsOf(vet.token)).unreadNotificationCount).toBe(0);
    expect((await notificationsOf(staff.token)).unreadNotificationCount).toBe(1);
    // More while that one is unread: no second notice.
    await execute(stack.gateway.url, SendMessageDocument, { input: { conversationId, text: "Or at 11." } }, vet.token);
    await settle(1_000);
    expect(ownerLive.results).toHaveLength(1);
    // Reading the conversation reads its notice; the next message tells the owner again.
    await execute(stack.gateway.url, MarkConversationReadDocument, { input: { conversationId } }, owner.token);
    expect((await notificationsOf(owner.token)).unreadNotificationCount).toBe(0);
    const coming = await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "Are you coming?" } },
      vet.token,
    );
    expect((await ownerLive.nth(2)).data?.notificationAdded).toMatchObject({
      body: "Limping: Are you coming?",
      conversationId,
    });
    // An edit shows in the notifications about the message; a deletion leaves no copy there.
    await execute(
      stack.gateway.url,
      EditMessageDocument,
      { input: { messageId: coming.data!.sendMessage.id, text: "Are you coming at 11?" } },
      vet.token,
    );
    expect((await notificationsOf(owner.token)).notifications!.edges[0]?.node).toMatchObject({
      body: "Limping: Are you coming at 11?",
      conversationId,
    });
    await execute(
      stack.gateway.url,
      DeleteMessageDocument,
      { input: { messageId: coming.data!.sendMessage.id } },
      vet.token,
    );
    expect((await notificationsOf(owner.token)).notifications!.edges[0]?.node).toMatchObject({
      body: "Limping: (message deleted)",
      conversationId,
    });
    // Push is on by default for messages, email is not.
    const channels = await db.query(
      `SELECT d.channel FROM messaging.notification_deliveries d JOIN messaging.notifications n ON n.id = d.notification_id WHERE n.user_id = $1 AND n.type = 'MESSAGE_RECEIVED'`,
      [owner.user.id],
    );
    expect(channels.rows).toEqual([{ channel: "PUSH" }, { channel: "PUSH" }]);
    expect(noticesTo(owner.email)).toHaveLength(0);
  });

  it("the same event delivered twice creates one notification and one email", async () => {
    const { owner, petId, petName } = await ownerWithPet(stack, "DOG", { verified: true });
    const bus = await createEventBus({
      redisUrl: process.env.REDIS_URL,
      database: stack.databaseUrl,
      redis: { stream: stack.eventStream },
      log: createLogger("test-bus"),
    });
    const event = {
      id: randomUUID(),
      type: "reminder.due",
      aggregateId: petId,
      source: "ehr",
      occurredAt: new Date(),
      payload: { reminderId: randomUUID(), petId, code: "RABIES", title: "Rabies booster", dueOn: "2027-01-15" },
    };
    try {
      await bus.publish([event]);
      await bus.publish([event]);
    } finally {
      await bus.close();
    }
    const inbox = await eventually(
      () => notificationsOf(owner.token),
      (n) => n.unreadNotificationCount! >= 1,
    );
    await smtp.waitFor((m) => m.to.includes(owner.email) && isNotice(m));
    await settle(1_000);
    const again = await notificationsOf(owner.token);
    expect(again.unreadNotificationCount).toBe(1);
    expect(inbox.notifications!.edges.map((e) => e.node)).toMatchObject([
      {
        type: "REMINDER_DUE",
        title: "Reminder: Rabies booster",
        body: `${petName} is due for Rabies booster on 15 Jan 2027.`,
      },
    ]);
    expect(noticesTo(owner.email)).toHaveLength(1);
  });

  it("push devices: registered tokens get each notification (logged without FCM credentials); bad tokens are refused", async () => {
    const { owner, petId, holdId } = await confirmedBooking();
    const device = await execute(
      stack.gateway.url,
      RegisterPushDeviceDocument,
      { input: { token: `fcm-token-${randomUUID()}`, platform: "ANDROID" } },
      owner.token,
    );
    expect(device.data?.registerPushDevice.platform).toBe("ANDROID");
    await confirm(holdId, petId, owner.token);
    const status = await eventually(
      async () =>
        (
          await db.query(
            `SELECT d.status FROM messaging.notification_deliveries d JOIN messaging.notifications n ON n.id = d.notification_id WHERE n.user_id = $1 AND d.channel = 'PUSH'`,
            [owner.user.id],
          )
        ).rows,
      (rows) => rows[0]?.status === "LOGGED",
    );
    expect(status).toEqual([{ status: "LOGGED" }]);
    const bad = await execute(
      stack.gateway.url,
      RegisterPushDeviceDocument,
      { input: { token: "not a token!", platform: "IOS" } },
      owner.token,
    );
    expect(onlyError(bad).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.token" });
    const stranger = (await ownerWithPet(stack)).owner;
    const notMine = await execute(
      stack.gateway.url,
      RemovePushDeviceDocument,
      { input: { deviceId: device.data!.registerPushDevice.id } },
      stranger.token,
    );
    expect(onlyError(notMine).extensions?.code).toBe("NOT_FOUND");
    const removed = await execute(
      stack.gateway.url,
      RemovePushDeviceDocument,
      { input: { deviceId: device.data!.registerPushDevice.id } },
      owner.token,
    );
    expect(removed.data?.removePushDevice.id).toBe(device.data!.registerPushDevice.id);
  });
});
