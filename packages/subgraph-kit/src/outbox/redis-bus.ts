import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type {
  BusCheckpoint,
  DomainEvent,
  EventBus,
  EventStartFrom,
  EventSubscribeOptions,
  EventSubscription,
  PublishStamp,
} from "./event";
import { skipUndecodable } from "./contract";
import { encodeEvent } from "./redis-codec";
import { REDIS_BUS_DEFAULTS, closeRedis, openRedis, type RedisBusSettings } from "./redis-connection";
import { RedisSubscription } from "./redis-subscription";
import { errorMessage } from "./timing";

/**
 * A publisher's stamps (epoch ms): field `<publisher>` keeps the newest batch's, `<publisher>:since`
 * the oldest of the first batch this server's data received (set once).
 */
const RECORD_STAMP = `redis.call('HSETNX', KEYS[1], ARGV[1] .. ':since', ARGV[2])
local held = redis.call('HGET', KEYS[1], ARGV[1])
if not held or tonumber(held) < tonumber(ARGV[3]) then redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end
return 0`;

/**
 * The event bus on Redis Streams: XADD to one capped stream, a consumer group per consumer name,
 * XACK after the handler succeeds, and XAUTOCLAIM so a crashed consumer's entries are redelivered.
 * Each publisher's newest batch stamp lives in the hash `<stream>:publishers`, written in the same
 * MULTI as the entries: whatever Redis loses, it loses the stamp with the entries (`checkpoint`).
 */
export class RedisStreamsEventBus implements EventBus {
  readonly kind = "redis-streams";
  readonly settings: RedisBusSettings;
  private readonly redis: Redis;
  private readonly subscriptions = new Set<RedisSubscription>();
  private readonly reconnectListeners = new Set<() => void>();
  /** The server's run_id at each publisher's previous checkpoint: a new one means Redis restarted. */
  private readonly runIds = new Map<string, string>();
  private connectedOnce = false;

  constructor(
    private readonly url: string,
    private readonly log: Logger,
    settings: Partial<RedisBusSettings> = {},
  ) {
    this.settings = { ...REDIS_BUS_DEFAULTS, ...settings };
    // Connects in the background: a subgraph starts even while Redis is down (its outbox waits).
    this.redis = openRedis(url, "pawgraph-events", log);
    this.redis.on("ready", () => {
      this.connectedOnce = true;
      this.reconnectListeners.forEach((listener) => listener());
    });
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.add(listener);
  }

  async publish(events: readonly DomainEvent[], stamp?: PublishStamp): Promise<void> {
    if (events.length === 0) return;
    // Refused rather than queued while reconnecting: a queued batch would reach a restarted Redis
    // ahead of the relay's check of what it lost (and so ahead of older events of the same aggregate).
    // 'ready' listeners (the relay's) have run by the time the status reads "ready". Before the first
    // connection a publish waits in ioredis' queue as before.
    if (this.connectedOnce && this.redis.status !== "ready")
      throw new Error(`Redis is not connected (${this.redis.status})`);
    // MULTI: the batch (and its stamp) is appended whole or not at all, in order.
    const transaction = this.redis.multi();
    for (const event of events) {
      transaction.call("XADD", [
        this.settings.stream,
        "MAXLEN",
        "~",
        String(this.settings.maxLen),
        "*",
        ...encodeEvent(event),
      ]);
    }
    if (stamp)
      transaction.call("EVAL", [
        RECORD_STAMP,
        "1",
        this.publishersKey(),
        stamp.publisher,
        String(stamp.oldest.getTime()),
        String(stamp.newest.getTime()),
      ]);
    const results = await transaction.exec();
    if (!results) throw new Error("Redis MULTI was aborted");
    const failed = results.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  async checkpoint(publisher: string): Promise<BusCheckpoint> {
    const [info, held] = await Promise.all([
      this.redis.call("INFO", ["server"]),
      this.redis.call("HMGET", [this.publishersKey(), publisher, `${publisher}:since`]),
    ]);
    const runId = /run_id:(\w+)/.exec(String(info))?.[1] ?? "";
    const previous = this.runIds.get(publisher);
    this.runIds.set(publisher, runId);
    const [newest, oldest] = (Array.isArray(held) ? held : []).map((value: unknown) =>
      typeof value === "string" ? new Date(Number(value)) : null,
    );
    return { newest: newest ?? null, oldest: oldest ?? null, restarted: previous !== undefined && previous !== runId };
  }

  async subscribe(options: EventSubscribeOptions): Promise<EventSubscription> {
    const startFrom = options.startFrom ?? "beginning";
    // A first attempt now, so a publish right after subscribe is seen; if Redis is down the loop keeps trying.
    const groupReady = await this.ensureGroup(options.group, startFrom).then(
      () => true,
      (error: unknown) => {
        this.log.warn(
          { err: errorMessage(error), consumer: options.group },
          "could not create consumer group yet; will retry",
        );
        return false;
      },
    );
    const subscription = new RedisSubscription({
      connection: openRedis(this.url, `pawgraph-consumer-${options.group}`, this.log),
      control: this.redis,
      settings: this.settings,
      log: this.log,
      subscribe: { ...options, handler: skipUndecodable(options.handler, this.log.child({ consumer: options.group })) },
      groupReady,
      // A group that existed and is gone went with the stream (Redis restarted empty): everything in
      // the stream now is new to the group, including what relays publish again, so it starts at 0.
      ensureGroup: (existed) => this.ensureGroup(options.group, existed ? "beginning" : startFrom),
      onStop: (stopped) => this.subscriptions.delete(stopped),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await closeRedis(this.redis);
  }

  private publishersKey(): string {
    return `${this.settings.stream}:publishers`;
  }

  /** Creates the group (and the stream) unless it exists; `startFrom` matters only the first time. */
  private async ensureGroup(group: string, startFrom: EventStartFrom): Promise<void> {
    try {
      await this.redis.call("XGROUP", [
        "CREATE",
        this.settings.stream,
        group,
        startFrom === "latest" ? "$" : "0",
        "MKSTREAM",
      ]);
    } catch (error) {
      if (!errorMessage(error).startsWith("BUSYGROUP")) throw error;
    }
  }
}
