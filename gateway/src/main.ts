import { startGateway } from "./app";
import { gatewayConfigFromEnv } from "./config";

const config = gatewayConfigFromEnv();
startGateway(config)
  .then((running) => {
    config.log.info(`Pawgraph gateway ready: Apollo Sandbox at http://localhost:${running.port}/graphql`);
    const shutdown = () => void running.stop().finally(() => process.exit(0));
    process.once("SIGTERM", shutdown);
    process.once("SIGINT", shutdown);
  })
  .catch((error: unknown) => {
    config.log.fatal({ err: error }, "gateway failed to start");
    process.exit(1);
  });
