import {
  apiKeySettingsFor,
  DEFAULT_LIMITS,
  startGateway,
  type GatewayObservabilitySettings,
  type LimitsConfig,
  responseCacheSettingsFromEnv,
  type ResponseCacheSettings,
  type RunningGateway,
  type SubgraphGuardSettings,
  type TrustedDocumentsConfig,
  type TrustProxy,
} from "@pawgraph/gateway";
import { createLogger, gatewaySecretFromEnv, revocationSettingsFor, type Logger } from "@pawgraph/subgraph-kit";

/** A gateway on the committed supergraph.graphql (or `supergraphPath`) routing to `urls` by subgraph name. */
export function startTestGateway(
  urls: Record<string, string>,
  jwksUrl: string,
  options: {
    gatewaySecret?: string;
    supergraphPath?: string;
    watchSupergraph?: boolean;
    maxOperationsPerSocket?: number;
    trustedDocuments?: TrustedDocumentsConfig;
    trustProxy?: TrustProxy;
    limits?: Partial<LimitsConfig>;
    revocations?: false;
    subgraphGuards?: SubgraphGuardSettings;
    /** How often the gateway reports API key usage to identity (default: env, 2 s). */
    apiKeyUsageFlushMs?: number;
    /** Metrics and the slow-operation log (default: from the environment). */
    observability?: GatewayObservabilitySettings;
    /**
     * The cache of anonymous answers (docs/decisions/0054): off unless a test turns it on. Test files
     * write and then read at once, and an anonymous read may be answered from the cache for about
     * half a second after a change; e2e/response-cache.e2e.test.ts tests that window.
     */
    responseCache?: Partial<ResponseCacheSettings>;
    /** Where the gateway logs (default: stdout at LOG_LEVEL). */
    log?: Logger;
    /** Sandbox at / and /graphql, GraphiQL at /graphiql (default: on, as in development). */
    sandbox?: boolean;
    /** The web app's build to serve at /app/ (default: none). */
    webAppDir?: string;
  } = {},
): Promise<RunningGateway> {
  return startGateway({
    port: 0,
    supergraphPath: options.supergraphPath ?? `${__dirname}/../supergraph.graphql`,
    watchSupergraph: options.watchSupergraph ?? false,
    subgraphUrl: (name) => urls[name],
    jwksUrl,
    // Off only for the bench that measures what the check costs.
    revocations:
      options.revocations === false
        ? undefined
        : revocationSettingsFor(jwksUrl, options.gatewaySecret ?? gatewaySecretFromEnv().secret),
    apiKeys: {
      ...apiKeySettingsFor(jwksUrl, options.gatewaySecret ?? gatewaySecretFromEnv().secret),
      ...(options.apiKeyUsageFlushMs ? { flushMs: options.apiKeyUsageFlushMs } : {}),
    },
    gatewaySecret: options.gatewaySecret ?? gatewaySecretFromEnv().secret,
    sandbox: options.sandbox ?? true,
    introspection: true,
    corsOrigins: true,
    maxOperationsPerSocket: options.maxOperationsPerSocket,
    trustedDocuments: options.trustedDocuments,
    trustProxy: options.trustProxy,
    // Production limits, so every test shows no real operation is refused; but no cost-per-minute
    // budget, since one test file sends far more from 127.0.0.1 than any client (limits.e2e.test.ts sets one).
    limits: { ...DEFAULT_LIMITS, viewerCostPerMinute: 0, ipCostPerMinute: 0, ...options.limits },
    subgraphGuards: options.subgraphGuards,
    observability: options.observability,
    responseCache: { ...responseCacheSettingsFromEnv(), enabled: false, ...options.responseCache },
    webAppDir: options.webAppDir,
    log: options.log ?? createLogger("gateway"),
  });
}
