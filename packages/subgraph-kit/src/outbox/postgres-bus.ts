import type { Pool, PoolConfig } from "pg";
import type { Logger } from "pino";
import type { DomainEvent, EventBus, EventSubscribeOptions, EventSubscription } from "./event";
import { skipUndecodable } from "./contract";
import { PgListener } from "./pg-listener";
import { openPgPool, withClient, withTransaction } from "../pg-pool";
import { PostgresSubscription } from "./postgres-subscription";
import { quoteSchema } from "./sql";
import { errorMessage } from "./timing";

export interface PostgresBusSettings {
  /** Kit-owned schema for the `events` and `consumer_offsets` tables; also the NOTIFY channel (default `pawgraph_events`). */
  schema: string;
  /** Consumers poll this often even without a notification (default 1000 ms): a lost NOTIFY costs at most this. */
  pollIntervalMs: number;
  /** First retry delay after a failure (default 1 s). */
  retryMs: number;
  /** Longest retry delay, e.g. for a handler that keeps failing (default 30 s). */
  maxBackoffMs: number;
  /** Events older than this are deleted, like a capped stream (default 7 days): a consumer offline longer misses them. */
  retentionMs: number;
  /** Connections of the bus's own pool (default 5), separate from the subgraph's so a held offset lock never starves it. */
  poolSize: number;
}

const DEFAULTS: PostgresBusSettings = {
  schema: "pawgraph_events",
  pollIntervalMs: 1000,
  retryMs: 1000,
  maxBackoffMs: 30_000,
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  poolSize: 5,
};
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The event bus without Redis: one `events` table in a kit-owned schema with a per-consumer-group
 * offset, woken by LISTEN/NOTIFY and polling. A message-broker stand-in shared by all subgraphs
 * that use the same database; it is mechanism, not a domain table.
 */
export class PostgresEventBus implements EventBus {
  readonly kind = "postgres";
  private readonly events: string;
  private readonly offsets: string;
  private readonly subscriptions = new Set<PostgresSubscription>();
  private readonly listener: PgListener;
  private listening = false;
  private lastPrune = 0;
  private pruning: Promise<void> = Promise.resolve();

  private constructor(
    private readonly pool: Pool,
    connection: PoolConfig,
    private readonly log: Logger,
    private readonly settings: PostgresBusSettings,
  ) {
    const schema = quoteSchema(this.settings.schema);
    this.events = `${schema}.events`;
    this.offsets = `${schema}.consumer_offsets`;
    this.listener = new PgListener({
      connection,
      channel: this.settings.schema,
      log,
      // undefined: the LISTEN connection is back after an outage, so consumers in backoff retry now.
      onNotify: (payload) =>
        this.subscriptions.forEach((subscription) =>
          payload === undefined ? subscription.recover() : subscription.wake(),
        ),
    });
  }

  /** Opens the bus's pool and creates its schema and tables if missing (under an advisory lock, so concurrent starts agree). */
  static async open(
    connection: PoolConfig,
    log: Logger,
    settings: Partial<PostgresBusSettings> = {},
  ): Promise<PostgresEventBus> {
    const merged = { ...DEFAULTS, ...settings };
    const pool = openPgPool({ ...connection, max: merged.poolSize, application_name: "pawgraph-events" }, log);
    const bus = new PostgresEventBus(pool, connection, log, merged);
    try {
      await bus.createTables();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return bus;
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await withTransaction(this.pool, async (client) => {
      // Publishers take turns: seq values then become visible in order, so a consumer that has read
      // up to seq N can never later find a committed event below N (no skipped in-flight rows).
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [
        `pawgraph:events:publish:${this.settings.schema}`,
      ]);
      // ON CONFLICT: a relay that crashed after publishing republishes the same ids; they are stored once.
      await client.query(
        `INSERT INTO ${this.events} (id, type, source, aggregate_id, payload, occurred_at)
         SELECT (e->>'id')::uuid, e->>'type', e->>'source', e->>'aggregateId', e->'payload', (e->>'occurredAt')::timestamptz
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS batch(e, ord)
         ORDER BY ord
         ON CONFLICT (id) DO NOTHING`,
        [JSON.stringify(events)],
      );
      await client.query("SELECT pg_notify($1, '')", [this.settings.schema]);
    });
    this.pruneIfDue();
  }

  async subscribe(options: EventSubscribeOptions): Promise<EventSubscription> {
    if (!this.listening) {
      this.listening = true;
      await this.listener.start();
    }
    const subscription = await PostgresSubscription.start({
      pool: this.pool,
      events: this.events,
      offsets: this.offsets,
      settings: this.settings,
      log: this.log,
      subscribe: { ...options, handler: skipUndecodable(options.handler, this.log.child({ consumer: options.group })) },
      onStop: (stopped) => this.subscriptions.delete(stopped),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.listener.stop();
    await this.pruning;
    await this.pool.end();
  }

  private async createTables(): Promise<void> {
    const schema = quoteSchema(this.settings.schema);
    const lock = `pawgraph:events:schema:${this.settings.schema}`;
    await withClient(this.pool, async (client) => {
      // IF NOT EXISTS alone still races (two creators can both pass the check); the lock serialises them.
      await client.query("SELECT pg_advisory_lock(hashtext($1))", [lock]);
      try {
        await client.query(`
          CREATE SCHEMA IF NOT EXISTS ${schema};
          CREATE TABLE IF NOT EXISTS ${this.events} (
            id uuid PRIMARY KEY,
            seq bigserial NOT NULL UNIQUE,
            type text NOT NULL,
            source text NOT NULL,
            aggregate_id text NOT NULL,
            payload jsonb NOT NULL,
            occurred_at timestamptz NOT NULL,
            published_at timestamptz NOT NULL DEFAULT now()
          );
          CREATE INDEX IF NOT EXISTS events_published_at_idx ON ${this.events} (published_at);
          CREATE TABLE IF NOT EXISTS ${this.offsets} (
            consumer text PRIMARY KEY,
            last_seq bigint NOT NULL DEFAULT 0,
            updated_at timestamptz NOT NULL DEFAULT now()
          );`);
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext($1))", [lock]);
      }
    });
  }

  /**
   * At most hourly, triggered by publish (so there is no timer to clean up): drop events past
   * retention, in the background, so the publishing relay does not hold its outbox locks meanwhile.
   */
  private pruneIfDue(): void {
    if (Date.now() - this.lastPrune < PRUNE_INTERVAL_MS) return;
    this.lastPrune = Date.now();
    this.pruning = this.pool
      .query(`DELETE FROM ${this.events} WHERE published_at < now() - $1::interval`, [
        `${this.settings.retentionMs} milliseconds`,
      ])
      .then(
        () => undefined,
        (error: unknown) => this.log.warn({ err: errorMessage(error) }, "pruning old events failed"),
      );
  }
}
