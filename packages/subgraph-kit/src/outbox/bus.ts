import type { PoolConfig } from "pg";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { EventBus } from "./event";
import { pgConfigOf } from "./pg-listener";
import { PostgresEventBus, type PostgresBusSettings } from "./postgres-bus";
import { RedisStreamsEventBus } from "./redis-bus";
import type { RedisBusSettings } from "./redis-connection";

export interface EventBusOptions {
  /** `REDIS_URL`: set → Redis Streams; unset → the Postgres bus. */
  redisUrl?: string;
  /**
   * The database for the Postgres bus: a data source (its connection settings are reused, not its
   * pool) or a URL. Subgraphs only reach each other through it if they share one database.
   */
  database?: DataSource | string;
  log: Logger;
  redis?: Partial<RedisBusSettings>;
  postgres?: Partial<PostgresBusSettings>;
}

/** Opens the event bus the environment calls for: Redis Streams when `redisUrl` is set, Postgres otherwise. */
export async function createEventBus(options: EventBusOptions): Promise<EventBus> {
  const log = options.log.child({ component: "event-bus" });
  if (options.redisUrl) {
    // EVENT_STREAM names the stream, so separate deployments (or test runs) can share one Redis.
    const redis = { ...options.redis, stream: options.redis?.stream ?? process.env.EVENT_STREAM ?? "pawgraph:events" };
    log.info({ stream: redis.stream }, "event bus: Redis Streams");
    return new RedisStreamsEventBus(options.redisUrl, log, redis);
  }
  if (options.database === undefined)
    throw new Error("createEventBus needs REDIS_URL or a database for the Postgres event bus");
  const connection: PoolConfig =
    typeof options.database === "string" ? { connectionString: options.database } : pgConfigOf(options.database);
  log.info({ schema: options.postgres?.schema ?? "pawgraph_events" }, "event bus: Postgres (no REDIS_URL)");
  return PostgresEventBus.open(connection, log, options.postgres);
}
