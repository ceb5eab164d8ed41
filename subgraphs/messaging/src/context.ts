import DataLoader from "dataloader";
import { groupLoader, rowLoader, type BaseContext } from "@pawgraph/subgraph-kit";
import type { AttachmentRow } from "./attachment/attachment.service";
import type { ConversationEntity } from "./conversation/conversation.entity";

/**
 * Per-request (or per-subscription) context of the messaging subgraph: the kit's base context (viewer,
 * request id, log) and fresh DataLoaders, nothing else. Services and resolvers get their collaborators
 * by constructor in `app.ts` (docs/decisions/0028), so this file imports no service.
 */
export interface MessagingContext extends BaseContext {
  loaders: { unread: DataLoader<string, number>; conversation: DataLoader<string, ConversationEntity | null>; attachments: DataLoader<string, AttachmentRow[]> };
}

/** The reads the loaders batch; the composition root hands in the services that answer them. */
export interface MessagingLoaderSources {
  conversations: {
    unreadFor(userId: string, conversationIds: readonly string[]): Promise<{ conversation_id: string; unread: number }[]>;
    byIds(ids: readonly string[]): Promise<ConversationEntity[]>;
  };
  attachments: { byMessageIds(messageIds: readonly string[]): Promise<AttachmentRow[]> };
}

/** The loaders read through `sources`, which the composition root hands in; the context does not keep them. */
export function createMessagingContext(base: BaseContext, { conversations, attachments }: MessagingLoaderSources): MessagingContext {
  return {
    ...base,
    loaders: {
      unread: new DataLoader<string, number>(async (ids) => {
        if (!base.viewer) return ids.map(() => 0);
        const rows = await conversations.unreadFor(base.viewer.userId, ids);
        const byId = new Map(rows.map((r) => [r.conversation_id, r.unread]));
        return ids.map((id) => byId.get(id) ?? 0);
        // A subscription keeps its context for every event it delivers: counts must not be cached.
      }, { cache: false }),
      conversation: rowLoader((ids) => conversations.byIds(ids), (row) => row.id),
      attachments: groupLoader((ids) => attachments.byMessageIds(ids), (row) => row.message_id!),
    },
  };
}
