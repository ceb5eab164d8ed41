import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { envBool, envInt } from "../config";
import { openEventDataSource } from "../db";
import { metricsFor } from "../observability/metrics";
import { observeOutbox } from "../observability/metrics.sources";
import { createEventBus } from "./bus";
import type { EventBus } from "./event";
import { DEFAULT_KEEP_PUBLISHED_MS, OutboxRelay } from "./relay";
import { takePartInPrivacyRequests, type PrivacyParticipant } from "../privacy/privacy-participant";
import { openPrivacyFileStore } from "../privacy/privacy-store";

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
  const unobserve = observeOutbox(metricsFor(options.schema), options.dataSource, options.schema);
  return {
    stop: async () => {
      unobserve();
      await relay.stop();
      await bus.close();
    },
  };
}

/**
 * Runs a subgraph's event consumers on a small connection pool of their own (so bursts never starve
 * requests and request statement counts stay exact); `subscribe` registers them with `consume()`.
 * With `privacy`, the subgraph also takes its part in privacy requests (docs/decisions/0048): its
 * share of exports and erasures, by its personal-data list, with the shared privacy store.
 */
export async function startEventConsumers(options: {
  databaseUrl: string;
  schema: string;
  redisUrl?: string;
  enabled: boolean;
  log: Logger;
  subscribe?: (bus: EventBus, dataSource: DataSource) => Promise<unknown>;
  privacy?: Pick<PrivacyParticipant, "registry" | "beforeErasure" | "erasesWhenDue">;
}): Promise<Stoppable> {
  // PRIVACY_REQUESTS_ENABLED=false leaves privacy requests to other processes (tests that do not
  // need them: each subgraph's two more consumer groups cost connections a stock Postgres lacks).
  const privacy = envBool("PRIVACY_REQUESTS_ENABLED", true) ? options.privacy : undefined;
  if (!options.enabled || (!options.subscribe && !privacy)) return NOTHING;
  const events = await openEventDataSource(options.databaseUrl, options.schema, options.log);
  const bus = await createEventBus({ redisUrl: options.redisUrl, database: events, log: options.log });
  await options.subscribe?.(bus, events);
  if (privacy) {
    // Only written to here: identity serves the downloads.
    const files = (await openPrivacyFileStore(options.schema)).store;
    await takePartInPrivacyRequests(bus, events, {
      ...privacy,
      subgraph: options.schema,
      files,
      log: options.log,
    });
  }
  return {
    stop: async () => {
      await bus.close();
      await events.destroy();
    },
  };
}
