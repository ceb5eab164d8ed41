import "reflect-metadata";
import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import {
  createLogger,
  encodeCursor,
  type BaseContext,
  type Connection,
  type SqlStatementCounter,
} from "@pawgraph/subgraph-kit";
import { createMessagingContext } from "../src/context";
import { ConversationRepository } from "../src/conversation/conversation.repository";
import { ConversationService } from "../src/conversation/conversation.service";
import { openMessagingDatabase } from "../src/data-source";
import { MessageRepository } from "../src/message/message.repository";
import { NotificationRepository } from "../src/notification/notification.repository";
import { NotificationService } from "../src/notification/notification.service";
import { AttachmentRepository } from "../src/attachment/attachment.repository";
import { createOwnDatabase } from "@pawgraph/subgraph-kit/src/testing/own-database";

// The connections against real Postgres: one page per conversation in one statement, and the
// cursors clients were handed before the kit's paginate() (base64url JSON of the sort key).
const log = createLogger("messaging").child({}, { level: "silent" });
let own: Awaited<ReturnType<typeof createOwnDatabase>>;
let db: DataSource;
let sql: SqlStatementCounter;
let repositories: {
  conversations: ConversationRepository;
  messages: MessageRepository;
  attachments: AttachmentRepository;
};
let conversations: ConversationService;

beforeAll(async () => {
  own = await createOwnDatabase("pages");
  ({ dataSource: db, sql } = await openMessagingDatabase(own.url, log));
  repositories = {
    conversations: new ConversationRepository(db),
    messages: new MessageRepository(db),
    attachments: new AttachmentRepository(db),
  };
  // Paging reads through the repositories only; the other collaborators are never reached here.
  const unused = undefined as never;
  conversations = new ConversationService(
    db,
    repositories.conversations,
    repositories.messages,
    unused,
    unused,
    unused,
    unused,
    unused,
    unused,
  );
});
afterAll(async () => {
  await db?.destroy();
  await own?.drop();
});

function contextOf(userId: string): ReturnType<typeof createMessagingContext> {
  const base: BaseContext = {
    viewer: {
      userId,
      email: "owner@example.com",
      emailVerified: true,
      roles: [],
      memberships: [],
      vendorMemberships: [],
    },
    requestId: randomUUID(),
    log,
    trustedCaller: false,
  };
  return createMessagingContext(base, repositories);
}

/** A conversation of `ownerId` whose last message was `minutesAgo` ago, with `count` messages "1".."count". */
async function buildConversation(ownerId: string, count: number, minutesAgo = 0): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO messaging.conversations (owner_id, clinic_id, subject, last_message_at) VALUES ($1, $2, 'Limping', now() - make_interval(mins => $3)) RETURNING id`,
    [ownerId, randomUUID(), minutesAgo],
  );
  for (let i = 1; i <= count; i++) {
    await db.query(
      `INSERT INTO messaging.messages (conversation_id, sender_id, sender_side, body) VALUES ($1, $2, 'OWNER', $3)`,
      [id, ownerId, String(i)],
    );
  }
  return id as string;
}

/** Follows `endCursor` until the last page; returns every node and every page's edges. */
async function walk<T>(page: (after: string | null) => Promise<Connection<T>>): Promise<Connection<T>[]> {
  const pages: Connection<T>[] = [];
  for (let after: string | null = null; pages.length < 10;) {
    const current = await page(after);
    pages.push(current);
    if (!current.pageInfo.hasNextPage) break;
    after = current.pageInfo.endCursor;
  }
  return pages;
}

describe("Conversation.messages", () => {
  it("loads one page for each conversation of a list in one statement, newest first", async () => {
    const ownerId = randomUUID();
    const ids = [
      await buildConversation(ownerId, 5),
      await buildConversation(ownerId, 3),
      await buildConversation(ownerId, 0),
    ];
    const ctx = contextOf(ownerId);
    sql.take();
    const [five, three, none] = await Promise.all(
      ids.map((id) => conversations.messagesOf(id, { first: 2 }, ctx.loaders.messagePage)),
    );
    expect(sql.take()).toBe(1);
    expect(five!.edges.map((e) => e.node.text)).toEqual(["5", "4"]);
    expect(five!.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(three!.edges.map((e) => e.node.text)).toEqual(["3", "2"]);
    expect(none).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it("walks a conversation page by page with the cursor `[seq]`, and reads again on every call (never a cached page)", async () => {
    const ownerId = randomUUID();
    const id = await buildConversation(ownerId, 5);
    const ctx = contextOf(ownerId);
    const pages = await walk((after) => conversations.messagesOf(id, { first: 2, after }, ctx.loaders.messagePage));
    expect(pages.map((p) => p.edges.map((e) => e.node.text))).toEqual([["5", "4"], ["3", "2"], ["1"]]);
    const seqs: { seq: string }[] = await db.query(
      `SELECT seq FROM messaging.messages WHERE conversation_id = $1 ORDER BY seq DESC`,
      [id],
    );
    expect(pages.flatMap((p) => p.edges.map((e) => e.cursor))).toEqual(seqs.map((row) => encodeCursor([row.seq])));
    await db.query(
      `INSERT INTO messaging.messages (conversation_id, sender_id, sender_side, body) VALUES ($1, $2, 'OWNER', '6')`,
      [id, ownerId],
    );
    const again = await conversations.messagesOf(id, { first: 2 }, ctx.loaders.messagePage);
    expect(again.edges.map((e) => e.node.text)).toEqual(["6", "5"]);
  });

  it("takes a numeric seq as before, and refuses any other cursor as BAD_USER_INPUT on after", async () => {
    const ownerId = randomUUID();
    const id = await buildConversation(ownerId, 3);
    const ctx = contextOf(ownerId);
    const [{ seq }] = await db.query(`SELECT max(seq) AS seq FROM messaging.messages WHERE conversation_id = $1`, [id]);
    const page = await conversations.messagesOf(id, { after: encodeCursor([Number(seq)]) }, ctx.loaders.messagePage);
    expect(page.edges.map((e) => e.node.text)).toEqual(["2", "1"]);
    for (const after of ["garbage", encodeCursor(["12a"]), encodeCursor(["1", "2"]), encodeCursor([-1])]) {
      await expect(conversations.messagesOf(id, { after }, ctx.loaders.messagePage)).rejects.toMatchObject({
        code: "BAD_USER_INPUT",
        field: "after",
      });
    }
  });
});

describe("myConversations", () => {
  it("walks the viewer's conversations, most recent first, with the cursor `[lastMessageAt ISO, id]`", async () => {
    const ownerId = randomUUID();
    const ids = [
      await buildConversation(ownerId, 0, 3),
      await buildConversation(ownerId, 0, 1),
      await buildConversation(ownerId, 0, 2),
    ];
    const ctx = contextOf(ownerId);
    const pages = await walk((after) => conversations.mine(ctx, { first: 2, after }, null));
    expect(pages.map((p) => p.edges.map((e) => e.node.id))).toEqual([[ids[1], ids[2]], [ids[0]]]);
    for (const edge of pages.flatMap((p) => p.edges))
      expect(edge.cursor).toBe(encodeCursor([edge.node.lastMessageAt.toISOString(), edge.node.id]));
    await expect(conversations.mine(ctx, { after: encodeCursor(["yesterday", ids[0]!]) }, null)).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      field: "after",
    });
  });

  it("refuses a clinic the viewer does not work at", async () => {
    await expect(conversations.mine(contextOf(randomUUID()), {}, { clinicId: randomUUID() })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("notifications", () => {
  it("walks the viewer's in-app notifications, newest first, with the cursor `[seq]`", async () => {
    const userId = randomUUID();
    const notifications = new NotificationService(db, new NotificationRepository(db));
    for (const title of ["first", "second", "third"]) {
      await db.query(
        `INSERT INTO messaging.notifications (user_id, type, title, body, source_event_id) VALUES ($1, 'BOOKING_CONFIRMED', $2, '', $3)`,
        [userId, title, randomUUID()],
      );
    }
    const pages = await walk((after) => notifications.page(contextOf(userId), { first: 2, after }, false));
    expect(pages.map((p) => p.edges.map((e) => e.node.title))).toEqual([["third", "second"], ["first"]]);
    const seqs: { seq: string }[] = await db.query(
      `SELECT seq FROM messaging.notifications WHERE user_id = $1 ORDER BY seq DESC`,
      [userId],
    );
    expect(pages.flatMap((p) => p.edges.map((e) => e.cursor))).toEqual(seqs.map((row) => encodeCursor([row.seq])));
    await expect(notifications.page(contextOf(userId), { after: encodeCursor(["x"]) }, false)).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      field: "after",
    });
  });
});

describe("unreadMessages", () => {
  it("counts over the viewer's 100 most recent conversations, as the schema says (it counted 101)", async () => {
    const ownerId = randomUUID();
    for (let i = 0; i < 101; i++) {
      const id = await buildConversation(ownerId, 0, i);
      await db.query(
        `INSERT INTO messaging.messages (conversation_id, sender_id, sender_side, body) VALUES ($1, $2, 'CLINIC', 'Any news?')`,
        [id, randomUUID()],
      );
    }
    expect(await conversations.unreadSummary(contextOf(ownerId))).toEqual({ messages: 100, conversations: 100 });
  });
});
