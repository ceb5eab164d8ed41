export { startGateway, subgraphsOf } from "./app";
export { gatewayConfigFromEnv, type GatewayConfig } from "./config";
