import { messagingConfigFromEnv, startMessaging } from "./app";

const config = messagingConfigFromEnv();
startMessaging(config)
  .then((running) => {
    const shutdown = () => void running.stop().finally(() => process.exit(0));
    process.once("SIGTERM", shutdown);
    process.once("SIGINT", shutdown);
  })
  .catch((error: unknown) => {
    config.log.fatal({ err: error }, "messaging failed to start");
    process.exit(1);
  });
