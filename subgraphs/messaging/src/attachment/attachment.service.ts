import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { BadUserInputError, NotFoundError, toHttpHeaders, type BaseContext, type FileStore } from "@pawgraph/subgraph-kit";
import type { RequestMessageAttachmentUploadInput } from "./attachment.inputs";
import type { MessageAttachmentUpload } from "./attachment.type";

/** A row of `messaging.attachments`. */
export interface AttachmentRow {
  id: string;
  conversation_id: string;
  message_id: string | null;
  uploaded_by: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  storage_key: string;
}

/**
 * Files in chats, the ehr way: the subgraph signs an upload URL for a participant, the bytes go
 * straight to storage, and `sendMessage` attaches what arrived (checked against the declared size
 * and type) to the new message. Downloads are signed per read and only for participants.
 */
export class MessageAttachmentService {
  constructor(
    private readonly db: DataSource,
    /** ConversationService.participating: the viewer's conversation or NOT_FOUND. */
    private readonly participating: (ctx: BaseContext, conversationId: string) => Promise<{ conversation: { id: string }; viewer: { userId: string } }>,
    private readonly store: FileStore,
    private readonly maxBytes: number,
  ) {}

  async requestUpload(ctx: BaseContext, input: RequestMessageAttachmentUploadInput): Promise<MessageAttachmentUpload> {
    if (input.sizeBytes > this.maxBytes) throw new BadUserInputError("input.sizeBytes", `must be at most ${this.maxBytes} bytes`);
    const { conversation, viewer } = await this.participating(ctx, input.conversationId);
    const id = randomUUID();
    const storageKey = `conversations/${conversation.id}/${id}`;
    await this.db.query(
      `INSERT INTO messaging.attachments (id, conversation_id, uploaded_by, file_name, content_type, size_bytes, storage_key) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, conversation.id, viewer.userId, input.fileName.trim(), input.contentType, input.sizeBytes, storageKey],
    );
    const target = await this.store.presignUpload(storageKey, input.contentType, input.sizeBytes, 900);
    return { attachmentId: id, url: target.url, method: target.method, headers: toHttpHeaders(target.headers), expiresAt: target.expiresAt };
  }

  /**
   * Attaches uploaded files to a new message in the sender's transaction. Each must be the sender's,
   * in this conversation, not yet sent, and present in storage as declared.
   */
  async attach(tx: EntityManager, conversationId: string, senderId: string, messageId: string, attachmentIds: string[]): Promise<void> {
    for (const [i, id] of attachmentIds.entries()) {
      const field = `input.attachmentIds.${i}`;
      const rows: AttachmentRow[] = await tx.query(`SELECT * FROM messaging.attachments WHERE id = $1 FOR UPDATE`, [id]);
      const row = rows[0];
      // A file of another conversation is NOT_FOUND (the sender may not know it exists); another
      // participant's file in this conversation is theirs to send.
      if (!row || row.conversation_id !== conversationId) throw new NotFoundError("Attachment", field);
      if (row.uploaded_by !== senderId) throw new BadUserInputError(field, "No such upload of yours in this conversation");
      if (row.message_id) throw new BadUserInputError(field, "This file was already sent");
      const stored = await this.store.stat(row.storage_key);
      if (!stored) throw new BadUserInputError(field, "The file has not been uploaded yet");
      if (stored.sizeBytes !== row.size_bytes || (stored.contentType && stored.contentType !== row.content_type)) {
        throw new BadUserInputError(field, "The uploaded file does not match the declared size and type");
      }
      await tx.query(`UPDATE messaging.attachments SET message_id = $2 WHERE id = $1`, [id, messageId]);
    }
  }

  byMessageIds(messageIds: readonly string[]): Promise<AttachmentRow[]> {
    return this.db.query(`SELECT * FROM messaging.attachments WHERE message_id = ANY($1::uuid[]) ORDER BY created_at`, [[...messageIds]]);
  }

  async downloadUrl(row: AttachmentRow): Promise<string> {
    return (await this.store.presignDownload(row.storage_key, row.file_name, 300)).url;
  }
}
