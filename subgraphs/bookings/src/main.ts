import { bookingsConfigFromEnv, startBookings } from "./app";

const config = bookingsConfigFromEnv();
startBookings(config)
  .then((running) => {
    const shutdown = () => void running.stop().finally(() => process.exit(0));
    process.once("SIGTERM", shutdown);
    process.once("SIGINT", shutdown);
  })
  .catch((error: unknown) => {
    config.log.fatal({ err: error }, "bookings failed to start");
    process.exit(1);
  });
