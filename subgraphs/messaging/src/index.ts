export { messagingConfigFromEnv, startMessaging, type MessagingConfig } from "./app";
export { buildMessagingSchema } from "./schema";
export { PUBLISHED_EVENTS } from "./events";
export { CONSUMED_EVENTS } from "./consumed-events";
export { PERSONAL_DATA } from "./personal-data";
