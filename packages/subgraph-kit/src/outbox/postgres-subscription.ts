import type { Pool } from "pg";
import type { Logger } from "pino";
import type { DomainEvent, EventSubscribeOptions, EventSubscription } from "./event";
import { withTransaction } from "../pg-pool";
import { isUnavailableError } from "../errors";
import { OUTAGE_RETRY_MS, Waiter, backoffDelay, errorMessage } from "./timing";

interface EventRow {
  id: string;
  seq: string;
  type: string;
  source: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

export interface PostgresSubscriptionOptions {
  pool: Pool;
  /** Qualified table names, already validated. */
  events: string;
  offsets: string;
  settings: { pollIntervalMs: number; retryMs: number; maxBackoffMs: number };
  log: Logger;
  subscribe: EventSubscribeOptions;
  onStop: (subscription: PostgresSubscription) => void;
}

/** A failed handler, with the event it failed on (the offset stops just before it). */
class HandlerFailure extends Error {
  constructor(
    readonly event: DomainEvent,
    readonly reason: unknown,
  ) {
    super(`handler failed on event ${event.id} (${event.type}): ${errorMessage(reason)}`);
  }
}

/**
 * One consumer group's loop on the Postgres bus: lock the group's offset row, hand the next events
 * in `seq` order to the handler, advance the offset, commit. The row lock (SKIP LOCKED) lets only
 * one instance of a group work at a time, so instances never process the same events concurrently.
 */
export class PostgresSubscription implements EventSubscription {
  private readonly waiter = new Waiter();
  private readonly batchSize: number;
  private readonly log: Logger;
  private running = true;
  private loop: Promise<void> = Promise.resolve();

  private constructor(private readonly options: PostgresSubscriptionOptions) {
    this.batchSize = options.subscribe.batchSize ?? 50;
    this.log = options.log.child({ consumer: options.subscribe.group });
  }

  /** Registers the group's offset (at the start or the current end of the log) and starts the loop. */
  static async start(options: PostgresSubscriptionOptions): Promise<PostgresSubscription> {
    const latest = options.subscribe.startFrom === "latest";
    await options.pool.query(
      `INSERT INTO ${options.offsets} (consumer, last_seq)
       SELECT $1, CASE WHEN $2 THEN (SELECT coalesce(max(seq), 0) FROM ${options.events}) ELSE 0 END
       ON CONFLICT (consumer) DO NOTHING`,
      [options.subscribe.group, latest],
    );
    const subscription = new PostgresSubscription(options);
    subscription.loop = subscription.run();
    return subscription;
  }

  /** A notification: new events may be there. */
  wake(): void {
    this.waiter.wake();
  }

  /** The database is reachable again: a backoff wait ends now. */
  recover(): void {
    this.waiter.recover();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.waiter.cancel();
    await this.loop;
    this.options.onStop(this);
  }

  private async run(): Promise<void> {
    const { pollIntervalMs, retryMs, maxBackoffMs } = this.options.settings;
    let failures = 0;
    let failingEventId: string | undefined;
    while (this.running) {
      let delay = pollIntervalMs;
      let wakeable = true;
      try {
        const read = await this.nextBatch();
        failures = 0;
        failingEventId = undefined;
        if (read === this.batchSize) continue;
      } catch (error) {
        // Backoff grows only while stuck on the same event; progress since the last failure resets it.
        const eventId = error instanceof HandlerFailure ? error.event.id : undefined;
        failures = eventId !== undefined && eventId !== failingEventId ? 1 : failures + 1;
        failingEventId = eventId;
        // A handler failing on an outage (its database, another subgraph) retries about once a second.
        const outage = error instanceof HandlerFailure && isUnavailableError(error.reason);
        delay = backoffDelay(failures, retryMs, outage ? OUTAGE_RETRY_MS : maxBackoffMs);
        wakeable = false;
        if (error instanceof HandlerFailure) {
          // In order, without skipping: the failed event is retried before any later one.
          this.log.error(
            { err: error.reason, eventId: error.event.id, type: error.event.type, failures, retryInMs: delay },
            "event handler failed; will retry",
          );
        } else {
          this.log.warn({ err: errorMessage(error), failures, retryInMs: delay }, "reading events failed; will retry");
        }
      }
      if (this.running) await this.waiter.wait(delay, wakeable);
    }
  }

  /** Handles one batch; returns how many events were read (0 when another instance holds the group). */
  private async nextBatch(): Promise<number> {
    const { pool, events, offsets, subscribe } = this.options;
    const outcome = await withTransaction(pool, async (client) => {
      const offset = await client.query<{ last_seq: string }>(
        `SELECT last_seq FROM ${offsets} WHERE consumer = $1 FOR UPDATE SKIP LOCKED`,
        [subscribe.group],
      );
      const last = offset.rows[0]?.last_seq;
      if (last === undefined) return { read: 0, failure: undefined };
      const batch = await client.query<EventRow>(
        `SELECT id, seq, type, source, aggregate_id, payload, occurred_at FROM ${events}
         WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [last, this.batchSize],
      );
      let done = last;
      let failure: HandlerFailure | undefined;
      for (const row of batch.rows) {
        if (!this.running) break;
        const event = toEvent(row);
        try {
          await subscribe.handler(event);
        } catch (error) {
          failure = new HandlerFailure(event, error);
          break;
        }
        done = row.seq;
      }
      // Progress up to the failure is kept, so the successful events are not handed over again.
      if (done !== last) {
        await client.query(`UPDATE ${offsets} SET last_seq = $2, updated_at = now() WHERE consumer = $1`, [
          subscribe.group,
          done,
        ]);
      }
      return { read: batch.rows.length, failure };
    });
    if (outcome.failure) throw outcome.failure;
    return outcome.read;
  }
}

function toEvent(row: EventRow): DomainEvent {
  return {
    id: row.id,
    type: row.type,
    aggregateId: row.aggregate_id,
    payload: row.payload,
    occurredAt: row.occurred_at,
    source: row.source,
  };
}
