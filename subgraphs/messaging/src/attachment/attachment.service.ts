import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import {
  BadUserInputError,
  NotFoundError,
  toHttpHeaders,
  type BaseContext,
  type FileStore,
} from "@pawgraph/subgraph-kit";
import type { RequestMessageAttachmentUploadInput } from "./attachment.inputs";
import type { AttachmentRepository, AttachmentRow } from "./attachment.repository";
import type { MessageAttachmentUpload } from "./attachment.type";

/**
 * Files in chats, the ehr way: the subgraph signs an upload URL for a participant, the bytes go
 * straight to storage, and `sendMessage` attaches what arrived (checked against the declared size
 * and type) to the new message. Downloads are signed per read and only for participants.
 */
export class MessageAttachmentService {
  constructor(
    private readonly attachments: AttachmentRepository,
    /** ConversationService.participating: the viewer's conversation or NOT_FOUND. */
    private readonly participating: (
      ctx: BaseContext,
      conversationId: string,
    ) => Promise<{ conversation: { id: string }; viewer: { userId: string } }>,
    private readonly store: FileStore,
    private readonly maxBytes: number,
  ) {}

  async requestUpload(ctx: BaseContext, input: RequestMessageAttachmentUploadInput): Promise<MessageAttachmentUpload> {
    if (input.sizeBytes > this.maxBytes)
      throw new BadUserInputError("input.sizeBytes", `must be at most ${this.maxBytes} bytes`);
    const { conversation, viewer } = await this.participating(ctx, input.conversationId);
    const id = randomUUID();
    const storageKey = `conversations/${conversation.id}/${id}`;
    await this.attachments.insert({
      id,
      conversation_id: conversation.id,
      uploaded_by: viewer.userId,
      file_name: input.fileName.trim(),
      content_type: input.contentType,
      size_bytes: input.sizeBytes,
      storage_key: storageKey,
    });
    const target = await this.store.presignUpload(storageKey, input.contentType, input.sizeBytes, 900);
    return {
      attachmentId: id,
      url: target.url,
      method: target.method,
      headers: toHttpHeaders(target.headers),
      expiresAt: target.expiresAt,
    };
  }

  /**
   * Attaches uploaded files to a new message in the sender's transaction. Each must be the sender's,
   * in this conversation, not yet sent, and present in storage as declared.
   */
  async attach(
    tx: EntityManager,
    conversationId: string,
    senderId: string,
    messageId: string,
    attachmentIds: string[],
  ): Promise<void> {
    for (const [i, id] of attachmentIds.entries()) {
      const field = `input.attachmentIds.${i}`;
      const row = await this.attachments.lockForSend(tx, id);
      // A file of another conversation is NOT_FOUND (the sender may not know it exists); another
      // participant's file in this conversation is theirs to send.
      if (!row || row.conversation_id !== conversationId) throw new NotFoundError("Attachment", field);
      if (row.uploaded_by !== senderId)
        throw new BadUserInputError(field, "No such upload of yours in this conversation");
      if (row.message_id) throw new BadUserInputError(field, "This file was already sent");
      const stored = await this.store.stat(row.storage_key);
      if (!stored) throw new BadUserInputError(field, "The file has not been uploaded yet");
      if (stored.sizeBytes !== row.size_bytes || (stored.contentType && stored.contentType !== row.content_type)) {
        throw new BadUserInputError(field, "The uploaded file does not match the declared size and type");
      }
      await this.attachments.attachTo(tx, id, messageId);
    }
  }

  async downloadUrl(row: AttachmentRow): Promise<string> {
    return (await this.store.presignDownload(row.storage_key, row.file_name, 300)).url;
  }
}
