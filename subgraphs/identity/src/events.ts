/** The domain events identity publishes (through its outbox), with their payloads. */
export const IDENTITY_SCHEMA = "identity";

/**
 * An account must confirm its address: messaging emails `token` to `email` as a transactional mail
 * (no preference turns it off). The token is the only copy outside the mail: identity keeps its hash.
 */
export interface EmailVerificationRequestedPayload extends Record<string, unknown> {
  userId: string;
  email: string;
  displayName: string;
  token: string;
  expiresAt: string;
}

/**
 * Someone tried to register with an address that already has an account: `register` answered as
 * for a new address, and messaging tells the account's owner instead (transactional).
 */
export interface RegistrationAttemptedPayload extends Record<string, unknown> {
  userId: string;
  email: string;
  displayName: string;
}

export const EMAIL_VERIFICATION_REQUESTED = "user.email_verification_requested";
export const REGISTRATION_ATTEMPTED = "user.registration_attempted";
