import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { PUBLISHED_EVENTS as IDENTITY_EVENTS } from "@pawgraph/identity";
import {
  createLogger,
  ERASURE_DUE_CONTRACT,
  EXPORT_REQUESTED_CONTRACT,
  exportPartKey,
  openEventDataSource,
  openPrivacyFileStore,
  writeEvent,
  type EventContract,
  type NewDomainEvent,
} from "@pawgraph/subgraph-kit";
import {
  NotificationPreferencesDocument,
  NotificationsDocument,
  UpdateNotificationPreferencesDocument,
} from "../clients/__generated__/graphql";
import { eventually, execute, onlyError, registerUser, startStack, type Stack } from "./harness";
import { mailSubject, mailText, startSmtpServer } from "./smtp";

/**
 * identity's privacy events reach the person through messaging: written to identity's outbox with
 * identity's own contracts (as its privacy service will write them), published by identity's relay,
 * queued by messaging's consumer as an account email (SMTP) and an in-app notice (the gateway). And
 * messaging's own share of a privacy request: its export part and its erasure, each answered in its
 * outbox. Its own database and event stream, so no other file's events are in the way.
 */
let stack: Stack;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let identity: DataSource;

beforeAll(async () => {
  smtp = await startSmtpServer();
  stack = await startStack({
    ownDatabase: true,
    messaging: { smtpUrl: smtp.url, consumeEvents: true, deliveryEnabled: true },
    // messaging takes its part in privacy requests (and so does every other subgraph).
    privacy: {},
  });
  identity = await openEventDataSource(stack.databaseUrl, "identity", createLogger("test-identity-outbox"));
});
afterAll(async () => {
  await identity.destroy();
  await stack.stop();
  await smtp.stop();
});

// identity's own contracts: `create` checks each payload as identity's services have it checked.
const identityEvent = (name: string): EventContract => IDENTITY_EVENTS.find((event) => event.name === name)!;
const DATA_EXPORT_READY = identityEvent("privacy.export_ready");
const ACCOUNT_DELETION_SCHEDULED = identityEvent("privacy.account_deletion_scheduled");

const inIdentityOutbox = (event: NewDomainEvent) => identity.transaction((tx) => writeEvent(tx, "identity", event));

async function notificationsOf(token: string) {
  const result = await execute(stack.gateway.url, NotificationsDocument, {}, token);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const mailTo = (email: string, subject: string) =>
  smtp.waitFor((m) => m.to.includes(email) && mailSubject(m) === subject, 15_000).then(mailText);

/** The payload of messaging's answer (`privacy.export_part_written` / `erasure_completed`) about `id`, once written. */
const answerInMessagingOutbox = (type: string, field: string, id: string) =>
  eventually(
    async () => {
      const rows: { payload: Record<string, unknown> }[] = await identity.query(
        `SELECT payload FROM messaging.outbox WHERE type = $1 AND payload->>$2 = $3`,
        [type, field, id],
      );
      return rows[0]?.payload;
    },
    (payload) => payload !== undefined,
    15_000,
  );

describe("privacy requests, as messaging tells and takes part", () => {
  it("a ready export is emailed with its link and shown in the app, whatever the person's preferences", async () => {
    const person = await registerUser(stack, "exporter");
    const exportId = randomUUID();
    const downloadUrl = `https://files.pawgraph.test/privacy/exports/${exportId}/pawgraph-data.zip?sig=s1`;
    await inIdentityOutbox(
      DATA_EXPORT_READY.create(exportId, {
        exportId,
        userId: person.user.id,
        email: person.email,
        displayName: "Maria",
        downloadUrl,
        linkExpiresAt: "2026-12-03T15:00:00.000Z",
        availableUntil: "2026-12-09T15:00:00.000Z",
      }),
    );

    const text = await mailTo(person.email, "Your Pawgraph data is ready");
    expect(text).toContain(`Hello Maria,`);
    expect(text).toContain(`\n\n${downloadUrl}\n\n`);
    expect(text).toContain("This link works until 3 Dec 2026, 15:00 UTC");
    expect(text).toContain("The export is deleted on 9 Dec 2026, 15:00 UTC");

    const inbox = await eventually(
      () => notificationsOf(person.token),
      (n) => n.unreadNotificationCount === 1,
    );
    expect(inbox.notifications!.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        type: "DATA_EXPORT_READY",
        title: "Your Pawgraph data is ready",
        body: "We emailed you a link to download it, which works until 3 Dec 2026, 15:00 UTC. The export is deleted on 9 Dec 2026, 15:00 UTC.",
        read: false,
        pet: null,
        bookingId: null,
      }),
    ]);
    // The link is a bearer capability: it went by email only, never into the stored notice.
    expect(JSON.stringify(inbox)).not.toContain("sig=s1");

    // Transactional: not offered as a preference, and refused as one.
    const preferences = await execute(stack.gateway.url, NotificationPreferencesDocument, {}, person.token);
    expect(preferences.data?.notificationPreferences?.map((p) => p.type)).not.toContain("DATA_EXPORT_READY");
    const refused = await execute(
      stack.gateway.url,
      UpdateNotificationPreferencesDocument,
      { input: { preferences: [{ type: "ACCOUNT_DELETION_SCHEDULED", channel: "IN_APP", enabled: false }] } },
      person.token,
    );
    expect(onlyError(refused)).toMatchObject({
      extensions: { code: "BAD_USER_INPUT", field: "input.preferences.0.type" },
    });
  });

  it("a scheduled deletion is emailed and shown with when it happens and how to stop it", async () => {
    const person = await registerUser(stack, "leaver");
    const deletionId = randomUUID();
    await inIdentityOutbox(
      ACCOUNT_DELETION_SCHEDULED.create(deletionId, {
        deletionId,
        userId: person.user.id,
        email: person.email,
        displayName: "Maria",
        erasureDueAt: "2026-12-16T15:00:00.000Z",
      }),
    );

    const text = await mailTo(person.email, "Your Pawgraph account will be deleted");
    expect(text).toContain("On 16 Dec 2026, 15:00 UTC we will delete it together with your data");
    expect(text).toContain("Sign in before then and cancel the deletion in your account settings");

    const inbox = await eventually(
      () => notificationsOf(person.token),
      (n) => n.unreadNotificationCount === 1,
    );
    expect(inbox.notifications!.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        type: "ACCOUNT_DELETION_SCHEDULED",
        title: "Your account will be deleted",
        body: "Your Pawgraph account and its data will be deleted on 16 Dec 2026, 15:00 UTC. To keep it, cancel the deletion in your account settings before then.",
      }),
    ]);
  });

  it("messaging writes its export part to the privacy store and erases its share when due, answering each", async () => {
    const person = await registerUser(stack, "subject");
    const deletionId = randomUUID();
    await inIdentityOutbox(
      ACCOUNT_DELETION_SCHEDULED.create(deletionId, {
        deletionId,
        userId: person.user.id,
        email: person.email,
        displayName: "Maria",
        erasureDueAt: "2026-12-16T15:00:00.000Z",
      }),
    );
    await eventually(
      () => notificationsOf(person.token),
      (n) => n.unreadNotificationCount === 1,
    );

    const exportId = randomUUID();
    const subject = { userId: person.user.id, email: person.email };
    await inIdentityOutbox(EXPORT_REQUESTED_CONTRACT.create(exportId, { exportId, ...subject }));
    const part = await answerInMessagingOutbox("privacy.export_part_written", "exportId", exportId);
    const key = exportPartKey(exportId, "messaging");
    expect(part).toMatchObject({ exportId, subgraph: "messaging", key });
    const privacy = await openPrivacyFileStore("messaging");
    const stream = await privacy.store.read(key);
    const chunks: Buffer[] = [];
    for await (const chunk of stream!) chunks.push(chunk as Buffer);
    const document = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
      tables: Record<string, { rows: Record<string, unknown>[] }>;
    };
    expect(document.tables.notifications!.rows).toEqual([
      expect.objectContaining({ type: "ACCOUNT_DELETION_SCHEDULED", user_id: person.user.id }),
    ]);

    await inIdentityOutbox(ERASURE_DUE_CONTRACT.create(deletionId, { deletionId, ...subject }));
    const erased = await answerInMessagingOutbox("privacy.erasure_completed", "deletionId", deletionId);
    expect(erased).toMatchObject({ deletionId, subgraph: "messaging" });
    expect(erased!.rows).toBeGreaterThanOrEqual(2); // the notice and its account email, at least
    const after = await notificationsOf(person.token);
    expect(after.unreadNotificationCount).toBe(0);
    expect(after.notifications!.edges).toEqual([]);
  });
});
