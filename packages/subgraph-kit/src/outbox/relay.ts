import type { Pool, PoolClient } from "pg";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { DomainEvent, EventBus } from "./event";
import { OUTBOX_CHANNEL } from "./outbox";
import { PgListener, pgConfigOf } from "./pg-listener";
import { openPgPool, withTransaction } from "../pg-pool";
import { quoteSchema } from "./sql";
import { Waiter, backoffDelay, errorMessage } from "./timing";

export interface OutboxRelayOptions {
  /** The subgraph's data source; the relay connects with its settings on a small pool of its own. */
  dataSource: DataSource;
  /** The subgraph's Postgres schema, which holds its `outbox` table. */
  schema: string;
  bus: EventBus;
  log: Logger;
  /** Rows claimed per transaction (default 100). */
  batchSize?: number;
  /** Poll even without a notification this often (default 1000 ms): a lost NOTIFY costs at most this delay. */
  pollIntervalMs?: number;
  /** First retry delay while the bus is failing (default 1 s), doubling up to `maxBackoffMs` (default 30 s). */
  retryMs?: number;
  maxBackoffMs?: number;
  /**
   * Published outbox rows are kept this long, then deleted (default 24 h, env `OUTBOX_RETENTION_MS`
   * through `startOutboxRelay`): the window from which a bus that lost events (Redis restarted
   * without persistence) is given them again.
   */
  keepPublishedMs?: number;
  /** `processed_events` rows are kept this long: the window in which a redelivery is still recognised (default 30 days). */
  keepProcessedMs?: number;
}

interface OutboxRow {
  id: string;
  seq: string;
  type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_KEEP_PUBLISHED_MS = DAY_MS;
/**
 * How far before the bus's newest stamp a replay starts: batches of concurrent relays (several
 * instances of one subgraph) reach Redis in an order their stamps (taken at claim) may not show;
 * this covers any claim-to-XADD delay. Publishing a minute again costs consumers only a dedupe.
 */
const REPLAY_OVERLAP_MS = 60_000;

/** The bus reconnected while a batch was being claimed: check what it lost before publishing. */
class BusReconnected extends Error {}

/**
 * Publishes one subgraph's outbox to the event bus: claims unpublished rows in write order, hands
 * them to the bus, marks them published, in one transaction per batch. At-least-once: a crash
 * between publishing and commit publishes the batch again, and consumers deduplicate by event id.
 * Published rows stay for `keepPublishedMs`: after each (re)connection to a bus that can forget
 * (Redis), and before publishing anything newer, the relay asks the bus for its newest stamp and
 * publishes again the rows the bus lost (docs/decisions/0026-redis-restarts.md).
 */
export class OutboxRelay {
  private readonly table: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retryMs: number;
  private readonly maxBackoffMs: number;
  private readonly waiter = new Waiter();
  private readonly listener: PgListener;
  // Its own two connections rather than the data source's: background polling must not show up in
  // the subgraph's SqlStatementCounter (tests assert exact statement counts per request).
  private pool: Pool | undefined;
  private loop: Promise<void> | undefined;
  private running = false;
  // Cycles run one at a time per relay (the loop and flush() share this chain).
  private tail: Promise<unknown> = Promise.resolve();
  private lastHousekeeping = 0;
  // Bumped on each bus (re)connection; `checked` is its value when the relay last compared the bus's
  // checkpoint with the outbox. Unequal: check (and replay) before the next publish.
  private connections = 0;
  private checked = -1;
  // A replay (up to a retention window of rows) gives way to stop(); the next start checks again.
  private stopping = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.table = `${quoteSchema(options.schema)}.outbox`;
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.retryMs = options.retryMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.listener = new PgListener({
      connection: pgConfigOf(options.dataSource),
      channel: OUTBOX_CHANNEL,
      log: options.log,
      // Every subgraph's outbox notifies the same channel; the payload says whose.
      onNotify: (payload) => {
        // undefined: the LISTEN connection is back after an outage, so the database is: end a backoff.
        if (payload === undefined) this.waiter.recover();
        else if (payload === options.schema) this.waiter.wake();
      },
    });
    options.bus.onReconnect?.(() => {
      this.connections += 1;
      this.waiter.recover();
    });
  }

  /** Starts listening and publishing in the background. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.checked = -1; // the bus may have lost events while this relay was stopped
    await this.listener.start();
    this.loop = this.run();
  }

  /** Stops the loop after the batch in flight (if any) commits or rolls back, and closes the relay's connections. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.waiter.cancel();
    await this.loop;
    this.loop = undefined;
    await this.tail.catch(() => undefined);
    await this.listener.stop();
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }

  /**
   * Publishes until no unpublished row is left (including rows another relay holds, which it
   * waits for); rejects if the bus fails or `timeoutMs` passes. For tests and graceful shutdown.
   */
  async flush(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const published = await this.cycle();
      if (published > 0) continue;
      if ((await this.unpublishedCount()) === 0) return;
      if (Date.now() > deadline) throw new Error(`Outbox ${this.options.schema} not drained after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Rows still waiting to be published (for tests, metrics and readiness). */
  async unpublishedCount(): Promise<number> {
    const result = await this.db().query<{ count: number }>(
      `SELECT count(*)::int AS count FROM ${this.table} WHERE published_at IS NULL`,
    );
    return result.rows[0]?.count ?? 0;
  }

  private db(): Pool {
    if (!this.pool) {
      this.pool = openPgPool(
        { ...pgConfigOf(this.options.dataSource), max: 2, application_name: `pawgraph-relay-${this.options.schema}` },
        this.options.log,
      );
    }
    return this.pool;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let delay = this.pollIntervalMs;
      let wakeable = true;
      try {
        const published = await this.cycle();
        if (failures > 0)
          this.options.log.info({ schema: this.options.schema }, "event bus reachable again; outbox relay resumed");
        failures = 0;
        if (published === this.batchSize) continue; // a full batch: more are probably waiting
        await this.housekeeping().catch((error: unknown) =>
          this.options.log.warn(
            { err: errorMessage(error), schema: this.options.schema },
            "outbox housekeeping failed",
          ),
        );
      } catch (error) {
        if (!this.running) break;
        failures += 1;
        delay = backoffDelay(failures, this.retryMs, this.maxBackoffMs);
        wakeable = false;
        // The rows stay unpublished and locked by nobody: nothing is lost, the next attempt retries them.
        this.options.log.warn(
          { err: errorMessage(error), schema: this.options.schema, failures, retryInMs: delay },
          "outbox relay could not publish; will retry",
        );
      }
      if (this.running) await this.waiter.wait(delay, wakeable);
    }
  }

  /** One batch: claim, publish, mark, commit. Returns how many rows were published. */
  private cycle(): Promise<number> {
    const next = this.tail.then(
      () => this.publishBatch(),
      () => this.publishBatch(),
    );
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async publishBatch(): Promise<number> {
    for (;;) {
      await this.replayWhatTheBusLost();
      try {
        return await withTransaction(this.db(), async (client) => {
          const { rows, at } = await this.claim(client);
          if (rows.length === 0) return 0;
          // Checked synchronously right before publishing: the bus refuses to queue while reconnecting,
          // so nothing newer reaches a restarted Redis before the replay of what it lost.
          if (this.checked !== this.connections) throw new BusReconnected();
          await this.options.bus.publish(
            rows.map((row) => this.toEvent(row)),
            { publisher: this.options.schema, oldest: at, newest: at },
          );
          await client.query(`UPDATE ${this.table} SET published_at = $2 WHERE id = ANY($1::uuid[])`, [
            rows.map((r) => r.id),
            at,
          ]);
          return rows.length;
        });
      } catch (error) {
        if (!(error instanceof BusReconnected)) throw error;
      }
    }
  }

  /**
   * Once per bus connection: compares the stamps the bus holds with the outbox's published rows and
   * publishes again, in write order, those the bus lost. None held, or rows published before the
   * first batch the bus's data holds (Redis restarted empty): every retained published row. Rows
   * newer than its newest stamp, or Redis restarted (with AOF it may have lost its last second): the
   * rows from shortly before that stamp on. Otherwise nothing.
   */
  private async replayWhatTheBusLost(): Promise<void> {
    const { bus, schema, log } = this.options;
    if (this.checked === this.connections) return;
    const connection = this.connections;
    if (!bus.checkpoint) {
      this.checked = connection; // a bus that keeps what it accepted (Postgres)
      return;
    }
    // One snapshot for every read below, taken BEFORE the bus's stamps are read: a row another relay
    // marks published later was put on the bus after the stamps were read, so it is neither counted
    // as "newer than the stamps" nor published again (two relays starting together did exactly that).
    const snapshot = await this.db().connect();
    try {
      await snapshot.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      await snapshot.query("SELECT 1"); // the snapshot is taken at the first statement
      const held = await bus.checkpoint(schema);
      let from: Date | null = null; // null: every retained published row
      if (held.newest !== null && held.oldest !== null) {
        const { rows } = await snapshot.query<{ before: boolean; after: boolean }>(
          // Compared at the stamps' millisecond precision (rows published before stamps existed have µs).
          `SELECT EXISTS (SELECT 1 FROM ${this.table} WHERE date_trunc('milliseconds', published_at) < $1) AS before,
                  EXISTS (SELECT 1 FROM ${this.table} WHERE date_trunc('milliseconds', published_at) > $2) AS after`,
          [held.oldest, held.newest],
        );
        const { before, after } = rows[0]!;
        if (!before && !after && !held.restarted) {
          this.checked = connection;
          return;
        }
        if (!before) from = new Date(held.newest.getTime() - REPLAY_OVERLAP_MS);
      }
      let afterSeq = "0";
      let replayed = 0;
      for (;;) {
        if (this.stopping) throw new Error("outbox relay stopping; the replay resumes at the next start");
        const { rows } = await snapshot.query<OutboxRow & { published_at: Date }>(
          `SELECT id, seq, type, aggregate_id, payload, occurred_at, published_at FROM ${this.table}
           WHERE published_at IS NOT NULL AND ($1::timestamptz IS NULL OR published_at >= $1) AND seq > $2
           ORDER BY seq LIMIT $3`,
          [from, afterSeq, this.batchSize],
        );
        if (rows.length === 0) break;
        const times = rows.map((row) => row.published_at.getTime());
        await bus.publish(
          rows.map((row) => this.toEvent(row)),
          { publisher: schema, oldest: new Date(Math.min(...times)), newest: new Date(Math.max(...times)) },
        );
        replayed += rows.length;
        afterSeq = rows[rows.length - 1]!.seq;
      }
      this.checked = connection;
      if (replayed > 0) {
        log.warn(
          { schema, replayed, busHeld: held.newest?.toISOString() ?? null, redisRestarted: held.restarted },
          "the event bus had lost published events (Redis restarted); published them again from the outbox",
        );
      }
    } finally {
      await snapshot.query("ROLLBACK").catch(() => undefined);
      snapshot.release();
    }
  }

  /**
   * Locks the oldest waiting rows, skipping rows another relay holds (SKIP LOCKED), then keeps only
   * rows with no earlier waiting row of the same aggregate outside this claim: a row whose
   * predecessor another relay is publishing waits, so concurrent relays keep per-aggregate order.
   */
  private async claim(client: PoolClient): Promise<{ rows: OutboxRow[]; at: Date }> {
    // `at` (the database's clock at claim, in ms as a JS Date holds it) becomes both the rows'
    // published_at and the bus's stamp, so the two compare exactly.
    const result = await client.query<OutboxRow & { at: Date }>(
      `WITH claimed AS MATERIALIZED (
         SELECT id, seq, type, aggregate_id, payload, occurred_at FROM ${this.table}
         WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       SELECT c.id, c.seq, c.type, c.aggregate_id, c.payload, c.occurred_at, clock_timestamp() AS at FROM claimed c
       WHERE NOT EXISTS (
         SELECT 1 FROM ${this.table} earlier
         WHERE earlier.published_at IS NULL AND earlier.aggregate_id = c.aggregate_id AND earlier.seq < c.seq
           AND NOT EXISTS (SELECT 1 FROM claimed mine WHERE mine.seq = earlier.seq)
       )
       ORDER BY c.seq`,
      [this.batchSize],
    );
    return { rows: result.rows, at: result.rows[0]?.at ?? new Date() };
  }

  private toEvent(row: OutboxRow): DomainEvent {
    return {
      id: row.id,
      type: row.type,
      aggregateId: row.aggregate_id,
      payload: row.payload,
      occurredAt: row.occurred_at,
      source: this.options.schema,
    };
  }

  /**
   * Hourly: drop published rows and dedupe records past their retention, so neither table grows
   * forever. Dedupe records must outlive published rows: a replayed event is then still recognised.
   */
  private async housekeeping(): Promise<void> {
    if (Date.now() - this.lastHousekeeping < HOUSEKEEPING_INTERVAL_MS) return;
    this.lastHousekeeping = Date.now();
    const keepPublishedMs = this.options.keepPublishedMs ?? DEFAULT_KEEP_PUBLISHED_MS;
    const keepPublished = `${keepPublishedMs} milliseconds`;
    const keepProcessed = `${Math.max(this.options.keepProcessedMs ?? 30 * DAY_MS, keepPublishedMs + DAY_MS)} milliseconds`;
    const schema = quoteSchema(this.options.schema);
    await this.db().query(`DELETE FROM ${this.table} WHERE published_at < now() - $1::interval`, [keepPublished]);
    await this.db().query(`DELETE FROM ${schema}.processed_events WHERE processed_at < now() - $1::interval`, [
      keepProcessed,
    ]);
  }
}
