import { Repeater, type PubSub } from "@pawgraph/subgraph-kit";
import type { ConversationEntity } from "../conversation/conversation.entity";
import type { Conversation } from "../conversation/conversation.type";
import { toConversation } from "../conversation/conversation.mapper";
import { toMessage } from "../message/message.mapper";
import type { MessageEntity } from "../message/message.entity";
import type { Message } from "../message/message.type";
import type { Notification } from "../notification/notification.type";

/**
 * A GraphQL object as it comes out of the pub/sub: in-process it is the object itself, through Redis
 * it is its JSON, so dates arrive as ISO strings. `revive*` turn it back into the object.
 */
export type Wire<T> = { [K in keyof T]: T[K] extends Date ? Date | string : T[K] };

/** Topics of messaging's subscriptions: `[id the subscriber listens on, payload]`. */
export type RealtimeTopics = {
  "message-added": [conversationId: string, payload: { message: Wire<Message>; conversation: Wire<Conversation> }];
  /** A message edited or deleted by its sender. */
  "message-updated": [conversationId: string, payload: { message: Wire<Message>; conversation: Wire<Conversation> }];
  /** Audience: `user:<id>` (the owner, or whoever read it) or `clinic:<id>` (its staff). */
  "conversation-updated": [audience: string, payload: Wire<Conversation>];
  "notification-added": [userId: string, payload: Wire<Notification>];
};

export function reviveConversation(wire: Wire<Conversation>): Conversation {
  return { ...wire, lastMessageAt: new Date(wire.lastMessageAt), createdAt: new Date(wire.createdAt) };
}

/** The message with the conversation as it was when it went out, so `Message.conversation` needs no lookup. */
export function reviveMessage(wire: Wire<Message>, conversation: Wire<Conversation>): Message {
  return { ...wire, sentAt: new Date(wire.sentAt), conversationSnapshot: reviveConversation(conversation) };
}

export function reviveNotification(wire: Wire<Notification>): Notification {
  return { ...wire, createdAt: new Date(wire.createdAt) };
}

/**
 * Publishes what happened in messaging to live subscribers (through Redis to every instance when it
 * is configured). Payloads are the GraphQL objects the queries return. Publishing happens after the
 * change committed; a subscriber that was offline reads the same facts from the queries.
 */
export class MessagingRealtime {
  constructor(readonly pubSub: PubSub<RealtimeTopics>) {}

  messageAdded(message: MessageEntity, conversation: ConversationEntity): void {
    this.pubSub.publish("message-added", conversation.id, {
      message: toMessage(message),
      conversation: toConversation(conversation),
    });
    this.conversationUpdated(conversation);
  }

  messageUpdated(message: MessageEntity, conversation: ConversationEntity): void {
    this.pubSub.publish("message-updated", conversation.id, {
      message: toMessage(message),
      conversation: toConversation(conversation),
    });
  }

  /** Tells the owner and the clinic's staff (or only `onlyUserId`, e.g. after a read receipt). */
  conversationUpdated(conversation: ConversationEntity, onlyUserId?: string): void {
    const payload = toConversation(conversation);
    const audiences = onlyUserId
      ? [`user:${onlyUserId}`]
      : [`user:${conversation.ownerId}`, `clinic:${conversation.clinicId}`];
    for (const audience of audiences) this.pubSub.publish("conversation-updated", audience, payload);
  }

  notificationAdded(userId: string, notification: Notification): void {
    this.pubSub.publish("notification-added", userId, notification);
  }

  messagesIn(conversationId: string) {
    return this.pubSub.subscribe("message-added", conversationId);
  }

  changesIn(conversationId: string) {
    return this.pubSub.subscribe("message-updated", conversationId);
  }

  /** Updates for every audience the subscriber belongs to, as one stream. */
  conversationsOf(audiences: string[]) {
    return Repeater.merge(audiences.map((audience) => this.pubSub.subscribe("conversation-updated", audience)));
  }

  notificationsOf(userId: string) {
    return this.pubSub.subscribe("notification-added", userId);
  }
}
