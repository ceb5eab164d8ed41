import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { envInt } from "../config";
import { openEventDataSource } from "../db";
import { createEventBus } from "./bus";
import type { EventBus } from "./event";
import { DEFAULT_KEEP_PUBLISHED_MS, OutboxRelay } from "./relay";

/** Something started with the subgraph that must be stopped with it. */
export interface Stoppable {
  stop(): Promise<void>;
}

const NOTHING: Stoppable = { stop: async () => {} };

/** Publishes a subgraph's outbox to the event bus (Redis Streams when `redisUrl` is set, Postgres otherwise). */
export async function startOutboxRelay(options: {
  dataSource: DataSource;
  schema: string;
  redisUrl?: string;
  enabled: boolean;
  log: Logger;
}): Promise<Stoppable> {
  if (!options.enabled) return NOTHING;
  const bus = await createEventBus({ redisUrl: options.redisUrl, database: options.dataSource, log: options.log });
  // OUTBOX_RETENTION_MS: how long published rows stay, which is how far back a Redis that lost its
  // data is given the events again (docs/decisions/0026-redis-restarts.md).
  const keepPublishedMs = envInt("OUTBOX_RETENTION_MS", DEFAULT_KEEP_PUBLISHED_MS);
  const relay = new OutboxRelay({
    dataSource: options.dataSource,
    schema: options.schema,
    bus,
    log: options.log,
    keepPublishedMs,
  });
  await relay.start();
  return {
    stop: async () => {
      await relay.stop();
      await bus.close();
    },
  };
}

/**
 * Runs a subgraph's event consumers on a small connection pool of their own (so bursts never starve
 * requests and request statement counts stay exact); `subscribe` registers them with `consume()`.
 */
export async function startEventConsumers(options: {
  databaseUrl: string;
  schema: string;
  redisUrl?: string;
  enabled: boolean;
  log: Logger;
  subscribe: (bus: EventBus, dataSource: DataSource) => Promise<unknown>;
}): Promise<Stoppable> {
  if (!options.enabled) return NOTHING;
  const events = await openEventDataSource(options.databaseUrl, options.schema, options.log);
  const bus = await createEventBus({ redisUrl: options.redisUrl, database: events, log: options.log });
  await options.subscribe(bus, events);
  return {
    stop: async () => {
      await bus.close();
      await events.destroy();
    },
  };
}
