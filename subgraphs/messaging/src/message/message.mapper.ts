import type { MessageEntity } from "./message.entity";
import type { Message } from "./message.type";

export function toMessage(row: MessageEntity): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    sender: { id: row.senderId },
    text: row.deletedAt || !row.body ? null : row.body,
    masked: row.masked,
    edited: !!row.editedAt,
    deleted: !!row.deletedAt,
    sentAt: row.createdAt,
  };
}
