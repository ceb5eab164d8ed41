import type { DataSource, EntityManager } from "typeorm";
import { consume, type DomainEvent, type EventBus, type EventSubscription } from "@pawgraph/subgraph-kit";

interface ConversationStarted {
  conversationId: string;
  clinicId: string;
  petId: string | null;
}

/**
 * Applies messaging's `conversation.started` to `pets.conversation_access`: a clinic an owner (or
 * carer) wrote to about a pet sees that pet's profile, so its staff know whom the chat is about.
 * It grants no health-record access (`myClinicAccess` stays empty; ehr answers NOT_FOUND).
 */
export async function applyConversationStarted(event: DomainEvent, manager: EntityManager): Promise<void> {
  const started = event.payload as unknown as ConversationStarted;
  if (!started.petId) return;
  await manager.query(
    `INSERT INTO pets.conversation_access (conversation_id, pet_id, clinic_id)
     SELECT $1, p.id, $3 FROM pets.pets p WHERE p.id = $2
     ON CONFLICT (conversation_id) DO NOTHING`,
    [started.conversationId, started.petId, started.clinicId],
  );
}

/** Subscribes pets to messaging's conversation starts. */
export function consumeConversationEvents(bus: EventBus, dataSource: DataSource): Promise<EventSubscription> {
  return consume(bus, {
    dataSource,
    schema: "pets",
    consumer: "pets.conversation-access",
    types: ["conversation.started"],
    handle: applyConversationStarted,
  });
}
