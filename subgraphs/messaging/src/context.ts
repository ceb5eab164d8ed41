import DataLoader from "dataloader";
import { groupLoader, pageLoader, rowLoader, type BaseContext } from "@pawgraph/subgraph-kit";
import type { AttachmentRepository, AttachmentRow } from "./attachment/attachment.repository";
import type { ConversationEntity } from "./conversation/conversation.entity";
import type { ConversationRepository } from "./conversation/conversation.repository";
import type { MessagePageLoader, MessageRepository } from "./message/message.repository";

/**
 * Per-request (or per-subscription) context of the messaging subgraph: the kit's base context (viewer,
 * request id, log) and fresh DataLoaders, nothing else. Services and resolvers get their collaborators
 * by constructor in `app.ts` (docs/decisions/0028), so this file imports no service.
 */
export interface MessagingContext extends BaseContext {
  loaders: {
    unread: DataLoader<string, number>;
    conversation: DataLoader<string, ConversationEntity | null>;
    attachments: DataLoader<string, AttachmentRow[]>;
    /** One page of messages per conversation (`Conversation.messages` on a list of conversations). */
    messagePage: MessagePageLoader;
  };
}

/** The repositories the loaders read through; the composition root hands them in. */
export interface MessagingLoaderSources {
  conversations: Pick<ConversationRepository, "unreadFor" | "byIds">;
  messages: Pick<MessageRepository, "pages">;
  attachments: Pick<AttachmentRepository, "byMessageIds">;
}

/** The loaders read through `sources`; the context does not keep them. */
export function createMessagingContext(
  base: BaseContext,
  { conversations, messages, attachments }: MessagingLoaderSources,
): MessagingContext {
  return {
    ...base,
    loaders: {
      unread: new DataLoader<string, number>(
        async (ids) => {
          if (!base.viewer) return ids.map(() => 0);
          const rows = await conversations.unreadFor(base.viewer.userId, ids);
          const byId = new Map(rows.map((r) => [r.conversation_id, r.unread]));
          return ids.map((id) => byId.get(id) ?? 0);
          // A subscription keeps its context for every event it delivers: counts must not be cached.
        },
        { cache: false },
      ),
      conversation: rowLoader(
        (ids) => conversations.byIds(ids),
        (row) => row.id,
      ),
      attachments: groupLoader(
        (ids) => attachments.byMessageIds(ids),
        (row) => row.message_id!,
      ),
      messagePage: pageLoader(
        (ids, page) => messages.pages(ids, page),
        (row) => row.conversationId,
      ),
    },
  };
}
