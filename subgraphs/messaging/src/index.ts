export { messagingConfigFromEnv, startMessaging, type MessagingConfig } from "./app";
export { buildMessagingSchema } from "./schema";
