export { bookingsConfigFromEnv, startBookings, type BookingsConfig } from "./app";
export { buildBookingsSchema } from "./schema";
export { PUBLISHED_EVENTS } from "./events";
export { PERSONAL_DATA } from "./personal-data";
export { CONSUMED_EVENTS } from "./consumed-events";
