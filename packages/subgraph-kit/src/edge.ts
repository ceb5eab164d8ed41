// What the gateway takes from the kit, and nothing that pulls in a subgraph's machinery (typeorm,
// type-graphql, class-validator, ioredis, schema building): `@pawgraph/subgraph-kit/src/edge`. The
// gateway importing the whole kit loaded ~3,300 modules and cost ~100 MB of idle memory (docs/decisions/0052);
// e2e/architecture-lint.test.ts keeps the gateway on this entry point.
export { AccessTokenVerifier, isPlatformAdmin, type Viewer } from "./auth";
export { CART_TOKEN_HEADER, CLIENT_IP_HEADER, REQUEST_ID_HEADER, cartTokenOf } from "./context";
export { createLogger, type Logger } from "./logger";
export { envBool, envInt, envOptional, envString, isProduction } from "./config";
export { hardenScalars } from "./dates";
export { DocumentCache } from "./document-cache";
export { ServiceUnavailableError, UnauthenticatedError, fieldOfVariableError } from "./errors";
export { GATEWAY_SECRET_HEADER, gatewaySecretFromEnv } from "./gateway-secret";
export { contextError, drainAndStop, healthRoutes, httpErrorHandler, listen, type RunningServer } from "./http-server";
export {
  InputGuardRule,
  inputGuardPlugin,
  showsSchemaSuggestions,
  variablesProblem,
  withoutSuggestions,
} from "./input-guard";
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./page-size";
// Only @opentelemetry/api: the SDK loads when tracing is turned on (docs/decisions/0051).
export {
  APOLLO_GATEWAY_TRACER,
  startTracing,
  stopsTracing,
  tracingSettingsFromEnv,
  type RunningTracing,
  type TracingSettings,
} from "./observability/tracing";
export { traceHeaders, traceRequests, traceSubgraphCall, tracingPlugin } from "./observability/tracing-http";
export { RevocationList, revocationSettingsFromEnv, type RevocationSettings } from "./revocation";
export { PUBLIC_DATA_VERSION_PATH, parsePublicDataVersion, type PublicDataVersion } from "./public-data/version";
export { HttpDrain, exitOnTerminationSignals, shutdownTimeoutMs } from "./shutdown";
export { subgraphTimeoutMs } from "./subgraph-client";
export type { DocumentCacheOptions } from "./document-cache";
export type { UpstreamConnectionParams, UpstreamOperationExtensions } from "./subscriptions";
export {
  Metrics,
  metricsFor,
  metricsRoute,
  metricsSettingsFromEnv,
  type MetricsSettings,
} from "./observability/metrics";
export { boundedOperationNames, metricsPlugin, type OperationLabel } from "./observability/metrics.plugin";
