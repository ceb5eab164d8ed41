import type { DataSource, EntityManager } from "typeorm";
import { consume, type DomainEvent, type EventBus, type EventSubscription } from "@pawgraph/subgraph-kit";
import { CONVERSATION_STARTED } from "../consumed-events";

/**
 * Applies messaging's `conversation.started` to `pets.conversation_access`: a clinic an owner wrote
 * to about a pet sees that pet's profile, so its staff know whom the chat is about. It grants no
 * health-record access (`myClinicAccess` stays empty; ehr answers NOT_FOUND). Only an owner's
 * conversation opens the pet (docs/decisions/0020): messaging refuses carers, and this holds even
 * for an event from an older or faulty writer.
 */
export async function applyConversationStarted(event: DomainEvent, manager: EntityManager): Promise<void> {
  const started = CONVERSATION_STARTED.decode(event);
  if (!started.petId) return;
  await manager.query(
    `INSERT INTO pets.conversation_access (conversation_id, pet_id, clinic_id)
     SELECT $1, p.id, $3 FROM pets.pets p
     WHERE p.id = $2 AND EXISTS (SELECT 1 FROM pets.pet_owners o WHERE o.pet_id = p.id AND o.user_id = $4)
     ON CONFLICT (conversation_id) DO NOTHING`,
    [started.conversationId, started.petId, started.clinicId, started.ownerId],
  );
}

/** Subscribes pets to messaging's conversation starts. */
export function consumeConversationEvents(bus: EventBus, dataSource: DataSource): Promise<EventSubscription> {
  return consume(bus, {
    dataSource,
    schema: "pets",
    consumer: "pets.conversation-access",
    types: [CONVERSATION_STARTED.type],
    handle: applyConversationStarted,
  });
}
