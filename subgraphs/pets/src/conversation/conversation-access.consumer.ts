import type { DataSource, EntityManager } from "typeorm";
import { consume, type DomainEvent, type EventBus, type EventSubscription } from "@pawgraph/subgraph-kit";
import { CONVERSATION_STARTED } from "../consumed-events";
import type { ConversationAccessRepository } from "./conversation-access.repository";

/**
 * Applies messaging's `conversation.started` to `pets.conversation_access`: a clinic an owner wrote
 * to about a pet sees that pet's profile, so its staff know whom the chat is about. It grants no
 * health-record access (`myClinicAccess` stays empty; ehr answers NOT_FOUND). Only an owner's
 * conversation opens the pet (docs/decisions/0020): messaging refuses carers, and this holds even
 * for an event from an older or faulty writer.
 */
export async function applyConversationStarted(
  access: ConversationAccessRepository,
  event: DomainEvent,
  manager: EntityManager,
): Promise<void> {
  const started = CONVERSATION_STARTED.decode(event);
  if (!started.petId) return;
  await access.open(manager, { ...started, petId: started.petId });
}

/** Subscribes pets to messaging's conversation starts. */
export function consumeConversationEvents(
  bus: EventBus,
  dataSource: DataSource,
  access: ConversationAccessRepository,
): Promise<EventSubscription> {
  return consume(bus, {
    dataSource,
    schema: "pets",
    consumer: "pets.conversation-access",
    types: [CONVERSATION_STARTED.type],
    handle: (event, manager) => applyConversationStarted(access, event, manager),
  });
}
