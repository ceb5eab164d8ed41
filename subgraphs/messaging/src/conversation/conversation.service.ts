import type { DataSource, EntityManager } from "typeorm";
import {
  BadUserInputError,
  ForbiddenError,
  moderate,
  NotFoundError,
  paginate,
  parseId,
  requireViewer,
  writeEvent,
  type BaseContext,
  type Connection,
  type ConnectionArgs,
  SubgraphCallError,
  type SubgraphClient,
} from "@pawgraph/subgraph-kit";
import { isClinicAdmin, sideOf, staffClinics } from "../access/participation";
import type { ClinicRegistry } from "../clinic/clinic-registry";
import { MessageEntity } from "../message/message.entity";
import { toMessage } from "../message/message.mapper";
import { MESSAGE_PAGE, type MessagePageLoader, type MessageRepository } from "../message/message.repository";
import type { Message } from "../message/message.type";
import { CONVERSATION_STARTED, MESSAGE_SENT, MESSAGING_SCHEMA } from "../events";
import type { MessageAttachmentService } from "../attachment/attachment.service";
import type { NotificationService } from "../notification/notification.service";
import type { MessagingRealtime } from "../realtime/realtime";
import { ConversationEntity } from "./conversation.entity";
import type { ConversationFilter, StartConversationInput } from "./conversation.inputs";
import { toConversation } from "./conversation.mapper";
import { CONVERSATION_PAGE, type ConversationRepository, type ConversationScope } from "./conversation.repository";
import type { Conversation, UnreadSummary } from "./conversation.type";

/** `unreadMessages` counts over this many of the viewer's most recent conversations (the schema says so). */
const UNREAD_SUMMARY_CONVERSATIONS = 100;

/**
 * Conversations and messages: who takes part (the owner, and the staff of the clinic), moderation
 * before storing, read receipts and unread counts. Every message is announced (`message.sent`).
 */
export class ConversationService {
  constructor(
    private readonly db: DataSource,
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
    private readonly pets: SubgraphClient,
    private readonly bookings: SubgraphClient,
    private readonly clinics: ClinicRegistry,
    private readonly realtime: MessagingRealtime,
    private readonly attachments: MessageAttachmentService,
    private readonly notifications: NotificationService,
  ) {}

  /** A conversation the viewer takes part in; NOT_FOUND for everyone else. */
  async participating(ctx: BaseContext, conversationId: string, field = "input.conversationId") {
    const viewer = requireViewer(ctx.viewer);
    const conversation = await this.conversations.byId(parseId(conversationId, field));
    const side = conversation ? sideOf(viewer, conversation) : null;
    if (!conversation || !side) throw new NotFoundError("Conversation", field);
    return { conversation, side, viewer };
  }

  async start(ctx: BaseContext, input: StartConversationInput): Promise<ConversationEntity> {
    const viewer = requireViewer(ctx.viewer);
    const clinicId = parseId(input.clinicId, "input.clinicId");
    const bookingId = input.bookingId ? parseId(input.bookingId, "input.bookingId") : null;
    // Only approved clinics are written to; the other checks then run on a clinic that exists.
    await this.clinics.requireApproved(ctx, clinicId, "input.clinicId");
    const booked = bookingId ? await this.ownBookingAt(ctx, bookingId, clinicId) : null;
    const petId = input.petId ? await this.ownedPet(ctx, input.petId) : (booked?.petId ?? null);
    const { conversation, message } = await this.db.transaction(async (tx) => {
      const repository = tx.getRepository(ConversationEntity);
      const created = await repository.save(
        repository.create({
          ownerId: viewer.userId,
          clinicId,
          petId,
          bookingId,
          subject: input.subject.trim(),
          lastMessageAt: new Date(),
        }),
      );
      // pets shows the pet to the clinic's staff from this event (its profile, not its record).
      const started = { conversationId: created.id, ownerId: viewer.userId, clinicId, petId, bookingId };
      await writeEvent(tx, MESSAGING_SCHEMA, CONVERSATION_STARTED.create(created.id, started));
      const first = await this.insertMessage(tx, created, viewer.userId, "OWNER", input.text);
      return { conversation: await repository.findOneByOrFail({ id: created.id }), message: first };
    });
    this.realtime.messageAdded(message, conversation);
    return conversation;
  }

  /**
   * A pet the viewer owns (asked of pets with their token). A conversation about a pet opens it to
   * the clinic, which only owners may do (docs/decisions/0020): carers, who know the pet exists, get
   * FORBIDDEN; everyone else NOT_FOUND.
   */
  private async ownedPet(ctx: BaseContext, petId: string): Promise<string> {
    const id = parseId(petId, "input.petId");
    const answer = await this.pets.query<{ pets: ({ myRelationship: string } | null)[] }>(
      ctx,
      `query($ids: [ID!]!) { pets(ids: $ids) { myRelationship } }`,
      { ids: [id] },
    );
    const relationship = answer.pets[0]?.myRelationship;
    if (relationship === "CARER")
      throw new ForbiddenError("Only the pet's owners can open it to a clinic; write without the pet or ask an owner");
    if (relationship !== "OWNER") throw new NotFoundError("Pet", "input.petId");
    return id;
  }

  /** The viewer's own booking at this clinic (asked of bookings with their token); NOT_FOUND otherwise. */
  private async ownBookingAt(ctx: BaseContext, bookingId: string, clinicId: string): Promise<{ petId: string | null }> {
    const viewer = requireViewer(ctx.viewer);
    const answer = await this.bookings
      .query<{ booking: { clinic: { id: string }; owner: { id: string }; pet: { id: string } | null } }>(
        ctx,
        `query($id: ID!) { booking(id: $id) { clinic { id } owner { id } pet { id } } }`,
        { id: bookingId },
      )
      .catch((error: unknown) => {
        // bookings' NOT_FOUND is an answer; bookings being down is not (it stays an error: SERVICE_UNAVAILABLE).
        if (error instanceof SubgraphCallError && error.codes.includes("NOT_FOUND")) return null;
        throw error;
      });
    const booking = answer?.booking;
    if (!booking || booking.owner.id !== viewer.userId || booking.clinic.id !== clinicId)
      throw new NotFoundError("Booking", "input.bookingId");
    return { petId: booking.pet?.id ?? null };
  }

  async send(
    ctx: BaseContext,
    conversationId: string,
    text: string | null | undefined,
    attachmentIds: string[] = [],
  ): Promise<MessageEntity> {
    if (!text?.trim() && !attachmentIds.length)
      throw new BadUserInputError("input.text", "Send some text, a file, or both");
    const ids = attachmentIds.map((id, i) => parseId(id, `input.attachmentIds.${i}`));
    if (new Set(ids).size !== ids.length)
      throw new BadUserInputError("input.attachmentIds", "Each file can be sent once");
    const { conversation, side, viewer } = await this.participating(ctx, conversationId);
    const message = await this.db.transaction(async (tx) => {
      const inserted = await this.insertMessage(tx, conversation, viewer.userId, side, text ?? "");
      await this.attachments.attach(tx, conversation.id, viewer.userId, inserted.id, ids);
      return inserted;
    });
    this.realtime.messageAdded(message, {
      ...conversation,
      lastMessageAt: message.createdAt,
      lastMessageSeq: message.seq,
    });
    return message;
  }

  async edit(ctx: BaseContext, messageId: string, text: string): Promise<MessageEntity> {
    const { message, conversation } = await this.ownMessage(ctx, messageId);
    const moderated = moderate(text.trim());
    await this.db.transaction(async (tx) => {
      await tx.getRepository(MessageEntity).update(message.id, {
        body: moderated.text,
        masked: moderated.masked,
        // Waiting for review, it keeps why it was flagged: an edit does not take it out of the admins' queue unexplained.
        flagReasons:
          message.reviewStatus === "PENDING"
            ? [...new Set([...message.flagReasons, ...moderated.flagReasons])]
            : moderated.flagReasons,
        reviewStatus: moderated.flagReasons.length ? "PENDING" : message.reviewStatus,
        editedAt: new Date(),
      });
      await this.notifications.reviseMessage(tx, message.id, conversation.subject, moderated.text);
    });
    return this.changed(message.id, conversation);
  }

  async remove(ctx: BaseContext, messageId: string): Promise<MessageEntity> {
    const { message, conversation } = await this.ownMessage(ctx, messageId);
    await this.db.transaction(async (tx) => {
      await tx.getRepository(MessageEntity).update(message.id, { deletedAt: new Date() });
      await this.notifications.withdrawMessage(tx, message.id, conversation.subject);
    });
    return this.changed(message.id, conversation);
  }

  /** The message as changed, told to the conversation's live subscribers. */
  private async changed(messageId: string, conversation: ConversationEntity): Promise<MessageEntity> {
    const message = await this.messages.byIdOrFail(messageId);
    this.realtime.messageUpdated(message, conversation);
    return message;
  }

  /** Read receipt: everything up to the newest message counts as read for the viewer. */
  async markRead(ctx: BaseContext, conversationId: string): Promise<ConversationEntity> {
    const { conversation, viewer } = await this.participating(ctx, conversationId);
    await this.db.transaction(async (tx) => {
      await this.conversations.readAtLeast(tx, conversation.id, viewer.userId, conversation.lastMessageSeq);
      await this.notifications.markConversationRead(tx, viewer.userId, conversation.id);
    });
    this.realtime.conversationUpdated(conversation, viewer.userId);
    return conversation;
  }

  /** How many messages the viewer has not read, and in how many conversations (the most recent ones). */
  async unreadSummary(ctx: BaseContext): Promise<UnreadSummary> {
    const viewer = requireViewer(ctx.viewer);
    const conversations = await this.conversations.page(this.scopeOf(ctx, null), {
      limit: UNREAD_SUMMARY_CONVERSATIONS,
      after: undefined,
    });
    const counts = await this.conversations.unreadFor(
      viewer.userId,
      conversations.map((c) => c.id),
    );
    return {
      messages: counts.reduce((sum, c) => sum + c.unread, 0),
      conversations: counts.filter((c) => c.unread > 0).length,
    };
  }

  /** The viewer's conversations (as owner and as staff of their clinics, or at one of their clinics), most recent first. */
  mine(ctx: BaseContext, args: ConnectionArgs, filter: ConversationFilter | null): Promise<Connection<Conversation>> {
    return paginate(args, {
      keyset: CONVERSATION_PAGE,
      fetch: (page) =>
        this.conversations.page(
          this.scopeOf(ctx, filter?.clinicId ? parseId(filter.clinicId, "filter.clinicId") : null),
          page,
        ),
      map: toConversation,
    });
  }

  private scopeOf(ctx: BaseContext, clinicId: string | null): ConversationScope {
    const viewer = requireViewer(ctx.viewer);
    const clinicIds = staffClinics(viewer);
    if (!clinicId) return { userId: viewer.userId, clinicIds };
    if (!clinicIds.includes(clinicId)) throw new ForbiddenError("You do not work at this clinic");
    return { clinicId };
  }

  /** A page of a conversation's messages, newest first, through the request's page loader (one statement for every conversation asked). */
  messagesOf(conversationId: string, args: ConnectionArgs, pages: MessagePageLoader): Promise<Connection<Message>> {
    return paginate(args, {
      keyset: MESSAGE_PAGE,
      fetch: (page) => {
        const key = { parentId: conversationId, ...page };
        const rows = pages.load(key);
        // Batched, never cached: a subscription keeps its context, loaders included, for every event it delivers.
        pages.clear(key);
        return rows;
      },
      map: toMessage,
    });
  }

  /** Flagged messages waiting for review at a clinic (its admins). */
  async flagged(ctx: BaseContext, clinicId: string): Promise<MessageEntity[]> {
    const id = parseId(clinicId, "clinicId");
    if (!isClinicAdmin(requireViewer(ctx.viewer), id))
      throw new ForbiddenError("Only the clinic's admins review flagged messages");
    return this.messages.flaggedAt(id);
  }

  async review(ctx: BaseContext, messageId: string, action: "CLEAR" | "REMOVE"): Promise<MessageEntity> {
    const viewer = requireViewer(ctx.viewer);
    const message = await this.messages.byId(parseId(messageId, "input.messageId"));
    const conversation = message && (await this.conversations.byId(message.conversationId));
    if (!message || !conversation || !isClinicAdmin(viewer, conversation.clinicId))
      throw new NotFoundError("Message", "input.messageId");
    if (message.reviewStatus !== "PENDING")
      throw new BadUserInputError("input.messageId", "This message is not waiting for review");
    await this.db.transaction(async (tx) => {
      await tx.getRepository(MessageEntity).update(message.id, {
        reviewStatus: action === "CLEAR" ? "CLEARED" : "REMOVED",
        reviewedBy: viewer.userId,
        ...(action === "REMOVE" ? { deletedAt: new Date() } : {}),
      });
      if (action === "REMOVE") await this.notifications.withdrawMessage(tx, message.id, conversation.subject);
    });
    return this.messages.byIdOrFail(message.id);
  }

  /** The viewer's own message and its conversation; NOT_FOUND outside the conversation, FORBIDDEN for others' messages. */
  private async ownMessage(
    ctx: BaseContext,
    messageId: string,
  ): Promise<{ message: MessageEntity; conversation: ConversationEntity }> {
    const viewer = requireViewer(ctx.viewer);
    const message = await this.messages.byId(parseId(messageId, "input.messageId"));
    if (!message) throw new NotFoundError("Message", "input.messageId");
    const conversation = await this.conversations.byIdOrFail(message.conversationId);
    if (message.senderId !== viewer.userId) {
      if (!sideOf(viewer, conversation)) throw new NotFoundError("Message", "input.messageId");
      throw new ForbiddenError("Only the sender can change a message");
    }
    if (message.deletedAt) throw new BadUserInputError("input.messageId", "The message was deleted");
    return { message, conversation };
  }

  /** Moderates, stores and announces one message; bumps the conversation in the same transaction. */
  private async insertMessage(
    tx: EntityManager,
    conversation: ConversationEntity,
    senderId: string,
    side: "OWNER" | "CLINIC",
    text: string,
  ): Promise<MessageEntity> {
    const moderated = moderate(text.trim());
    const repository = tx.getRepository(MessageEntity);
    const saved = await repository.save(
      repository.create({
        conversationId: conversation.id,
        senderId,
        senderSide: side,
        body: moderated.text,
        masked: moderated.masked,
        flagReasons: moderated.flagReasons,
        reviewStatus: moderated.flagReasons.length ? "PENDING" : null,
      }),
    );
    const message = await repository.findOneByOrFail({ id: saved.id });
    await this.conversations.bumpLastMessage(tx, conversation.id, message.seq, message.createdAt);
    await this.conversations.readUpTo(tx, conversation.id, senderId, message.seq);
    await this.notifications.markConversationRead(tx, senderId, conversation.id);
    // messaging's notification consumer tells the other side (MESSAGE_RECEIVED).
    const sent = {
      messageId: message.id,
      conversationId: conversation.id,
      clinicId: conversation.clinicId,
      ownerId: conversation.ownerId,
      senderId,
      senderSide: side,
      flagged: moderated.flagReasons.length > 0,
    };
    await writeEvent(tx, MESSAGING_SCHEMA, MESSAGE_SENT.create(conversation.id, sent));
    return message;
  }
}
