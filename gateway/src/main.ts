import { exitOnTerminationSignals, stopsTracing } from "@pawgraph/subgraph-kit/src/edge";
import { startGateway } from "./app";
import { gatewayConfigFromEnv } from "./config";
import { startGatewayTracing } from "./observability/tracing";

const config = gatewayConfigFromEnv();
const tracing = startGatewayTracing();
const started = stopsTracing(startGateway(config), tracing);
// Drains on SIGTERM/SIGINT: stop accepting, WebSockets 1001, requests in flight, then the rest (docs/decisions/0023).
exitOnTerminationSignals("gateway", config.log, started);
started
  .then((running) =>
    config.log.info(
      `Pawgraph gateway ready: Apollo Sandbox at http://localhost:${running.port}/graphql` +
        (running.graphiql ? `, GraphiQL (works offline) at http://localhost:${running.port}/graphiql` : "") +
        (running.webApp ? `, web app at http://localhost:${running.port}/app/` : ""),
    ),
  )
  .catch((error: unknown) => {
    config.log.fatal({ err: error }, "gateway failed to start");
    process.exit(1);
  });
