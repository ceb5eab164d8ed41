import type { EntityManager } from "typeorm";

/** A conversation as `pets.conversation_access` records it. */
export interface StartedConversation {
  conversationId: string;
  petId: string;
  clinicId: string;
  ownerId: string;
}

/** `pets.conversation_access`: which clinic sees which pet's profile because an owner wrote to it. */
export class ConversationAccessRepository {
  /** In the caller's transaction: the clinic sees the pet, once per conversation, if the conversation's owner owns it. */
  async open(tx: EntityManager, conversation: StartedConversation): Promise<void> {
    await tx.query(
      `INSERT INTO pets.conversation_access (conversation_id, pet_id, clinic_id)
       SELECT $1, p.id, $3 FROM pets.pets p
       WHERE p.id = $2 AND EXISTS (SELECT 1 FROM pets.pet_owners o WHERE o.pet_id = p.id AND o.user_id = $4)
       ON CONFLICT (conversation_id) DO NOTHING`,
      [conversation.conversationId, conversation.petId, conversation.clinicId, conversation.ownerId],
    );
  }
}
