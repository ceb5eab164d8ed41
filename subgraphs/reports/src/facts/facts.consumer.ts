import type { DataSource, EntityManager } from "typeorm";
import { consume, type DomainEvent, type EventBus, type EventSubscription } from "@pawgraph/subgraph-kit";
import { FACT_EVENTS } from "../consumed-events";
import { applyBookingEvent } from "./booking-facts";
import { applyOtherEvent } from "./catalog-facts";
import { applyOrderEvent } from "./order-facts";

/** The consumer group that writes every report fact. */
export const FACTS_CONSUMER = "reports.facts";

/** Applies one event to the fact tables, in the transaction that records it as processed. */
export async function applyEvent(event: DomainEvent, manager: EntityManager): Promise<void> {
  if (await applyBookingEvent(event, manager)) return;
  if (await applyOrderEvent(event, manager)) return;
  await applyOtherEvent(event, manager);
}

/**
 * Subscribes reports to every event it reports on, from the beginning of what the bus retains (a
 * new deployment fills its facts from history). Each event takes effect once (processed_events);
 * the buses log and skip an event whose payload can never decode.
 */
export function consumeReportEvents(bus: EventBus, dataSource: DataSource): Promise<EventSubscription> {
  return consume(bus, {
    dataSource,
    schema: "reports",
    consumer: FACTS_CONSUMER,
    types: FACT_EVENTS.map((reader) => reader.type),
    startFrom: "beginning",
    handle: applyEvent,
  });
}
