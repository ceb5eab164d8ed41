import { Redis } from "ioredis";
import type { Logger } from "pino";
import { errorMessage } from "./timing";

export interface RedisBusSettings {
  /** The one stream all subgraphs publish to (default `pawgraph:events`). */
  stream: string;
  /** Approximate cap on the stream (XADD MAXLEN ~, default 100 000): a consumer further behind loses the oldest. */
  maxLen: number;
  /** How long one XREADGROUP waits for new entries (default 2000 ms). */
  blockMs: number;
  /**
   * A delivered entry left unacknowledged this long is taken over by another consumer of its group
   * (default 30 s). This is the crash timeout: keep it above the slowest handler.
   */
  claimIdleMs: number;
  /** How often a consumer looks for such stale entries (default 5 s). */
  claimIntervalMs: number;
  /** First retry delay after a failure (default 1 s). */
  retryMs: number;
  /** Longest retry delay (default 30 s). */
  maxBackoffMs: number;
}

export const REDIS_BUS_DEFAULTS: RedisBusSettings = {
  stream: "pawgraph:events",
  maxLen: 100_000,
  blockMs: 2000,
  claimIdleMs: 30_000,
  claimIntervalMs: 5000,
  retryMs: 1000,
  maxBackoffMs: 30_000,
};

/** A Redis connection for the event bus that fails fast while Redis is away and logs each outage once. */
export function openRedis(url: string, name: string, log: Logger): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    // RESP2: stream replies keep their documented nested shape (RESP3 maps arrive flattened).
    protocol: 2,
    // Fail a command after one reconnect attempt instead of queueing it: the relay then rolls back
    // and backs off, and its rows wait in the outbox.
    maxRetriesPerRequest: 1,
    // How long disconnect() waits for a graceful close before destroying the socket. ioredis arms
    // this timer even when the socket is already gone (Redis down), which would hold the process
    // open for the default 2 s after close().
    disconnectTimeout: 100,
    // Reconnect attempts at most 500 ms apart (ioredis' default grows to 2 s): 'ready' after a
    // reconnect is what ends the loops' backoff, so this delay is the delay of delivery once Redis
    // is back (the promise is 2 s). A refused connection attempt costs a down Redis nothing.
    retryStrategy: (attempts: number) => Math.min(attempts * 50, 500),
  });
  let down = false;
  redis.on("error", (error: Error) => {
    // ioredis reports every failed reconnect attempt; callers log their own retries.
    if (!down) log.warn({ err: errorMessage(error), connection: name }, "Redis connection failed; reconnecting");
    down = true;
  });
  redis.on("ready", () => {
    if (down) log.info({ connection: name }, "Redis connection restored");
    down = false;
  });
  return redis;
}

/** QUIT when connected (pending replies arrive first), otherwise drop the socket and stop reconnecting. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "ready") await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}
