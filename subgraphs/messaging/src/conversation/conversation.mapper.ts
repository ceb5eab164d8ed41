import type { ConversationEntity } from "./conversation.entity";
import type { Conversation } from "./conversation.type";

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
