import type { DataSource, EntityManager } from "typeorm";
import type { DomainEvent, EventBus, EventHandler, EventStartFrom, EventSubscription } from "./event";
import { metricsFor } from "../observability/metrics";
import { consumerLagRecorder } from "../observability/metrics.sources";
import { quoteSchema } from "./sql";

export interface ConsumeOptions {
  /** The consuming subgraph's data source and schema (which holds its `processed_events`). */
  dataSource: DataSource;
  schema: string;
  /** Consumer (group) name, unique across subgraphs: `<subgraph>.<purpose>`, e.g. `bookings.pet-archived`. */
  consumer: string;
  /** Event types this consumer wants; others are acknowledged without a transaction. Default: all. */
  types?: readonly string[];
  /** Applies the event's effect using `manager` (the transaction that also records the event as processed). */
  handle: (event: DomainEvent, manager: EntityManager) => Promise<void>;
  startFrom?: EventStartFrom;
  batchSize?: number;
}

/**
 * Wraps a handler so each event id takes effect once per consumer: the handler runs in a
 * transaction that first inserts `(consumer, event id)` into `processed_events`, and is skipped if
 * that row already exists. A redelivery that races the first delivery waits on the row's lock and
 * then skips, so duplicates and crashes between commit and acknowledgement are harmless.
 */
export function idempotentHandler(options: Omit<ConsumeOptions, "startFrom" | "batchSize">): EventHandler {
  const table = `${quoteSchema(options.schema)}.processed_events`;
  const wanted = options.types ? new Set(options.types) : undefined;
  return async (event) => {
    if (wanted && !wanted.has(event.type)) return;
    await options.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO ${table} (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [options.consumer, event.id],
      );
      if (inserted.length === 0) return; // already applied by an earlier delivery
      await options.handle(event, manager);
    });
  };
}

/**
 * Whether `consumer` has already applied the event: a cheap check before work that must happen
 * outside the transaction (calls to other subgraphs), so a redelivery, or a relay's replay after
 * Redis lost its data, costs one read. `idempotentHandler` still decides; this only skips early.
 */
export async function alreadyProcessed(
  dataSource: DataSource,
  schema: string,
  consumer: string,
  eventId: string,
): Promise<boolean> {
  const rows: unknown[] = await dataSource.query(
    `SELECT 1 FROM ${quoteSchema(schema)}.processed_events WHERE consumer = $1 AND event_id = $2`,
    [consumer, eventId],
  );
  return rows.length > 0;
}

/** Subscribes a subgraph's handler to the bus as consumer group `consumer`, applying each event exactly once. */
export function consume(bus: EventBus, options: ConsumeOptions): Promise<EventSubscription> {
  const handle = idempotentHandler(options);
  const recordLag = consumerLagRecorder(metricsFor(options.schema));
  return bus.subscribe({
    group: options.consumer,
    handler: async (event) => {
      await handle(event);
      recordLag(options.consumer, event.occurredAt);
    },
    startFrom: options.startFrom,
    batchSize: options.batchSize,
  });
}
