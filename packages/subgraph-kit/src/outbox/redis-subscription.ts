import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { DomainEvent, EventSubscribeOptions, EventSubscription } from "./event";
import { decodeEvent, parseAutoclaimReply, parseReadReply, type StreamEntry } from "./redis-codec";
import { closeRedis, type RedisBusSettings } from "./redis-connection";
import { isUnavailableError } from "../errors";
import { OUTAGE_RETRY_MS, Waiter, backoffDelay, errorMessage } from "./timing";

export interface RedisSubscriptionOptions {
  /** This consumer's own connection: a blocking XREADGROUP holds it. */
  connection: Redis;
  /** The bus's shared connection, used to interrupt that blocking read. */
  control: Redis;
  settings: RedisBusSettings;
  log: Logger;
  subscribe: EventSubscribeOptions;
  /** Whether the group is known to exist (created or found at subscribe). */
  groupReady: boolean;
  /** Creates the group if missing; `existed`: it did exist before (so it starts at the stream's beginning). */
  ensureGroup: (existed: boolean) => Promise<void>;
  onStop: (subscription: RedisSubscription) => void;
}

/** A handler failure; the entry stays pending and is read again (first) after a backoff. */
class HandlerFailure extends Error {
  constructor(
    readonly eventId: string,
    message: string,
    readonly reason: unknown,
  ) {
    super(message);
  }
}

/**
 * One consumer of a group on the Redis bus, on its own connection: take over stale entries of
 * crashed consumers (XAUTOCLAIM), retry its own pending entries, else block for new ones; XACK each
 * entry only after its handler resolved.
 */
export class RedisSubscription implements EventSubscription {
  // Unique per process start: a restarted instance must not inherit a dead one's identity mid-flight.
  private readonly consumer = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly connection: Redis;
  private readonly control: Redis;
  private readonly settings: RedisBusSettings;
  private readonly subscribe: EventSubscribeOptions;
  private readonly waiter = new Waiter();
  private readonly log: Logger;
  private readonly loop: Promise<void>;
  private running = true;
  private clientId: string | undefined;
  private claimCursor = "0-0";
  private lastClaimScan = 0;

  constructor(private readonly options: RedisSubscriptionOptions) {
    this.connection = options.connection;
    this.control = options.control;
    this.settings = options.settings;
    this.subscribe = options.subscribe;
    this.log = options.log.child({ consumer: options.subscribe.group });
    // The id changes on reconnect; stop() needs the current one to interrupt a blocking read.
    this.connection.on("close", () => (this.clientId = undefined));
    // Redis is back: a backoff wait ends now, so delivery resumes within a reconnect, not 30 s.
    this.connection.on("ready", () => this.waiter.recover());
    this.loop = this.run();
  }

  /** Interrupts a blocking read (CLIENT UNBLOCK, so no entry is lost in flight), waits for the handler in hand, closes. */
  async stop(): Promise<void> {
    this.running = false;
    this.waiter.cancel();
    let finished = false;
    void this.loop.finally(() => (finished = true));
    while (!finished) {
      // Repeated because the loop may enter a blocking read just after an unblock; harmless otherwise.
      if (this.connection.status !== "ready") this.connection.disconnect();
      else if (this.clientId !== undefined)
        await this.control.call("CLIENT", ["UNBLOCK", this.clientId]).catch(() => undefined);
      await Promise.race([this.loop, new Promise((resolve) => setTimeout(resolve, 50).unref())]);
    }
    await this.forgetSelfIfIdle();
    await closeRedis(this.connection);
    this.options.onStop(this);
  }

  private async run(): Promise<void> {
    const { retryMs, maxBackoffMs, claimIntervalMs } = this.settings;
    let failures = 0;
    let failingEventId: string | undefined;
    let ownPending = true;
    let groupMissing = false;
    let groupExisted = this.options.groupReady;
    let recreating = false;
    while (this.running) {
      try {
        if (groupMissing) await this.options.ensureGroup(groupExisted); // Redis restarted empty, or was down at subscribe
        groupMissing = false;
        if (Date.now() - this.lastClaimScan >= claimIntervalMs) {
          await this.handle(await this.claimStale());
        } else if (ownPending) {
          const entries = await this.read("0");
          ownPending = entries.length > 0;
          await this.handle(entries);
        } else {
          await this.handle(await this.read(">"));
        }
        failures = 0;
        failingEventId = undefined;
        groupExisted = true;
        recreating = false;
      } catch (error) {
        if (!this.running) break;
        // Backoff grows only while stuck on the same event; progress since the last failure resets it.
        const eventId = error instanceof HandlerFailure ? error.eventId : undefined;
        failures = eventId !== undefined && eventId !== failingEventId ? 1 : failures + 1;
        failingEventId = eventId;
        ownPending = true;
        groupMissing = errorMessage(error).startsWith("NOGROUP");
        this.claimCursor = "0-0"; // a restarted Redis has a new stream: the old cursor means nothing there
        if (groupMissing && groupExisted && !recreating) {
          // Redis restarted empty and is back (it answered): recreate the group now, without backoff (once).
          recreating = true;
          this.log.warn("consumer group is gone (Redis restarted without its data); recreating it");
          continue;
        }
        // A handler failing on an outage (its database, another subgraph) retries about once a second.
        const outage = error instanceof HandlerFailure && isUnavailableError(error.reason);
        const delay = backoffDelay(failures, retryMs, outage ? OUTAGE_RETRY_MS : maxBackoffMs);
        const level = error instanceof HandlerFailure && !outage ? "error" : "warn";
        this.log[level](
          { err: errorMessage(error), failures, retryInMs: delay },
          "consuming events failed; will retry",
        );
        await this.waiter.wait(delay, false);
      }
    }
  }

  /** Entries of this group idle past `claimIdleMs` in any consumer's hands, now ours; one page per call. */
  private async claimStale(): Promise<StreamEntry[]> {
    const { stream, claimIdleMs } = this.settings;
    const reply = await this.connection.call("XAUTOCLAIM", [
      stream,
      this.subscribe.group,
      this.consumer,
      String(claimIdleMs),
      this.claimCursor,
      "COUNT",
      String(this.batchSize()),
    ]);
    const { cursor, entries } = parseAutoclaimReply(reply);
    this.claimCursor = cursor;
    if (cursor === "0-0") this.lastClaimScan = Date.now(); // scanned the whole pending list
    if (entries.length > 0) this.log.info({ count: entries.length }, "took over stale entries from a stopped consumer");
    return entries;
  }

  /** `0`: our own pending entries (delivered, never acknowledged); `>`: new ones, blocking briefly. */
  private async read(from: "0" | ">"): Promise<StreamEntry[]> {
    const { stream, blockMs } = this.settings;
    if (from === ">" && this.clientId === undefined)
      this.clientId = String(await this.connection.call("CLIENT", ["ID"]));
    const block = from === ">" ? ["BLOCK", String(blockMs)] : [];
    const reply = await this.connection.call("XREADGROUP", [
      "GROUP",
      this.subscribe.group,
      this.consumer,
      "COUNT",
      String(this.batchSize()),
      ...block,
      "STREAMS",
      stream,
      from,
    ]);
    return parseReadReply(reply);
  }

  private async handle(entries: StreamEntry[]): Promise<void> {
    const { stream } = this.settings;
    for (const entry of entries) {
      const event = this.decode(entry);
      if (event) {
        try {
          await this.subscribe.handler(event);
        } catch (error) {
          // Not acknowledged: the entry stays pending and is retried before anything newer.
          throw new HandlerFailure(
            event.id,
            `handler failed on event ${event.id} (${event.type}): ${errorMessage(error)}`,
            error,
          );
        }
      }
      await this.connection.call("XACK", [stream, this.subscribe.group, entry.id]);
    }
  }

  /** The entry's event, or undefined (logged) for an entry no retry can fix: trimmed away, or not an event. */
  private decode(entry: StreamEntry): DomainEvent | undefined {
    if (entry.fields === null) {
      this.log.warn({ entryId: entry.id }, "pending entry was trimmed from the stream before it was handled");
      return undefined;
    }
    try {
      return decodeEvent(entry.fields);
    } catch (error) {
      this.log.error({ err: errorMessage(error), entryId: entry.id }, "dropping malformed stream entry");
      return undefined;
    }
  }

  /**
   * Deregisters this consumer from its group on stop (XGROUP DELCONSUMER), but only when it holds no
   * pending entries: DELCONSUMER drops a consumer's pending entries with it, and an event delivered
   * but not acknowledged must stay pending for another consumer to take over (XAUTOCLAIM).
   */
  private async forgetSelfIfIdle(): Promise<void> {
    const { stream } = this.settings;
    const consumer = this.consumer;
    if (this.control.status !== "ready") {
      this.log.warn({ stream, consumerName: consumer }, "stream consumer left registered: Redis is unreachable");
      return;
    }
    try {
      const pending = await this.control.call("XPENDING", [stream, this.subscribe.group, "-", "+", "1", consumer]);
      if (Array.isArray(pending) && pending.length === 0) {
        await this.control.call("XGROUP", ["DELCONSUMER", stream, this.subscribe.group, consumer]);
        this.log.info({ stream, consumerName: consumer }, "stream consumer deregistered");
      } else {
        this.log.warn(
          { stream, consumerName: consumer },
          "stream consumer left registered: it holds unacknowledged entries, which another consumer takes over",
        );
      }
    } catch (error) {
      this.log.warn(
        { err: errorMessage(error), stream, consumerName: consumer },
        "could not deregister the stream consumer",
      );
    }
  }

  private batchSize(): number {
    return this.subscribe.batchSize ?? 50;
  }
}
