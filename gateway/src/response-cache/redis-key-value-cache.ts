import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import { Redis } from "ioredis";
import type { Logger } from "@pawgraph/subgraph-kit/src/edge";

/**
 * The response cache's store when `REDIS_URL` is set, shared by every gateway instance. Written on
 * the ioredis client the gateway already uses for its rate limits rather than Keyv's adapter, which
 * would bring a second Redis client library for three commands (docs/decisions/0054).
 *
 * A cache is never worth a failed request: while Redis is away every call fails at once (no offline
 * queue, one attempt, a short command timeout) and counts as a miss, logged once per outage.
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  private failing = false;

  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
    private readonly prefix = "pawgraph:response-cache:",
  ) {}

  static connect(url: string, log: Logger): RedisKeyValueCache {
    const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 250 });
    // ioredis reconnects by itself; without a listener an error would be thrown as unhandled.
    redis.on("error", () => {});
    return new RedisKeyValueCache(redis, log);
  }

  async get(key: string): Promise<string | undefined> {
    return this.guarded(async () => (await this.redis.get(this.prefix + key)) ?? undefined, undefined);
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl;
    await this.guarded(async () => {
      if (ttl) await this.redis.set(this.prefix + key, value, "EX", Math.max(1, Math.ceil(ttl)));
      else await this.redis.set(this.prefix + key, value);
    }, undefined);
  }

  async delete(key: string): Promise<boolean | void> {
    return this.guarded(async () => (await this.redis.del(this.prefix + key)) > 0, false);
  }

  close(): Promise<void> {
    return this.redis.quit().then(
      () => undefined,
      () => this.redis.disconnect(),
    );
  }

  private async guarded<T>(call: () => Promise<T>, fallback: T): Promise<T> {
    try {
      const result = await call();
      if (this.failing) {
        this.failing = false;
        this.log.info("response cache: Redis answers again");
      }
      return result;
    } catch (error) {
      if (!this.failing) {
        this.failing = true;
        this.log.warn({ err: error }, "response cache: Redis unavailable, answering without the cache meanwhile");
      }
      return fallback;
    }
  }
}
