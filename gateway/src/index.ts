export { startGateway, subgraphsOf, type RunningGateway } from "./app";
export { SUBSCRIPTION_INTERRUPTED } from "./subscriptions/upstream";
export { SUBSCRIPTION_SCHEMA_RELOADED, TOO_MANY_SUBSCRIPTIONS } from "./subscriptions/ws-server";
export { gatewayConfigFromEnv, type GatewayConfig } from "./config";
export { PERSISTED_QUERY_NOT_FOUND, PERSISTED_QUERY_NOT_SUPPORTED, TRUSTED_DOCUMENT_REQUIRED, type TrustedDocumentsConfig, type TrustedDocumentsMode } from "./trusted-documents";
export { parseTrustProxy, type TrustProxy } from "./client-ip";
