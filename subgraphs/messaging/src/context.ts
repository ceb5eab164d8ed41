import DataLoader from "dataloader";
import { groupLoader, rowLoader, type BaseContext, type SubgraphClient } from "@pawgraph/subgraph-kit";
import type { AttachmentRow, MessageAttachmentService } from "./attachment/attachment.service";
import type { ConversationEntity } from "./conversation/conversation.entity";
import type { ConversationService } from "./conversation/conversation.service";
import type { NotificationService } from "./notification/notification.service";
import type { MessagingRealtime } from "./realtime/realtime";

export interface MessagingServices {
  pets: SubgraphClient;
  conversations: ConversationService;
  realtime: MessagingRealtime;
  notifications: NotificationService;
  attachments: MessageAttachmentService;
}

/** Per-request (or per-subscription) context of the messaging subgraph. */
export interface MessagingContext extends BaseContext {
  services: MessagingServices;
  loaders: { unread: DataLoader<string, number>; conversation: DataLoader<string, ConversationEntity | null>; attachments: DataLoader<string, AttachmentRow[]> };
}

export function createMessagingContext(base: BaseContext, services: MessagingServices): MessagingContext {
  return {
    ...base,
    services,
    loaders: {
      unread: new DataLoader<string, number>(async (ids) => {
        if (!base.viewer) return ids.map(() => 0);
        const rows = await services.conversations.unreadFor(base.viewer.userId, ids);
        const byId = new Map(rows.map((r) => [r.conversation_id, r.unread]));
        return ids.map((id) => byId.get(id) ?? 0);
        // A subscription keeps its context for every event it delivers: counts must not be cached.
      }, { cache: false }),
      conversation: rowLoader((ids) => services.conversations.byIds(ids), (row) => row.id),
      attachments: groupLoader((ids) => services.attachments.byMessageIds(ids), (row) => row.message_id!),
    },
  };
}
