import type { ApolloServerPlugin, GraphQLRequestContext } from "@apollo/server";
import ApolloServerPluginResponseCache from "@apollo/server-plugin-response-cache";
import { InMemoryLRUCache, type KeyValueCache } from "@apollo/utils.keyvaluecache";
import { envBool, envInt, envOptional, envString, type Logger } from "@pawgraph/subgraph-kit/src/edge";
import type { GatewayContext } from "../context";
import { PublicDataVersions } from "./public-data-versions";
import { RedisKeyValueCache } from "./redis-key-value-cache";

/** The gateway's cache of anonymous answers (docs/decisions/0054). */
export interface ResponseCacheSettings {
  enabled: boolean;
  /** Subgraphs whose public data versions key the cache; an answer that asked any other is not stored. */
  subgraphs: string[];
  /** How often each version is read: with the event's trip through the outbox, how long a change can stay hidden. */
  pollMs: number;
  /** Shared by every gateway instance when set; otherwise this process's memory. */
  redisUrl?: string;
  memoryBytes: number;
}

/** `RESPONSE_CACHE_ENABLED` (true), `RESPONSE_CACHE_SUBGRAPHS` (catalog), `RESPONSE_CACHE_POLL_MS` (250), `REDIS_URL`, `RESPONSE_CACHE_MEMORY_MB` (32). */
export function responseCacheSettingsFromEnv(): ResponseCacheSettings {
  return {
    enabled: envBool("RESPONSE_CACHE_ENABLED", true),
    subgraphs: envString("RESPONSE_CACHE_SUBGRAPHS", "catalog")
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean),
    pollMs: envInt("RESPONSE_CACHE_POLL_MS", 250),
    redisUrl: envOptional("REDIS_URL"),
    memoryBytes: envInt("RESPONSE_CACHE_MEMORY_MB", 32) * 1024 * 1024,
  };
}

export type ResponseCacheOutcome = "hit" | "miss" | "unversioned";

/**
 * Who may share a cached answer: nobody signed in, no API key, no guest cart. Subgraphs hint
 * anonymous answers only (docs/decisions/0030), and this keeps every other request away from the
 * cache even if one day a hint slipped through: correct by construction, not by hints alone.
 */
export function isAnonymous(context: GatewayContext): boolean {
  return context.viewer === null && !context.authorization && !context.apiKey && !context.cartToken;
}

/** The cache, its versions, and the plugins that use them; `start` before serving, `stop` after. */
export class ResponseCache {
  private constructor(
    private readonly versions: PublicDataVersions,
    private readonly store: KeyValueCache<string>,
    private readonly redis: RedisKeyValueCache | undefined,
  ) {}

  static create(
    settings: ResponseCacheSettings,
    routing: () => Record<string, string>,
    options: { gatewaySecret: string; log: Logger },
  ): ResponseCache | undefined {
    if (!settings.enabled || settings.subgraphs.length === 0) return undefined;
    const versions = new PublicDataVersions(new Set(settings.subgraphs), routing, {
      pollMs: settings.pollMs,
      ...options,
    });
    const redis = settings.redisUrl ? RedisKeyValueCache.connect(settings.redisUrl, options.log) : undefined;
    const store = redis ?? new InMemoryLRUCache<string>({ maxSize: settings.memoryBytes });
    return new ResponseCache(versions, store, redis);
  }

  start(): Promise<void> {
    return this.versions.start();
  }

  async stop(): Promise<void> {
    this.versions.stop();
    await this.redis?.close();
  }

  /** Reads every version now (tests use it instead of waiting for the next poll). */
  refresh(): Promise<void> {
    return this.versions.poll();
  }

  plugins(record?: (outcome: ResponseCacheOutcome) => void): ApolloServerPlugin<GatewayContext>[] {
    // The versions each eligible request's key was made with.
    const keyedWith = new WeakMap<GatewayContext, string | undefined>();
    const versioned = (context: GatewayContext) => keyedWith.get(context) !== undefined;
    const tracking: ApolloServerPlugin<GatewayContext> = {
      async requestDidStart({ contextValue }) {
        // The subgraph data source notes each subgraph it asks for this request.
        if (isAnonymous(contextValue)) contextValue.subgraphsAsked = new Set();
        return {
          async willSendResponse({ contextValue: context, operation, metrics }) {
            if (!record || operation?.operation !== "query" || !isAnonymous(context)) return;
            record(!versioned(context) ? "unversioned" : metrics.responseCacheHit ? "hit" : "miss");
          },
        };
      },
    };
    const cache = ApolloServerPluginResponseCache<GatewayContext>({
      cache: this.store,
      // No sessions: a PRIVATE answer is never stored.
      sessionId: async () => null,
      extraCacheKeyData: async ({ contextValue }) => {
        const versions = isAnonymous(contextValue) ? this.versions.current() : undefined;
        keyedWith.set(contextValue, versions);
        return versions ?? null;
      },
      shouldReadFromCache: async ({ contextValue }) => isAnonymous(contextValue) && versioned(contextValue),
      shouldWriteToCache: async (request) => this.mayStore(request, keyedWith.get(request.contextValue)),
    });
    return [tracking, cache];
  }

  private mayStore(request: GraphQLRequestContext<GatewayContext>, keyedWith: string | undefined): boolean {
    const context = request.contextValue;
    if (!isAnonymous(context) || keyedWith === undefined) return false;
    // Moved while the answer was computed: stored under the old key, nobody would ever read it.
    if (this.versions.current() !== keyedWith) return false;
    // Only answers made of versioned subgraphs' data: another subgraph's change would go unseen.
    for (const subgraph of context.subgraphsAsked ?? []) if (!this.versions.subgraphs.has(subgraph)) return false;
    return true;
  }
}
