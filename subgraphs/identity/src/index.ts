export { identityConfigFromEnv, startIdentity, type IdentityConfig } from "./app";
export { buildIdentitySchema } from "./schema";
export { DEMO_PASSWORD } from "./seed";
