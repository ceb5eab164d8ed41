import { createLocalJWKSet } from "jose";
import { join } from "node:path";
import {
  AccessTokenVerifier,
  createLogger,
  startEventConsumers,
  databaseUrlFor,
  dataDir,
  envBool,
  envInt,
  envOptional,
  GATEWAY_SECRET_HEADER,
  gatewaySecretSetting,
  isProduction,
  REVOCATIONS_PATH,
  startSubgraphServer,
  type Logger,
  type RunningSubgraph,
} from "@pawgraph/subgraph-kit";
import { consumeClinicApproved } from "./clinic/clinic-approved.consumer";
import { createIdentityContext } from "./context";
import { openIdentityDatabase } from "./data-source";
import { SigningKeys } from "./keys/signing-keys";
import { RevocationService } from "./revocation/revocation.service";
import { buildIdentitySchema } from "./schema";
import { seedDemoAccounts } from "./seed";
import { SessionService, type SessionSettings } from "./session/session.service";
import { UserService } from "./user/user.service";

export interface IdentityConfig {
  port: number;
  databaseUrl: string;
  gatewaySecret?: string;
  /** PKCS#8 PEM of an Ed25519 key; without it a development key is kept under the data dir. */
  privateKeyPem?: string;
  keyId: string;
  devKeyFile: string;
  session: SessionSettings;
  /** How often this instance rereads the revocation log (others' revocations); its own apply at once. */
  revocationPollMs: number;
  seedDemoData: boolean;
  /** Redis Streams for domain events when set; the Postgres bus otherwise. */
  redisUrl?: string;
  /** Consume other subgraphs' events (clinic.approved); on by default. */
  consumeEvents: boolean;
  /** Emails that become platform admins when they register: how the first admin comes to be. */
  platformAdminEmails: string[];
  log: Logger;
}

export function identityConfigFromEnv(): IdentityConfig {
  const privateKeyPem = envOptional("JWT_PRIVATE_KEY")?.replace(/\\n/g, "\n");
  if (!privateKeyPem && isProduction()) throw new Error("JWT_PRIVATE_KEY is required in production");
  return {
    port: envInt("PORT", envInt("IDENTITY_PORT", 4001)),
    databaseUrl: databaseUrlFor("identity"),
    gatewaySecret: gatewaySecretSetting(),
    privateKeyPem,
    keyId: envOptional("JWT_KEY_ID") ?? "identity-1",
    devKeyFile: join(dataDir(), "keys", "identity-signing-key.json"),
    session: {
      accessTokenTtlSeconds: envInt("ACCESS_TOKEN_TTL_SECONDS", 900),
      refreshTokenTtlDays: envInt("REFRESH_TOKEN_TTL_DAYS", 30),
      lockoutThreshold: envInt("LOGIN_LOCKOUT_THRESHOLD", 5),
      lockoutMinutes: envInt("LOGIN_LOCKOUT_MINUTES", 15),
    },
    revocationPollMs: envInt("REVOCATION_POLL_MS", 1_000),
    seedDemoData: envBool("SEED_DEMO_DATA", !isProduction()),
    redisUrl: envOptional("REDIS_URL"),
    consumeEvents: envBool("EVENT_CONSUMERS_ENABLED", true),
    platformAdminEmails: (envOptional("PLATFORM_ADMIN_EMAILS") ?? "").split(",").map((e) => e.trim().toLowerCase()).filter(Boolean),
    log: createLogger("identity"),
  };
}

/** Composition root: config → keys and database → services → server. */
export async function startIdentity(config: IdentityConfig): Promise<RunningSubgraph> {
  const keys = config.privateKeyPem
    ? await SigningKeys.fromPem(config.privateKeyPem, config.keyId)
    : await SigningKeys.fromDevelopmentFile(config.devKeyFile);
  const { dataSource, sql } = await openIdentityDatabase(config.databaseUrl, config.log);
  const revocations = new RevocationService(dataSource, config.session.accessTokenTtlSeconds, config.revocationPollMs, config.log);
  const services = {
    users: new UserService(dataSource, revocations),
    sessions: new SessionService(dataSource, keys, config.session, config.platformAdminEmails, revocations),
  };
  if (config.seedDemoData) await seedDemoAccounts(dataSource, services.sessions, config.log);
  const running = await startSubgraphServer(
    {
      name: "identity",
      schema: await buildIdentitySchema(),
      log: config.log,
      verifier: new AccessTokenVerifier(createLocalJWKSet(keys.jwks), revocations.list),
      gatewaySecret: config.gatewaySecret,
      createContext: (base) => createIdentityContext(base, services),
      ready: async () => {
        await dataSource.query("SELECT 1");
      },
      routes: (app) => {
        app.get("/.well-known/jwks.json", (_req, res) => {
          res.set("cache-control", "public, max-age=300").json(keys.jwks);
        });
        // Polled every second by the gateway and every subgraph (docs/decisions/0014-revocation.md).
        app.get(REVOCATIONS_PATH, async (req, res) => {
          if (config.gatewaySecret !== undefined && req.get(GATEWAY_SECRET_HEADER) !== config.gatewaySecret) {
            res.status(403).json({ error: "Requests must come through the gateway" });
            return;
          }
          try {
            res.set("cache-control", "no-store").json(await revocations.page(typeof req.query.after === "string" ? req.query.after : null));
          } catch (error) {
            config.log.error({ err: error }, "revocation log unavailable");
            res.status(503).json({ error: "revocation log unavailable" });
          }
        });
      },
    },
    config.port,
  );
  const consumers = await startEventConsumers({ databaseUrl: config.databaseUrl, schema: "identity", redisUrl: config.redisUrl, enabled: config.consumeEvents, log: config.log, subscribe: consumeClinicApproved });
  return {
    ...running,
    name: "identity",
    sql,
    stop: async () => {
      await running.stop();
      await consumers.stop();
      await dataSource.destroy();
    },
  };
}
