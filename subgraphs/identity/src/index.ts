export { identityConfigFromEnv, startIdentity, type IdentityConfig } from "./app";
export { buildIdentitySchema } from "./schema";
export { DEMO_CLINIC_ID, DEMO_PASSWORD } from "./seed";
