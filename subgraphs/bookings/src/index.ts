export { bookingsConfigFromEnv, startBookings, type BookingsConfig } from "./app";
export { buildBookingsSchema } from "./schema";
export { PUBLISHED_EVENTS } from "./events";
