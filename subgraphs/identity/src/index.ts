export { identityConfigFromEnv, startIdentity, type IdentityConfig } from "./app";
export { SIGN_IN_LIMIT_DEFAULTS, type SignInLimitSettings } from "./session/sign-in-limiter";
export { buildIdentitySchema } from "./schema";
export { DEMO_PASSWORD } from "./seed";
export { PUBLISHED_EVENTS } from "./events";
export { CONSUMED_EVENTS } from "./consumed-events";
export { PERSONAL_DATA } from "./personal-data";
export type { SocialProviderConfig } from "./social/social-providers";
export { PRIVACY_PARTICIPANTS } from "./privacy/participants";
