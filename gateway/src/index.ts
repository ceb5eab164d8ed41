export { startGateway, subgraphsOf, type RunningGateway } from "./app";
export { SUBSCRIPTION_INTERRUPTED } from "./subscriptions/upstream";
export { SUBSCRIPTION_SCHEMA_RELOADED } from "./subscriptions/ws-server";
export { gatewayConfigFromEnv, type GatewayConfig } from "./config";
