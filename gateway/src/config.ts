import { resolve } from "node:path";
import { createLogger, envBool, envInt, envOptional, envString, isProduction, type Logger } from "@pawgraph/subgraph-kit";
import { limitsConfigFromEnv, type LimitsConfig } from "./limits/limits.config";

export interface GatewayConfig {
  port: number;
  supergraphPath: string;
  /** Reload the supergraph file when it changes (default: outside production). */
  watchSupergraph: boolean;
  /** Routing URL for a subgraph name when it differs from supergraph.graphql's (env: `PETS_URL`, ...). */
  subgraphUrl: (name: string) => string | undefined;
  jwksUrl: string;
  /** Sent to subgraphs in `x-gateway-secret`. */
  gatewaySecret?: string;
  sandbox: boolean;
  introspection: boolean;
  /** Allowed browser origins; `true` reflects any origin (development), `false` sends no CORS headers. */
  corsOrigins: string[] | boolean;
  /** Operations one WebSocket may run at once (env `WS_MAX_OPERATIONS_PER_CONNECTION`, default 100). */
  maxOperationsPerSocket?: number;
  /** Front-door limits (docs/decisions/0016); the production defaults (`DEFAULT_LIMITS`) when absent. */
  limits?: LimitsConfig;
  log: Logger;
}

export function gatewayConfigFromEnv(): GatewayConfig {
  const production = isProduction();
  const sandbox = envBool("SANDBOX_ENABLED", !production);
  const origins = envOptional("CORS_ORIGINS");
  return {
    port: envInt("PORT", envInt("GATEWAY_PORT", 4000)),
    supergraphPath: envString("SUPERGRAPH_PATH", resolve(__dirname, "../../supergraph.graphql")),
    watchSupergraph: envBool("SUPERGRAPH_WATCH", !production),
    subgraphUrl: (name) => envOptional(`${name.toUpperCase()}_URL`),
    jwksUrl: envString("IDENTITY_JWKS_URL", "http://localhost:4001/.well-known/jwks.json"),
    gatewaySecret: envOptional("GATEWAY_SECRET"),
    sandbox,
    introspection: envBool("INTROSPECTION_ENABLED", sandbox),
    corsOrigins: origins ? origins.split(",").map((o) => o.trim()) : !production,
    maxOperationsPerSocket: envInt("WS_MAX_OPERATIONS_PER_CONNECTION", 100),
    limits: limitsConfigFromEnv(),
    log: createLogger("gateway"),
  };
}
