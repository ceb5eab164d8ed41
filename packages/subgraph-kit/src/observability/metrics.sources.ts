import type { Pool } from "pg";
import type { DataSource } from "typeorm";
import { quoteSchema } from "../outbox/sql";
import type { Metrics } from "./metrics";

/** A pg pool's connections by state, read at scrape time: `waiting` above zero means requests queue for a connection. */
export function observePool(metrics: Metrics, pool: string, of: Pool): () => void {
  return metrics.gaugeFrom(
    {
      name: "db_pool_connections",
      help: "Database pool connections by pool and state (total, idle, waiting = clients queued for one, max).",
      labelNames: ["pool", "state"],
    },
    pool,
    (set) => {
      set({ pool, state: "total" }, of.totalCount);
      set({ pool, state: "idle" }, of.idleCount);
      set({ pool, state: "waiting" }, of.waitingCount);
      set({ pool, state: "max" }, of.options.max ?? 10);
    },
  );
}

/**
 * Age of the oldest outbox row not yet published, read at scrape time (one indexed query on the rows
 * still waiting): how far the event bus is behind this subgraph's writes. 0 when nothing waits.
 */
export function observeOutbox(metrics: Metrics, dataSource: DataSource, schema: string): () => void {
  const sql = `SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(occurred_at)), 0)::float8 AS lag
    FROM ${quoteSchema(schema)}.outbox WHERE published_at IS NULL`;
  return metrics.gaugeFrom(
    { name: "outbox_lag_seconds", help: "Age of the oldest unpublished outbox row.", labelNames: ["schema"] },
    schema,
    async (set) => {
      const [row] = (await dataSource.query(sql)) as { lag: number }[];
      set({ schema }, row?.lag ?? 0);
    },
  );
}

/**
 * Time from an event's occurrence to its handling by a consumer group, as of the last event handled:
 * a consumer falling behind shows a growing lag (a stuck one shows its last value; watch
 * `outbox_lag_seconds` and the handled count beside it).
 */
export function consumerLagRecorder(metrics: Metrics): (consumer: string, occurredAt: Date) => void {
  const lag = metrics.gauge({
    name: "event_consumer_lag_seconds",
    help: "Seconds between the last handled event's occurrence and its handling, by consumer group.",
    labelNames: ["consumer"],
  });
  const handled = metrics.counter({
    name: "events_handled_total",
    help: "Events handled, by consumer group.",
    labelNames: ["consumer"],
  });
  return (consumer, occurredAt) => {
    lag.set({ consumer }, Math.max(0, (Date.now() - occurredAt.getTime()) / 1000));
    handled.inc({ consumer });
  };
}
