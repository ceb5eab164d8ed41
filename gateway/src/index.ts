export { startGateway, subgraphsOf, type RunningGateway } from "./app";
export { SUBSCRIPTION_INTERRUPTED } from "./subscriptions/upstream";
export { SUBSCRIPTION_SCHEMA_RELOADED, TOO_MANY_SUBSCRIPTIONS } from "./subscriptions/ws-server";
export { gatewayConfigFromEnv, type GatewayConfig } from "./config";
export { DEFAULT_LIMITS, limitsConfigFromEnv, type LimitsConfig } from "./limits/limits.config";
export { GATEWAY_TIMEOUT, QUERY_TOO_COMPLEX, RATE_LIMITED } from "./limits/limits.errors";
export { DEFAULT_COST_MODEL, operationCost, type CostModel } from "./limits/query-cost";
export { limitValidationRules } from "./limits/validation.rules";
