import DataLoader from "dataloader";
import type { BaseContext, SubgraphClient } from "@pawgraph/subgraph-kit";
import type { ConversationService } from "./conversation/conversation.service";

export interface MessagingServices {
  pets: SubgraphClient;
  conversations: ConversationService;
}

/** Per-request context of the messaging subgraph. */
export interface MessagingContext extends BaseContext {
  services: MessagingServices;
  loaders: { unread: DataLoader<string, number> };
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
      }),
    },
  };
}
