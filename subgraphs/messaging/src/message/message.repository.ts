import type DataLoader from "dataloader";
import type { DataSource, EntityManager } from "typeorm";
import { keyset, type PageKey, type PageQuery } from "@pawgraph/subgraph-kit";
import { ConversationEntity } from "../conversation/conversation.entity";
import { MessageEntity } from "./message.entity";

/** `Conversation.messages`: newest first; the cursor is `[seq]`. */
export const MESSAGE_PAGE = keyset("seq").of((row: MessageEntity) => [row.seq]);
type MessageKey = [seq: string];

/** The per-request loader of one page of messages per conversation (`context.ts`). */
export type MessagePageLoader = DataLoader<PageKey<MessageKey>, MessageEntity[], string>;

/** What the notice of a sent message says, read when the notification consumer plans it. */
export interface SentMessageRow {
  body: string;
  deleted_at: Date | null;
  subject: string;
  pet_id: string | null;
  clinic_id: string;
  owner_id: string;
  attachments: number;
}

/** Queries of `messaging.messages`. */
export class MessageRepository {
  constructor(private readonly db: DataSource) {}

  byId(id: string): Promise<MessageEntity | null> {
    return this.db.getRepository(MessageEntity).findOneBy({ id });
  }

  byIdOrFail(id: string): Promise<MessageEntity> {
    return this.db.getRepository(MessageEntity).findOneByOrFail({ id });
  }

  /**
   * Newest-first pages of many conversations in one statement: a window function numbers each
   * conversation's messages before the cursor, and the first `limit` of each come back.
   */
  pages(conversationIds: readonly string[], { limit, after }: PageQuery<MessageKey>): Promise<MessageEntity[]> {
    return this.db
      .getRepository(MessageEntity)
      .createQueryBuilder("m")
      .where(
        `m.id IN (SELECT ranked.id FROM (
           SELECT r.id, row_number() OVER (PARTITION BY r.conversation_id ORDER BY r.seq DESC) AS n
           FROM messaging.messages r WHERE r.conversation_id = ANY(:conversationIds) ${after ? "AND r.seq < :beforeSeq" : ""}
         ) ranked WHERE ranked.n <= :limit)`,
        { conversationIds: [...conversationIds], beforeSeq: after?.[0], limit },
      )
      .orderBy("m.conversation_id")
      .addOrderBy("m.seq", "DESC")
      .getMany();
  }

  /** Flagged messages waiting for review at a clinic, oldest first. */
  flaggedAt(clinicId: string): Promise<MessageEntity[]> {
    return this.db
      .getRepository(MessageEntity)
      .createQueryBuilder("m")
      .innerJoin(ConversationEntity, "c", "c.id = m.conversation_id")
      .where("c.clinic_id = :id AND m.review_status = 'PENDING'", { id: clinicId })
      .orderBy("m.seq")
      .getMany();
  }

  /** The message, its conversation and how many files it carries; undefined when it does not exist. */
  async sent(manager: EntityManager, messageId: string): Promise<SentMessageRow | undefined> {
    const [row] = (await manager.query(
      `SELECT m.body, m.deleted_at, c.subject, c.pet_id, c.clinic_id, c.owner_id,
              (SELECT count(*)::int FROM messaging.attachments a WHERE a.message_id = m.id) AS attachments
       FROM messaging.messages m JOIN messaging.conversations c ON c.id = m.conversation_id WHERE m.id = $1`,
      [messageId],
    )) as SentMessageRow[];
    return row;
  }
}
