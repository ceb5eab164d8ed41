import {
  AccessTokenVerifier,
  SubgraphClient,
  startOutboxRelay,
  createLogger,
  databaseUrlFor,
  envBool,
  envInt,
  envOptional,
  envString,
  gatewaySecretSetting,
  startSubgraphServer,
  type Logger,
  type RunningSubgraph,
} from "@pawgraph/subgraph-kit";
import { createMessagingContext, type MessagingContext } from "./context";
import { ConversationService } from "./conversation/conversation.service";
import { openMessagingDatabase } from "./data-source";
import { buildMessagingSchema } from "./schema";

export interface MessagingConfig {
  port: number;
  databaseUrl: string;
  jwksUrl: string;
  petsUrl: string;
  gatewaySecret?: string;
  outgoingSecret?: string;
  redisUrl?: string;
  relayEnabled: boolean;
  log: Logger;
}

export function messagingConfigFromEnv(): MessagingConfig {
  return {
    port: envInt("PORT", envInt("MESSAGING_PORT", 4008)),
    databaseUrl: databaseUrlFor("messaging"),
    jwksUrl: envString("IDENTITY_JWKS_URL", "http://localhost:4001/.well-known/jwks.json"),
    petsUrl: envString("PETS_URL", "http://localhost:4002/graphql"),
    gatewaySecret: gatewaySecretSetting(),
    outgoingSecret: envOptional("GATEWAY_SECRET"),
    redisUrl: envOptional("REDIS_URL"),
    relayEnabled: envBool("OUTBOX_RELAY_ENABLED", true),
    log: createLogger("messaging"),
  };
}

/** Composition root: config → database → services → server. */
export async function startMessaging(config: MessagingConfig): Promise<RunningSubgraph> {
  const { dataSource: db, sql } = await openMessagingDatabase(config.databaseUrl, config.log);
  const pets = new SubgraphClient("pets", config.petsUrl, config.outgoingSecret);
  const services = { pets, conversations: new ConversationService(db, pets) };
  const running = await startSubgraphServer<MessagingContext>(
    {
      name: "messaging",
      schema: await buildMessagingSchema(),
      log: config.log,
      verifier: AccessTokenVerifier.fromJwksUrl(config.jwksUrl),
      gatewaySecret: config.gatewaySecret,
      createContext: (base) => createMessagingContext(base, services),
      ready: async () => {
        await db.query("SELECT 1");
      },
    },
    config.port,
  );
  const relay = await startOutboxRelay({ dataSource: db, schema: "messaging", redisUrl: config.redisUrl, enabled: config.relayEnabled, log: config.log });
  return {
    ...running,
    name: "messaging",
    sql,
    stop: async () => {
      await running.stop();
      await relay.stop();
      await db.destroy();
    },
  };
}
