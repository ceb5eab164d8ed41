import { openSubgraphDatabase, type Logger, type SubgraphDatabase } from "@pawgraph/subgraph-kit";
import { ConversationEntity } from "./conversation/conversation.entity";
import { MessageEntity } from "./message/message.entity";
import { Initial1764700000000 } from "./migrations/1764700000000-initial";
import { Notifications1764800000000 } from "./migrations/1764800000000-notifications";
import { Attachments1764900000000 } from "./migrations/1764900000000-attachments";
import { MessageNotifications1765000000000 } from "./migrations/1765000000000-message-notifications";
import { AccountEmails1765200000000 } from "./migrations/1765200000000-account-emails";

/** messaging's tables live in the Postgres schema "messaging". */
export function openMessagingDatabase(url: string, log: Logger): Promise<SubgraphDatabase> {
  return openSubgraphDatabase({
    schema: "messaging",
    url,
    log,
    entities: [ConversationEntity, MessageEntity],
    migrations: [
      Initial1764700000000,
      Notifications1764800000000,
      Attachments1764900000000,
      MessageNotifications1765000000000,
      AccountEmails1765200000000,
    ],
  });
}
