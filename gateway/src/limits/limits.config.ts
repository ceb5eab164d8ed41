import { envBool, envInt, envOptional } from "@pawgraph/subgraph-kit/src/edge";

/**
 * What the gateway lets in (docs/decisions/0016-front-door-limits.md): the shape of a document
 * (tokens, depth, aliases, directives), its estimated cost, cost per minute per viewer and per IP,
 * how long one request may run, and what one WebSocket user may hold open.
 */
export interface LimitsConfig {
  /** False turns every limit here off: only for benchmarks that measure what the limits cost. */
  enabled: boolean;
  /** Lexical tokens in one document (env `MAX_QUERY_TOKENS`); parsing stops past it. */
  maxTokens: number;
  /** Nested selections in one operation (env `MAX_QUERY_DEPTH`); introspection's `__schema` is not counted. */
  maxDepth: number;
  /** Aliased fields in one operation (env `MAX_QUERY_ALIASES`). */
  maxAliases: number;
  /** Directives in one operation (env `MAX_QUERY_DIRECTIVES`). */
  maxDirectives: number;
  /** Estimated cost of one operation, list sizes included (env `MAX_QUERY_COST`; see query-cost.ts). */
  maxCost: number;
  /** Cost one signed-in viewer may spend per minute (env `RATE_LIMIT_VIEWER_COST_PER_MINUTE`; 0: no limit). */
  viewerCostPerMinute: number;
  /** Cost one client IP may spend per minute, signed in or not (env `RATE_LIMIT_IP_COST_PER_MINUTE`; 0: no limit). */
  ipCostPerMinute: number;
  /** Redis for the rate-limit counters, shared by every gateway instance (env `REDIS_URL`); memory otherwise. */
  redisUrl?: string;
  /** Prefix of the rate-limit keys in Redis (env `RATE_LIMIT_KEY_PREFIX`). */
  rateLimitKeyPrefix: string;
  /** Longest a request (or a WebSocket query/mutation) may run before it fails with GATEWAY_TIMEOUT (env `REQUEST_TIMEOUT_MS`). */
  requestTimeoutMs: number;
  /** WebSockets one user may hold open on one gateway instance (env `WS_MAX_SOCKETS_PER_USER`). */
  maxSocketsPerUser: number;
  /** Largest WebSocket message in bytes (env `WS_MAX_PAYLOAD_BYTES`); a larger one closes the socket with 1009. */
  maxWsPayloadBytes: number;
}

/** The production defaults; every one can be set by environment variable. */
export const DEFAULT_LIMITS: LimitsConfig = {
  enabled: true,
  maxTokens: 2_000,
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxCost: 5_000,
  viewerCostPerMinute: 60_000,
  ipCostPerMinute: 300_000,
  rateLimitKeyPrefix: "pawgraph:rate",
  requestTimeoutMs: 30_000,
  maxSocketsPerUser: 20,
  maxWsPayloadBytes: 64 * 1024,
};

export function limitsConfigFromEnv(): LimitsConfig {
  const d = DEFAULT_LIMITS;
  return {
    enabled: envBool("LIMITS_ENABLED", d.enabled),
    maxTokens: envInt("MAX_QUERY_TOKENS", d.maxTokens),
    maxDepth: envInt("MAX_QUERY_DEPTH", d.maxDepth),
    maxAliases: envInt("MAX_QUERY_ALIASES", d.maxAliases),
    maxDirectives: envInt("MAX_QUERY_DIRECTIVES", d.maxDirectives),
    maxCost: envInt("MAX_QUERY_COST", d.maxCost),
    viewerCostPerMinute: envInt("RATE_LIMIT_VIEWER_COST_PER_MINUTE", d.viewerCostPerMinute),
    ipCostPerMinute: envInt("RATE_LIMIT_IP_COST_PER_MINUTE", d.ipCostPerMinute),
    redisUrl: envOptional("REDIS_URL"),
    rateLimitKeyPrefix: envOptional("RATE_LIMIT_KEY_PREFIX") ?? d.rateLimitKeyPrefix,
    requestTimeoutMs: envInt("REQUEST_TIMEOUT_MS", d.requestTimeoutMs),
    maxSocketsPerUser: envInt("WS_MAX_SOCKETS_PER_USER", d.maxSocketsPerUser),
    maxWsPayloadBytes: envInt("WS_MAX_PAYLOAD_BYTES", d.maxWsPayloadBytes),
  };
}
