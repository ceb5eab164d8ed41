// Pawgraph's gateway (gateway/src) on the Guild's supergraph, configured as pawgraph-config.ts says.
// Reads SUPERGRAPH_FILE, listens on PORT.
import { startGateway } from "@pawgraph/gateway";
import { pawgraphBenchConfig } from "./pawgraph-config";

startGateway(pawgraphBenchConfig(process.env.SUPERGRAPH_FILE!, Number(process.env.PORT))).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
