// Pawgraph's gateway as the gateway bench runs it: production's configuration but for what a load test
// from one address would trip. Shared by the bench's gateway process and guild.test.ts.
import { DEFAULT_LIMITS, type GatewayConfig } from "@pawgraph/gateway";
// The edge module, as gateway/src/main.ts has it: the barrel would load typeorm and inflate the RSS measured.
import { createLogger } from "@pawgraph/subgraph-kit/src/edge";

/**
 * No cost budget per minute (one IP sends everything) and no identity service (requests are anonymous:
 * no revocation polling, no API keys). The front-door shape and cost limits, trusted documents
 * (`allow`, the committed manifest), subgraph guards and cache-control all stay on.
 */
export function pawgraphBenchConfig(supergraphPath: string, port: number): GatewayConfig {
  return {
    port,
    supergraphPath,
    watchSupergraph: false,
    subgraphUrl: () => undefined,
    // Never fetched: no request carries a token.
    jwksUrl: "http://127.0.0.1:9/.well-known/jwks.json",
    gatewaySecret: "bench-gateways",
    sandbox: false,
    introspection: false,
    corsOrigins: false,
    limits: { ...DEFAULT_LIMITS, viewerCostPerMinute: 0, ipCostPerMinute: 0 },
    log: createLogger("gateway"),
  };
}
