import { envInt, envString, gatewaySecretFromEnv } from "@pawgraph/subgraph-kit/src/edge";

/** Where the gateway resolves API keys and reports their use (identity's internal routes, docs/decisions/0046). */
export interface ApiKeySettings {
  /** identity's `POST /internal/api-keys/access`. */
  accessUrl: string;
  /** identity's `POST /internal/api-keys/usage`. */
  usageUrl: string;
  /** Sent in `x-gateway-secret`. */
  gatewaySecret: string;
  /** How long an answer about a key is reused; at most 5 s, so a revoked key stops within 5 s even without the revocation log. */
  cacheMs: number;
  /** How often the counted requests are sent to identity. */
  flushMs: number;
  /** Bound on one call to identity. */
  timeoutMs: number;
}

/** The most an answer about a key may be cached: the promise made to a developer who revokes one. */
export const MAX_API_KEY_CACHE_MS = 5_000;

/** The routes of the identity at `identityUrl` (any URL of it); env `API_KEY_CACHE_MS` (5000), `API_KEY_USAGE_FLUSH_MS` (2000). */
export function apiKeySettingsFor(identityUrl: string, gatewaySecret: string): ApiKeySettings {
  return {
    accessUrl: new URL("/internal/api-keys/access", identityUrl).toString(),
    usageUrl: new URL("/internal/api-keys/usage", identityUrl).toString(),
    gatewaySecret,
    cacheMs: Math.min(Math.max(0, envInt("API_KEY_CACHE_MS", MAX_API_KEY_CACHE_MS)), MAX_API_KEY_CACHE_MS),
    flushMs: Math.max(100, envInt("API_KEY_USAGE_FLUSH_MS", 2_000)),
    timeoutMs: 3_000,
  };
}

/** From `IDENTITY_URL` (default http://localhost:4001) and `GATEWAY_SECRET`. */
export function apiKeySettingsFromEnv(): ApiKeySettings {
  return apiKeySettingsFor(envString("IDENTITY_URL", "http://localhost:4001"), gatewaySecretFromEnv().secret);
}
