import { Redis } from "ioredis";
import type { Logger } from "pino";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { LimitsConfig } from "./limits.config";

export type RateDecision = { allowed: true } | { allowed: false; scope: "viewer" | "ip"; retryAfterSeconds: number };

const WINDOW_SECONDS = 60;

/**
 * Cost per minute per signed-in viewer and per client IP (rate-limiter-flexible). Every operation
 * spends its estimated cost (at least 1), so a client may send many cheap requests or a few dear
 * ones. With Redis the counters are shared by every gateway instance; should Redis fail, each
 * instance counts in memory meanwhile (the insurance limiter) rather than refusing everyone.
 */
export class CostRateLimiter {
  private constructor(
    private readonly viewer: RateLimiterAbstract | undefined,
    private readonly ip: RateLimiterAbstract | undefined,
    private readonly redis: Redis | undefined,
    private readonly log: Logger,
  ) {}

  static create(config: LimitsConfig, log: Logger): CostRateLimiter {
    // No offline queue: while Redis is away a consume fails at once and the insurance limiter answers.
    const redis = config.redisUrl
      ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
      : undefined;
    redis?.on("error", (error) =>
      log.warn({ err: error }, "rate-limit Redis unavailable; counting in memory meanwhile"),
    );
    const limiter = (scope: "viewer" | "ip", points: number): RateLimiterAbstract | undefined => {
      if (!config.enabled || points <= 0) return undefined;
      const memory = new RateLimiterMemory({
        points,
        duration: WINDOW_SECONDS,
        keyPrefix: `${config.rateLimitKeyPrefix}:${scope}`,
      });
      if (!redis) return memory;
      return new RateLimiterRedis({
        storeClient: redis,
        points,
        duration: WINDOW_SECONDS,
        keyPrefix: `${config.rateLimitKeyPrefix}:${scope}`,
        insuranceLimiter: memory,
      });
    };
    return new CostRateLimiter(
      limiter("viewer", config.viewerCostPerMinute),
      limiter("ip", config.ipCostPerMinute),
      redis,
      log,
    );
  }

  /** Spends `cost` from the viewer's and the IP's budgets; refused when either is spent. */
  async consume(viewerId: string | undefined, ip: string | undefined, cost: number): Promise<RateDecision> {
    const points = Math.max(1, Math.ceil(cost));
    const checks: Promise<RateDecision>[] = [];
    if (this.viewer && viewerId) checks.push(this.spend(this.viewer, "viewer", viewerId, points));
    if (this.ip && ip) checks.push(this.spend(this.ip, "ip", ip, points));
    if (checks.length === 0) return { allowed: true };
    const decisions = await Promise.all(checks);
    return decisions.find((d) => !d.allowed) ?? { allowed: true };
  }

  private async spend(
    limiter: RateLimiterAbstract,
    scope: "viewer" | "ip",
    key: string,
    points: number,
  ): Promise<RateDecision> {
    try {
      await limiter.consume(key, points);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes)
        return { allowed: false, scope, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      // A store error the insurance limiter could not absorb: let the request through, loudly.
      this.log.error({ err: rejection }, "rate limiter failed; request allowed");
      return { allowed: true };
    }
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}
