import type { ConversationEntity } from "../conversation/conversation.entity";
import type { Conversation } from "../conversation/conversation.type";
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

export function toConversation(row: ConversationEntity): Conversation {
  return {
    id: row.id,
    owner: { id: row.ownerId },
    clinic: { id: row.clinicId },
    pet: row.petId ? { id: row.petId } : null,
    booking: row.bookingId ? { id: row.bookingId } : null,
    subject: row.subject,
    lastMessageAt: row.lastMessageAt,
    createdAt: row.createdAt,
  };
}
