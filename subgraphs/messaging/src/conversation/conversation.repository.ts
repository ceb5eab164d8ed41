import { In, type DataSource, type EntityManager } from "typeorm";
import { keyset, type PageQuery } from "@pawgraph/subgraph-kit";
import { ConversationEntity } from "./conversation.entity";

/** `myConversations`: most recent message first, ties by id; the cursor is `[lastMessageAt ISO, id]`. */
export const CONVERSATION_PAGE = keyset("date", "uuid").of((row: ConversationEntity) => [row.lastMessageAt, row.id]);
type ConversationKey = ReturnType<typeof CONVERSATION_PAGE.keyOf>;

/** Whose conversations a page lists: one clinic's, or a user's own and their clinics'. */
export type ConversationScope = { clinicId: string } | { userId: string; clinicIds: string[] };

export interface UnreadRow {
  conversation_id: string;
  unread: number;
}

/** Queries of `messaging.conversations` and `messaging.read_receipts`. */
export class ConversationRepository {
  constructor(private readonly db: DataSource) {}

  byId(id: string): Promise<ConversationEntity | null> {
    return this.db.getRepository(ConversationEntity).findOneBy({ id });
  }

  byIdOrFail(id: string): Promise<ConversationEntity> {
    return this.db.getRepository(ConversationEntity).findOneByOrFail({ id });
  }

  byIds(ids: readonly string[]): Promise<ConversationEntity[]> {
    return this.db.getRepository(ConversationEntity).findBy({ id: In([...ids]) });
  }

  /** Up to `limit` conversations of the scope, most recent first, strictly after `after`. */
  page(scope: ConversationScope, { limit, after }: PageQuery<ConversationKey>): Promise<ConversationEntity[]> {
    const query = this.db.getRepository(ConversationEntity).createQueryBuilder("c");
    if ("clinicId" in scope) query.where("c.clinic_id = :clinicId", { clinicId: scope.clinicId });
    else
      query.where("(c.owner_id = :userId OR c.clinic_id = ANY(:clinics))", {
        userId: scope.userId,
        clinics: scope.clinicIds,
      });
    if (after) query.andWhere("(c.last_message_at, c.id) < (:at, :id)", { at: after[0].toISOString(), id: after[1] });
    return query.orderBy("c.last_message_at", "DESC").addOrderBy("c.id", "DESC").limit(limit).getMany();
  }

  /** Unread messages per conversation for the user (messages from others after their receipt). */
  unreadFor(userId: string, conversationIds: readonly string[]): Promise<UnreadRow[]> {
    return this.db.query(
      `SELECT c.id AS conversation_id, count(m.id)::int AS unread
       FROM messaging.conversations c
       LEFT JOIN messaging.read_receipts r ON r.conversation_id = c.id AND r.user_id = $1
       LEFT JOIN messaging.messages m ON m.conversation_id = c.id AND m.seq > coalesce(r.last_read_seq, 0) AND m.sender_id <> $1 AND m.deleted_at IS NULL
       WHERE c.id = ANY($2::uuid[]) GROUP BY c.id`,
      [userId, conversationIds],
    );
  }

  /** A new message is the conversation's latest. */
  async bumpLastMessage(manager: EntityManager, conversationId: string, seq: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE messaging.conversations SET last_message_seq = $2, last_message_at = $3 WHERE id = $1`,
      [conversationId, seq, at],
    );
  }

  /** The sender has read everything up to their own message. */
  async readUpTo(manager: EntityManager, conversationId: string, userId: string, seq: string): Promise<void> {
    await manager.query(
      `INSERT INTO messaging.read_receipts (conversation_id, user_id, last_read_seq) VALUES ($1, $2, $3)
       ON CONFLICT (conversation_id, user_id) DO UPDATE SET last_read_seq = EXCLUDED.last_read_seq, read_at = now()`,
      [conversationId, userId, seq],
    );
  }

  /** A read receipt never moves back: a late one for an older message keeps the newer receipt. */
  async readAtLeast(manager: EntityManager, conversationId: string, userId: string, seq: string): Promise<void> {
    await manager.query(
      `INSERT INTO messaging.read_receipts (conversation_id, user_id, last_read_seq) VALUES ($1, $2, $3)
       ON CONFLICT (conversation_id, user_id) DO UPDATE SET last_read_seq = GREATEST(read_receipts.last_read_seq, EXCLUDED.last_read_seq), read_at = now()`,
      [conversationId, userId, seq],
    );
  }
}
