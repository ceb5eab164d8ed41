export { startGateway, subgraphsOf, type RunningGateway } from "./app";
export { SUBSCRIPTION_INTERRUPTED } from "./subscriptions/upstream";
export { SUBSCRIPTION_SCHEMA_RELOADED, TOO_MANY_SUBSCRIPTIONS } from "./subscriptions/ws-server";
export { SUBSCRIPTION_TOO_SLOW } from "./subscriptions/shared-subscriptions";
export { DEFAULT_MANIFEST_PATHS, gatewayConfigFromEnv, type GatewayConfig } from "./config";
export {
  PERSISTED_QUERY_NOT_FOUND,
  PERSISTED_QUERY_NOT_SUPPORTED,
  TRUSTED_DOCUMENT_REQUIRED,
  type TrustedDocumentsConfig,
  type TrustedDocumentsMode,
} from "./trusted-documents";
export { parseTrustProxy, type TrustProxy } from "./client-ip";
export { DEFAULT_LIMITS, limitsConfigFromEnv, type LimitsConfig } from "./limits/limits.config";
export { GATEWAY_TIMEOUT, QUERY_TOO_COMPLEX, RATE_LIMITED } from "./limits/limits.errors";
export { DEFAULT_COST_MODEL, operationCost, type CostModel } from "./limits/query-cost";
export { limitValidationRules } from "./limits/validation.rules";
export { CostRateLimiter } from "./limits/cost-rate-limiter";
export { raceDeadline } from "./limits/request-deadline";
export {
  DEFAULT_GUARD_SETTINGS,
  SubgraphGuard,
  subgraphGuardSettingsFromEnv,
  type SubgraphGuardSettings,
  type SubgraphGuardStatus,
} from "./subgraph-guard";
export { FAILURE_CODES, MAX_ERRORS_PER_FETCH } from "./subgraph-failure";
export { SubgraphDataSource } from "./subgraph-data-source";
export { apiKeySettingsFor, type ApiKeySettings } from "./api-keys/api-key-settings";
export { gatewayObservabilityFromEnv, type GatewayObservabilitySettings } from "./observability/gateway-metrics";
export {
  ResponseCache,
  responseCacheSettingsFromEnv,
  type ResponseCacheSettings,
} from "./response-cache/response-cache";
