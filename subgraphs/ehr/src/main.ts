import { ehrConfigFromEnv, startEhr } from "./app";

const config = ehrConfigFromEnv();
startEhr(config)
  .then((running) => {
    const shutdown = () => void running.stop().finally(() => process.exit(0));
    process.once("SIGTERM", shutdown);
    process.once("SIGINT", shutdown);
  })
  .catch((error: unknown) => {
    config.log.fatal({ err: error }, "ehr failed to start");
    process.exit(1);
  });
