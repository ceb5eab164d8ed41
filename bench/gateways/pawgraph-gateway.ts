// Pawgraph's gateway (gateway/src) on the Guild's supergraph, configured as pawgraph-config.ts says.
// Reads SUPERGRAPH_FILE, listens on PORT. Drains and exits on SIGTERM as gateway/src/main.ts does, so a
// run with `--cpu-prof` (BENCH_GATEWAY_NODE_ARGS) writes its profile when the bench stops it.
import { startGateway } from "@pawgraph/gateway";
import { exitOnTerminationSignals } from "@pawgraph/subgraph-kit/src/edge";
import { pawgraphBenchConfig } from "./pawgraph-config";

const config = pawgraphBenchConfig(process.env.SUPERGRAPH_FILE!, Number(process.env.PORT));
const started = startGateway(config);
exitOnTerminationSignals("gateway", config.log, started);
started.catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
