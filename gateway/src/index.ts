export { startGateway, subgraphsOf, type RunningGateway } from "./app";
export { SUBSCRIPTION_INTERRUPTED } from "./subscriptions/upstream";
export { SUBSCRIPTION_SCHEMA_RELOADED, TOO_MANY_SUBSCRIPTIONS } from "./subscriptions/ws-server";
export { gatewayConfigFromEnv, type GatewayConfig } from "./config";
export { parseTrustProxy, type TrustProxy } from "./client-ip";
