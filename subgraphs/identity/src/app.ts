import { createLocalJWKSet } from "jose";
import { join } from "node:path";
import {
  AccessTokenVerifier,
  createLogger,
  startEventConsumers,
  startOutboxRelay,
  databaseUrlFor,
  dataDir,
  envBool,
  envInt,
  envOptional,
  publicUrlFor,
  envString,
  GATEWAY_SECRET_HEADER,
  gatewaySecretFromEnv,
  isGatewaySecret,
  isUnavailableError,
  isProduction,
  openPgPool,
  openPrivacyFileStore,
  REVOCATIONS_PATH,
  ResolverContainer,
  SubgraphClient,
  type SubgraphUrl,
  startSubgraphServer,
  stopSubgraph,
  type GatewaySecretSettings,
  ROLES,
  type RoleName,
  type Logger,
  type RunningSubgraph,
} from "@pawgraph/subgraph-kit";
// The schema first: it fixes the order resolver modules load in, which orders the emitted SDL.
import { buildIdentitySchema } from "./schema";
import { apiKeyRoutes } from "./api-key/api-key.routes";
import { ApiKeyRepository } from "./api-key/api-key.repository";
import { ApiKeyResolver } from "./api-key/api-key.resolver";
import { ApiKeyService } from "./api-key/api-key.service";
import { consumeClinicApproved } from "./clinic/clinic-approved.consumer";
import { ClinicRegistry } from "./clinic/clinic-registry";
import { createIdentityContext } from "./context";
import { openIdentityDatabase } from "./data-source";
import { SigningKeys } from "./keys/signing-keys";
import { NotificationContactResolver } from "./internal/notification-contact.resolver";
import { PasswordResetRepository } from "./password-reset/password-reset.repository";
import { PasswordResetResolver } from "./password-reset/password-reset.resolver";
import { PasswordResetService, type PasswordResetSettings } from "./password-reset/password-reset.service";
import { RevocationRepository } from "./revocation/revocation.repository";
import { RevocationService } from "./revocation/revocation.service";
import { PERSONAL_DATA } from "./personal-data";
import { AccountDeletionService, type AccountDeletionSettings } from "./privacy/account-deletion.service";
import { DataExportService, type DataExportSettings } from "./privacy/data-export.service";
import { consumePrivacyAnswers } from "./privacy/privacy.consumer";
import { PrivacyRepository } from "./privacy/privacy.repository";
import { PrivacyResolver } from "./privacy/privacy.resolver";
import { PrivacyScheduler } from "./privacy/privacy.scheduler";
import { seedDemoAccounts } from "./seed";
import { warmPasswordPolicy } from "./session/password-policy";
import { SessionResolver } from "./session/session.resolver";
import { SessionService, type SessionSettings } from "./session/session.service";
import {
  SIGN_IN_LIMIT_DEFAULTS,
  SignInLimiter,
  type RateLimit,
  type SignInLimitSettings,
} from "./session/sign-in-limiter";
import { TwoFactorRepository } from "./two-factor/two-factor.repository";
import { TwoFactorResolver } from "./two-factor/two-factor.resolver";
import { SocialProviders, socialProvidersFromEnv, type SocialProviderConfig } from "./social/social-providers";
import { SocialSignInResolver } from "./social/social.resolver";
import { SocialSignInService } from "./social/social-sign-in.service";
import { TwoFactorService } from "./two-factor/two-factor.service";
import { UserResolver } from "./user/user.resolver";
import { UserRepository } from "./user/user.repository";
import { UserService } from "./user/user.service";
import { EmailVerificationResolver } from "./verification/email-verification.resolver";
import { EmailVerificationRepository } from "./verification/email-verification.repository";
import { EmailVerificationService, type EmailVerificationSettings } from "./verification/email-verification.service";
import { consumeVendorEvents } from "./vendor/vendor-events.consumer";
import { VendorMembershipRepository } from "./vendor/vendor-membership.repository";
import { VendorStaffResolver } from "./vendor/vendor-staff.resolver";
import { VendorStaffService } from "./vendor/vendor-staff.service";

export interface IdentityConfig {
  port: number;
  databaseUrl: string;
  /** Shared with the gateway and the other subgraphs: required of incoming calls, sent on outgoing ones. */
  gatewaySecret: GatewaySecretSettings;
  /** bookings' GraphQL URL: identity asks it whether a clinic exists before giving a role there (env `BOOKINGS_URL`). */
  bookingsUrl: SubgraphUrl;
  /** PKCS#8 PEM of an Ed25519 key; without it a development key is kept under the data dir. */
  privateKeyPem?: string;
  keyId: string;
  devKeyFile: string;
  session: SessionSettings;
  emailVerification: EmailVerificationSettings;
  passwordReset: PasswordResetSettings;
  /** Budgets for sign-in, refresh, registration and password-reset attempts per IP (docs/decisions/0018); in Redis when `redisUrl` is set. */
  signInLimits: SignInLimitSettings;
  /** How often this instance rereads the revocation log (others' revocations); its own apply at once. */
  revocationPollMs: number;
  seedDemoData: boolean;
  /** Redis Streams for domain events and the shared sign-in limits when set; the Postgres bus and per-process limits otherwise. */
  redisUrl?: string;
  /** Publish identity's outbox (verification and password reset emails, registration notices) to the event bus; on by default. */
  relayEnabled: boolean;
  /** Consume other subgraphs' events (clinic.approved, vendor.approved, vendor.suspended); on by default. */
  consumeEvents: boolean;
  /** Emails that become platform admins when they register: how the first admin comes to be. */
  platformAdminEmails: string[];
  /** Data exports and account deletions (docs/decisions/0048). */
  privacy: {
    exports: DataExportSettings;
    deletions: AccountDeletionSettings;
    /** How often due account deletions are looked for (env `PRIVACY_POLL_MS`). */
    pollMs: number;
    /**
     * The public origin export download links start at: the gateway's, which forwards
     * `/files/identity/*` here (`IDENTITY_PUBLIC_URL`, else `PUBLIC_URL`, else http://localhost:4000).
     */
    publicUrl?: string | (() => string);
  };
  /** OpenID providers people may sign in with (docs/decisions/0047); none configured, none offered. */
  socialProviders: SocialProviderConfig;
  log: Logger;
}

export function identityConfigFromEnv(): IdentityConfig {
  /** Ed25519 private key (PKCS#8 PEM, `\n` escapes allowed) that signs access tokens; outside production one is generated once under `.data/keys/`. */
  const privateKeyPem = envOptional("JWT_PRIVATE_KEY")?.replace(/\\n/g, "\n");
  if (!privateKeyPem && isProduction()) throw new Error("JWT_PRIVATE_KEY is required in production");
  return {
    /** Listening port (env `PORT`, else `IDENTITY_PORT`; 4001). */
    port: envInt("PORT", envInt("IDENTITY_PORT", 4001)),
    databaseUrl: databaseUrlFor("identity"),
    gatewaySecret: gatewaySecretFromEnv(),
    bookingsUrl: envString("BOOKINGS_URL", "http://localhost:4004/graphql"),
    privateKeyPem,
    /** The `kid` of the signing key in tokens and the JWKS. */
    keyId: envOptional("JWT_KEY_ID") ?? "identity-1",
    devKeyFile: join(dataDir(), "keys", "identity-signing-key.json"),
    session: {
      /** Access token lifetime in seconds. */
      accessTokenTtlSeconds: envInt("ACCESS_TOKEN_TTL_SECONDS", 900),
      /** Refresh token lifetime in days when unused. */
      refreshTokenTtlDays: envInt("REFRESH_TOKEN_TTL_DAYS", 30),
      mfaRequiredRoles: rolesFromEnv("MFA_REQUIRED_ROLES"),
      mfaChallengeTtlSeconds: envInt("MFA_CHALLENGE_TTL_SECONDS", 300),
    },
    signInLimits: {
      loginPerAccountIp: limitFromEnv("LOGIN_RATE_LIMIT_PER_ACCOUNT_IP", SIGN_IN_LIMIT_DEFAULTS.loginPerAccountIp),
      loginPerIp: limitFromEnv("LOGIN_RATE_LIMIT_PER_IP", SIGN_IN_LIMIT_DEFAULTS.loginPerIp),
      refreshPerIp: limitFromEnv("REFRESH_RATE_LIMIT_PER_IP", SIGN_IN_LIMIT_DEFAULTS.refreshPerIp),
      registerPerIp: limitFromEnv("REGISTER_RATE_LIMIT_PER_IP", SIGN_IN_LIMIT_DEFAULTS.registerPerIp),
      passwordResetPerEmail: limitFromEnv(
        "PASSWORD_RESET_RATE_LIMIT_PER_EMAIL",
        SIGN_IN_LIMIT_DEFAULTS.passwordResetPerEmail,
      ),
      passwordResetPerIp: limitFromEnv("PASSWORD_RESET_RATE_LIMIT_PER_IP", SIGN_IN_LIMIT_DEFAULTS.passwordResetPerIp),
      mfaPerUser: limitFromEnv("MFA_RATE_LIMIT_PER_USER", SIGN_IN_LIMIT_DEFAULTS.mfaPerUser),
      socialStartPerIp: limitFromEnv("SOCIAL_SIGN_IN_RATE_LIMIT_PER_IP", SIGN_IN_LIMIT_DEFAULTS.socialStartPerIp),
      keyPrefix: envOptional("SIGN_IN_RATE_LIMIT_PREFIX") ?? SIGN_IN_LIMIT_DEFAULTS.keyPrefix,
    },
    emailVerification: {
      tokenTtlHours: envInt("EMAIL_VERIFICATION_TTL_HOURS", 24),
      resendIntervalSeconds: envInt("EMAIL_VERIFICATION_RESEND_SECONDS", 60),
      maxEmailsPerDay: envInt("EMAIL_VERIFICATION_MAX_PER_DAY", 5),
      registrationNoticeIntervalMinutes: envInt("REGISTRATION_NOTICE_INTERVAL_MINUTES", 60),
    },
    passwordReset: { tokenTtlMinutes: envInt("PASSWORD_RESET_TTL_MINUTES", 15) },
    socialProviders: socialProvidersFromEnv(),
    privacy: {
      exports: {
        perDay: envInt("DATA_EXPORTS_PER_DAY", 3),
        keepDays: envInt("DATA_EXPORT_KEEP_DAYS", 7),
        mailedLinkHours: envInt("DATA_EXPORT_LINK_HOURS", 24),
      },
      deletions: { graceSeconds: envInt("ACCOUNT_DELETION_GRACE_SECONDS", 14 * 86_400) },
      pollMs: envInt("PRIVACY_POLL_MS", 60_000),
      publicUrl: publicUrlFor("identity"),
    },
    relayEnabled: envBool("OUTBOX_RELAY_ENABLED", true),
    revocationPollMs: envInt("REVOCATION_POLL_MS", 1_000),
    /** Demo accounts, pets and shops on an empty database (never in production). */
    seedDemoData: envBool("SEED_DEMO_DATA", !isProduction()),
    /** Redis (env `REDIS_URL`) for the event streams and, where the subgraph has them, subscription fan-out and rate limits; unset, events go through Postgres. */
    redisUrl: envOptional("REDIS_URL"),
    consumeEvents: envBool("EVENT_CONSUMERS_ENABLED", true),
    platformAdminEmails: (envOptional("PLATFORM_ADMIN_EMAILS") ?? "")
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
    log: createLogger("identity"),
  };
}

/** A comma-separated list of roles, e.g. `CLINIC_ADMIN,PLATFORM_ADMIN`; an unknown name stops the start. */
function rolesFromEnv(name: string): RoleName[] {
  const names = (envOptional(name) ?? "")
    .split(",")
    .map((r) => r.trim().toUpperCase())
    .filter(Boolean);
  const unknown = names.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`${name}: unknown roles ${unknown.join(", ")}; known: ${ROLES.join(", ")}`);
  return names as RoleName[];
}

/** `NAME` is the budget, `NAME_WINDOW_SECONDS` its window. */
function limitFromEnv(name: string, fallback: RateLimit): RateLimit {
  return {
    points: envInt(name, fallback.points),
    /** `<NAME>_WINDOW_SECONDS`: the window of the budget `<NAME>`, in seconds. */
    windowSeconds: envInt(`${name}_WINDOW_SECONDS`, fallback.windowSeconds),
  };
}

/**
 * Composition root: config → keys and database → repositories → services → resolvers → server. The one place that
 * knows every class: each gets its collaborators here, by constructor (docs/decisions/0028).
 */
export async function startIdentity(config: IdentityConfig): Promise<RunningSubgraph> {
  const keys = config.privateKeyPem
    ? await SigningKeys.fromPem(config.privateKeyPem, config.keyId)
    : await SigningKeys.fromDevelopmentFile(config.devKeyFile);
  const { dataSource, sql } = await openIdentityDatabase(config.databaseUrl, config.log);
  const limiter = await SignInLimiter.create(config.signInLimits, config.redisUrl, config.log);
  // The password-strength dictionaries take ~0.5 s to load: once, before the first sign-up.
  warmPasswordPolicy();
  const logReader = openPgPool(
    { connectionString: config.databaseUrl, max: 2, application_name: "identity-revocation-log" },
    config.log,
  );
  const repositories = {
    users: new UserRepository(dataSource),
    revocations: new RevocationRepository(logReader),
    verification: new EmailVerificationRepository(),
    passwordResets: new PasswordResetRepository(),
    vendorMemberships: new VendorMembershipRepository(dataSource),
    twoFactor: new TwoFactorRepository(),
    apiKeys: new ApiKeyRepository(dataSource),
  };
  const revocations = new RevocationService(
    repositories.revocations,
    config.session.accessTokenTtlSeconds,
    config.revocationPollMs,
    config.log,
  );
  const verification = new EmailVerificationService(
    dataSource,
    repositories.verification,
    config.emailVerification,
    config.platformAdminEmails,
  );
  const clinics = new ClinicRegistry(new SubgraphClient("bookings", config.bookingsUrl, config.gatewaySecret.secret));
  const users = new UserService(dataSource, repositories.users, revocations, clinics);
  const sessions = new SessionService(
    dataSource,
    repositories.users,
    keys,
    config.session,
    verification,
    limiter,
    revocations,
    repositories.twoFactor,
  );
  const twoFactor = new TwoFactorService(dataSource, repositories.users, repositories.twoFactor, sessions, limiter);
  const passwordResets = new PasswordResetService(
    dataSource,
    repositories.passwordResets,
    sessions,
    limiter,
    revocations,
    config.passwordReset,
  );
  const vendorStaff = new VendorStaffService(
    dataSource,
    repositories.users,
    repositories.vendorMemberships,
    revocations,
  );
  const apiKeys = new ApiKeyService(dataSource, repositories.apiKeys, keys, revocations, sessions);
  const privacyFiles = await openPrivacyFileStore("identity", config.privacy.publicUrl);
  const privacy = new PrivacyRepository();
  const dataExports = new DataExportService(dataSource, privacy, privacyFiles.store, config.privacy.exports);
  const accountDeletions = new AccountDeletionService(
    dataSource,
    privacy,
    limiter,
    revocations,
    config.privacy.deletions,
    config.log,
  );
  const privacyScheduler = new PrivacyScheduler(accountDeletions, config.privacy.pollMs, config.log);
  if (config.seedDemoData) await seedDemoAccounts(dataSource, sessions, config.log);
  const resolvers = new ResolverContainer([
    new UserResolver(users),
    new SessionResolver(sessions),
    new EmailVerificationResolver(verification),
    new PasswordResetResolver(passwordResets),
    new NotificationContactResolver(users, vendorStaff),
    new VendorStaffResolver(vendorStaff),
    new TwoFactorResolver(twoFactor),
    new ApiKeyResolver(apiKeys),
    new SocialSignInResolver(
      new SocialSignInService(
        dataSource,
        new SocialProviders(config.socialProviders),
        sessions,
        repositories.users,
        limiter,
        config.log,
      ),
    ),
    new PrivacyResolver(dataExports, accountDeletions),
  ]);
  const running = await startSubgraphServer(
    {
      name: "identity",
      schema: await buildIdentitySchema(resolvers),
      log: config.log,
      verifier: new AccessTokenVerifier(createLocalJWKSet(keys.jwks), revocations.list),
      gatewaySecret: config.gatewaySecret,
      createContext: (base) => createIdentityContext(base, repositories.users, repositories.vendorMemberships),
      ready: async () => {
        await dataSource.query("SELECT 1");
      },
      routes: (app) => {
        app.get("/.well-known/jwks.json", (_req, res) => {
          res.set("cache-control", "public, max-age=300").json(keys.jwks);
        });
        // The gateway trades API keys for access tokens and reports their use (docs/decisions/0046).
        apiKeyRoutes(app, apiKeys, config.gatewaySecret.secret, config.log);
        // Signed links to finished data exports, when the privacy store is local disk.
        privacyFiles.routes(app);
        // Polled every second by the gateway and every subgraph (docs/decisions/0014-revocation.md).
        app.get(REVOCATIONS_PATH, async (req, res) => {
          // Internal, like the kit's @Internal() fields: only callers with the gateway secret, required or not.
          if (!isGatewaySecret(req.get(GATEWAY_SECRET_HEADER), config.gatewaySecret.secret)) {
            res.status(403).json({ error: "Requests must come through the gateway" });
            return;
          }
          try {
            res
              .set("cache-control", "no-store")
              .json(await revocations.page(typeof req.query.after === "string" ? req.query.after : null));
          } catch (error) {
            // Every process asks every second: a database outage is a warning here, not a stream of errors.
            config.log[isUnavailableError(error) ? "warn" : "error"]({ err: error }, "revocation log unavailable");
            res.status(503).json({ error: "revocation log unavailable" });
          }
        });
      },
    },
    config.port,
  );
  privacyFiles.listening(running.port);
  const relay = await startOutboxRelay({
    dataSource,
    schema: "identity",
    redisUrl: config.redisUrl,
    enabled: config.relayEnabled,
    log: config.log,
  });
  const consumers = await startEventConsumers({
    databaseUrl: config.databaseUrl,
    schema: "identity",
    redisUrl: config.redisUrl,
    enabled: config.consumeEvents,
    log: config.log,
    subscribe: (bus, events) =>
      Promise.all([
        consumeClinicApproved(bus, events, repositories.users),
        consumeVendorEvents(bus, events, {
          users: repositories.users,
          vendors: repositories.vendorMemberships,
          revocations,
        }),
        consumePrivacyAnswers(bus, events, { exports: dataExports, deletions: accountDeletions }),
      ]),
    // identity writes its part of exports like every subgraph; it erases itself last (AccountDeletionService).
    privacy: { registry: PERSONAL_DATA, erasesWhenDue: false },
  });
  privacyScheduler.start();
  return {
    ...running,
    name: "identity",
    sql,
    stop: () =>
      stopSubgraph(running, config.log, [
        ["privacy scheduler", () => privacyScheduler.stop()],
        ["event consumers", () => consumers.stop()],
        ["outbox relay", () => relay.stop()],
        ["sign-in limiter", () => limiter.close()],
        ["revocation log pool", () => logReader.end()],
        ["database pool", () => dataSource.destroy()],
      ]),
  };
}
