import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { DomainEvent, EventBus, EventStartFrom, EventSubscribeOptions, EventSubscription } from "./event";
import { encodeEvent } from "./redis-codec";
import { REDIS_BUS_DEFAULTS, closeRedis, openRedis, type RedisBusSettings } from "./redis-connection";
import { RedisSubscription } from "./redis-subscription";
import { errorMessage } from "./timing";

/**
 * The event bus on Redis Streams: XADD to one capped stream, a consumer group per consumer name,
 * XACK after the handler succeeds, and XAUTOCLAIM so a crashed consumer's entries are redelivered.
 */
export class RedisStreamsEventBus implements EventBus {
  readonly kind = "redis-streams";
  readonly settings: RedisBusSettings;
  private readonly redis: Redis;
  private readonly subscriptions = new Set<RedisSubscription>();

  constructor(
    private readonly url: string,
    private readonly log: Logger,
    settings: Partial<RedisBusSettings> = {},
  ) {
    this.settings = { ...REDIS_BUS_DEFAULTS, ...settings };
    // Connects in the background: a subgraph starts even while Redis is down (its outbox waits).
    this.redis = openRedis(url, "pawgraph-events", log);
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    // MULTI: the batch is appended whole or not at all, in order.
    const transaction = this.redis.multi();
    for (const event of events) {
      transaction.call("XADD", [this.settings.stream, "MAXLEN", "~", String(this.settings.maxLen), "*", ...encodeEvent(event)]);
    }
    const results = await transaction.exec();
    if (!results) throw new Error("Redis MULTI was aborted");
    const failed = results.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  async subscribe(options: EventSubscribeOptions): Promise<EventSubscription> {
    const startFrom = options.startFrom ?? "beginning";
    // A first attempt now, so a publish right after subscribe is seen; if Redis is down the loop keeps trying.
    await this.ensureGroup(options.group, startFrom).catch((error: unknown) =>
      this.log.warn({ err: errorMessage(error), consumer: options.group }, "could not create consumer group yet; will retry"),
    );
    const subscription = new RedisSubscription({
      connection: openRedis(this.url, `pawgraph-consumer-${options.group}`, this.log),
      control: this.redis,
      settings: this.settings,
      log: this.log,
      subscribe: options,
      ensureGroup: () => this.ensureGroup(options.group, startFrom),
      onStop: (stopped) => this.subscriptions.delete(stopped),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await closeRedis(this.redis);
  }

  /** Creates the group (and the stream) unless it exists; `startFrom` matters only the first time. */
  private async ensureGroup(group: string, startFrom: EventStartFrom): Promise<void> {
    try {
      await this.redis.call("XGROUP", ["CREATE", this.settings.stream, group, startFrom === "latest" ? "$" : "0", "MKSTREAM"]);
    } catch (error) {
      if (!errorMessage(error).startsWith("BUSYGROUP")) throw error;
    }
  }
}
