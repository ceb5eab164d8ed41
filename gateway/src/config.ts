import { resolve } from "node:path";
import { parseTrustProxy, type TrustProxy } from "./client-ip";
import { fileStoreOrigins } from "./explorer/file-origins";
import {
  createLogger,
  envBool,
  envInt,
  envOptional,
  envString,
  gatewaySecretFromEnv,
  isProduction,
  revocationSettingsFromEnv,
  type Logger,
  type RevocationSettings,
} from "@pawgraph/subgraph-kit/src/edge";
import {
  trustedDocumentsConfigFromEnv,
  type TrustedDocumentsConfig,
} from "./trusted-documents/trusted-documents.policy";
import { limitsConfigFromEnv, type LimitsConfig } from "./limits/limits.config";
import type { GatewayObservabilitySettings } from "./observability/gateway-metrics";
import { subgraphGuardSettingsFromEnv, type SubgraphGuardSettings } from "./subgraph-guard";
import type { ResponseCacheSettings } from "./response-cache/response-cache";
import { apiKeySettingsFromEnv, type ApiKeySettings } from "./api-keys/api-key-settings";

export interface GatewayConfig {
  port: number;
  supergraphPath: string;
  /** Reload the supergraph file when it changes (default: outside production). */
  watchSupergraph: boolean;
  /** Routing URL for a subgraph name when it differs from supergraph.graphql's (env: `PETS_URL`, ...). */
  subgraphUrl: (name: string) => string | undefined;
  jwksUrl: string;
  /**
   * identity's revocation log, polled so revoked tokens stop within seconds (env `IDENTITY_URL`,
   * `REVOCATION_POLL_MS`). Always set from the environment; left out only by the benchmark that
   * measures what the check costs.
   */
  revocations?: RevocationSettings;
  /** identity's API key routes (env `IDENTITY_URL`, `API_KEY_CACHE_MS`, `API_KEY_USAGE_FLUSH_MS`); without them API keys are refused. */
  apiKeys?: ApiKeySettings;
  /** Sent to subgraphs in `x-gateway-secret` (and in their WebSockets' `connection_init`). */
  gatewaySecret: string;
  sandbox: boolean;
  introspection: boolean;
  /** Allowed browser origins; `true` reflects any origin (development), `false` sends no CORS headers. */
  corsOrigins: string[] | boolean;
  /** Proxies trusted to report the client's address in `X-Forwarded-For` (env `TRUST_PROXY`; default none). */
  trustProxy?: TrustProxy;
  /** Operations one WebSocket may run at once (env `WS_MAX_OPERATIONS_PER_CONNECTION`, default 100). */
  maxOperationsPerSocket?: number;
  /** Identical subscriptions of one access token run once, their events fanned out (env `WS_SHARE_SUBSCRIPTIONS`, default true; docs/decisions/0056). */
  shareSubscriptions?: boolean;
  /** Which documents run (env `TRUSTED_DOCUMENTS`, `TRUSTED_DOCUMENTS_MANIFEST`); default `allow` with the committed manifest. */
  trustedDocuments?: TrustedDocumentsConfig;
  /** Front-door limits (docs/decisions/0016); the production defaults (`DEFAULT_LIMITS`) when absent. */
  limits?: LimitsConfig;
  /** Timeout, circuit breaker and in-flight bound per subgraph (docs/decisions/0025); from the environment when absent. */
  subgraphGuards?: SubgraphGuardSettings;
  /** How long `stop` lets requests in flight finish (default: env `SHUTDOWN_TIMEOUT_MS`, 10 s; docs/decisions/0023). */
  shutdownTimeoutMs?: number;
  /** Metrics at `/metrics` and the slow-operation log (env `METRICS_ENABLED`, `METRICS_TOKEN`, `SLOW_OPERATION_MS`). */
  observability?: GatewayObservabilitySettings;
  /** The cache of anonymous answers (docs/decisions/0054); from the environment when absent. */
  responseCache?: ResponseCacheSettings;
  /** The React web app's build (clients/web/dist), served at `/app/` when set (env `WEB_APP_DIR`). */
  webAppDir?: string;
  /** Where the web app's browsers send and read files besides the gateway: the S3 bucket's host, from the subgraphs' S3 settings. */
  webAppFileOrigins?: string[];
  log: Logger;
}

/** The manifest `npm run generate` writes from clients/operations. */
export const DEFAULT_MANIFEST_PATH = resolve(__dirname, "../../clients/__generated__/persisted-documents.json");
/** The same operations as clients/web sends them, with `__typename` in every selection (docs/decisions/0061-react-web-app.md). */
export const WEB_MANIFEST_PATH = resolve(__dirname, "../../clients/__generated__/web/persisted-documents.json");
/** The manifests trusted unless `TRUSTED_DOCUMENTS_MANIFEST` names others. */
export const DEFAULT_MANIFEST_PATHS = [DEFAULT_MANIFEST_PATH, WEB_MANIFEST_PATH];

export function gatewayConfigFromEnv(): GatewayConfig {
  const production = isProduction();
  /** Apollo Sandbox's landing page at `/graphql` and GraphiQL at `/graphiql` (env `SANDBOX_ENABLED`; on outside production). */
  const sandbox = envBool("SANDBOX_ENABLED", !production);
  /** Comma-separated browser origins allowed by CORS (env `CORS_ORIGINS`); unset, any origin outside production and none in production. */
  const origins = envOptional("CORS_ORIGINS");
  return {
    /** Listening port (env `PORT`, else `GATEWAY_PORT`; 4000). */
    port: envInt("PORT", envInt("GATEWAY_PORT", 4000)),
    /** The composed schema the gateway serves (env `SUPERGRAPH_PATH`; default the repository's `supergraph.graphql`). */
    supergraphPath: envString("SUPERGRAPH_PATH", resolve(__dirname, "../../supergraph.graphql")),
    /** Reload the supergraph when its file changes; live subscriptions are told to resubscribe (env `SUPERGRAPH_WATCH`; on outside production). */
    watchSupergraph: envBool("SUPERGRAPH_WATCH", !production),
    /** A subgraph's address instead of its routing URL in the supergraph, e.g. `PETS_URL` (env `<SUBGRAPH>_URL`). */
    subgraphUrl: (subgraph) => envOptional(`${subgraph.toUpperCase()}_URL`),
    /** Where identity's public keys for access tokens are fetched (cached; refetched on an unknown `kid`). */
    jwksUrl: envString("IDENTITY_JWKS_URL", "http://localhost:4001/.well-known/jwks.json"),
    revocations: revocationSettingsFromEnv(),
    apiKeys: apiKeySettingsFromEnv(),
    gatewaySecret: gatewaySecretFromEnv().secret,
    sandbox,
    /** Schema introspection (env `INTROSPECTION_ENABLED`; default: as `SANDBOX_ENABLED`). */
    introspection: envBool("INTROSPECTION_ENABLED", sandbox),
    corsOrigins: origins ? origins.split(",").map((o) => o.trim()) : !production,
    maxOperationsPerSocket: envInt("WS_MAX_OPERATIONS_PER_CONNECTION", 100),
    shareSubscriptions: envBool("WS_SHARE_SUBSCRIPTIONS", true),
    trustedDocuments: trustedDocumentsConfigFromEnv(DEFAULT_MANIFEST_PATHS),
    trustProxy: parseTrustProxy(envOptional("TRUST_PROXY")),
    limits: limitsConfigFromEnv(),
    subgraphGuards: subgraphGuardSettingsFromEnv(),
    webAppDir: envOptional("WEB_APP_DIR"),
    // The subgraphs' S3 settings (kit's fileStoreSettingsFromEnv), read here for the page policy only.
    webAppFileOrigins: fileStoreOrigins({
      S3_BUCKET: envOptional("S3_BUCKET"),
      S3_REGION: envOptional("S3_REGION"),
      S3_ENDPOINT: envOptional("S3_ENDPOINT"),
      S3_PUBLIC_ENDPOINT: envOptional("S3_PUBLIC_ENDPOINT"),
      S3_FORCE_PATH_STYLE: envOptional("S3_FORCE_PATH_STYLE"),
    }),
    log: createLogger("gateway"),
  };
}
