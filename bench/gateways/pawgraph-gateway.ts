// Pawgraph's gateway (gateway/src) on the Guild's supergraph, configured as in production but for what
// a load test from one address would trip: no cost budget per minute (one IP sends everything) and no
// identity service (requests are anonymous, no revocation polling, no API keys). The front-door shape
// and cost limits, trusted documents (`allow`), subgraph guards and cache-control all stay on.
// Reads SUPERGRAPH_FILE, listens on PORT.
import { DEFAULT_LIMITS, startGateway } from "@pawgraph/gateway";
// The edge module, as gateway/src/main.ts has it: the barrel would load typeorm and inflate the RSS measured.
import { createLogger } from "@pawgraph/subgraph-kit/src/edge";

startGateway({
  port: Number(process.env.PORT),
  supergraphPath: process.env.SUPERGRAPH_FILE!,
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
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
