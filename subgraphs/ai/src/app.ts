import {
  AccessTokenVerifier,
  RevocationList,
  revocationSettingsFromEnv,
  type RevocationSettings,
  SubgraphClient,
  createLogger,
  databaseUrlFor,
  envBool,
  envInt,
  envOptional,
  envString,
  fileStoreSettingsFromEnv,
  openFileStore,
  openRealtimePubSub,
  gatewaySecretFromEnv,
  startEventConsumers,
  startOutboxRelay,
  startSubgraphServer,
  stopSubgraph,
  ResolverContainer,
  type FileStoreSettings,
  type GatewaySecretSettings,
  type Logger,
  type RunningSubgraph,
} from "@pawgraph/subgraph-kit";
// The schema first: it fixes the order resolver modules load in, which orders the emitted SDL.
import { buildAiSchema } from "./schema";
import { AssistantRepository } from "./assistant/assistant.repository";
import { AssistantResolver } from "./assistant/assistant.resolver";
import { AssistantService } from "./assistant/assistant.service";
import { PromptedModelAnswerer } from "./assistant/model-answerer";
import { AssistantSubscriptions } from "./assistant/assistant.subscriptions";
import { DEFAULT_POISON_CONTACTS, type PoisonContact } from "./assistant/escalation";
import { OfflineAnswerer } from "./assistant/offline-answerer";
import { createAiContext } from "./context";
import { openAiDatabase } from "./data-source";
import { AI_SCHEMA } from "./events";
import type { Embedder } from "./embedding/embedder";
import { embedderFromEnv } from "./embedding/embedder-from-env";
import { ProviderEmbedder } from "./embedding/provider-embedder";
import type { AnswerModel } from "./model/answer-model";
import { answerModelFromEnv } from "./model/answer-model-from-env";
import { LocalEmbedder } from "./embedding/local-embedder";
import { KnowledgeDocumentResolver } from "./knowledge/knowledge-document.resolver";
import { KnowledgeDocumentService } from "./knowledge/knowledge-document.service";
import { ingestKnowledge, KNOWLEDGE_DIR } from "./knowledge/knowledge-ingest";
import { KnowledgeRepository } from "./knowledge/knowledge.repository";
import { AssistantRealtime, type RealtimeTopics } from "./realtime/realtime";
import { PERSONAL_DATA } from "./personal-data";
import { PetRecommendationsResolver } from "./pet/pet-recommendations.resolver";
import { RecommendationService } from "./recommendation/recommendation.service";
import { ShopClients } from "./recommendation/shop.clients";
import { PetRecordClient } from "./record/pet-record.client";
import { Retriever } from "./retrieval/retriever";
import { ExactVectorIndex, PgvectorIndex } from "./retrieval/vector-index";

export interface AiConfig {
  port: number;
  databaseUrl: string;
  jwksUrl: string;
  revocations: RevocationSettings;
  gatewaySecret: GatewaySecretSettings;
  /** pets' GraphQL URL: the pet's profile, asked with the asker's token. */
  petsUrl: string;
  /** ehr's GraphQL URL: the pet's record, asked with the asker's token. */
  ehrUrl: string;
  /** bookings' GraphQL URL: the nearest open clinic for emergencies. */
  bookingsUrl: string;
  /** catalog's GraphQL URL: the products a pet's recommendations are ranked from (internal field, gateway secret) and the model's product-search tool. */
  catalogUrl: string;
  /** orders' GraphQL URL: the asker's past purchases, asked with their token. */
  ordersUrl: string;
  /** The care articles ingested on start (default: subgraphs/ai/knowledge). */
  knowledgeDir: string;
  /** The embedder: a provider's when `AI_EMBEDDING_MODEL` is set, else the local one. */
  embedder: () => Embedder;
  /** The language model, or null offline (`AI_PROVIDER`, default offline). */
  model: () => AnswerModel | null;
  /** Questions per user per rolling hour (env `AI_QUOTA_PER_HOUR`, default 30). */
  quotaPerHour: number;
  poisonContacts: PoisonContact[];
  /** Where uploaded PDFs for the knowledge index go (S3 or local disk). */
  files: FileStoreSettings;
  redisUrl?: string;
  /** Publish the outbox (its answers to privacy requests) from this process; on by default. */
  relayEnabled: boolean;
  /** Take part in identity's privacy requests (exports and erasures); on by default. */
  consumeEvents: boolean;
  log: Logger;
}

function poisonContactsFromEnv(): PoisonContact[] {
  /** JSON `[{ "name", "phone" }]` of the poison helplines the emergency block names (default: US and UK lines). */
  const raw = envOptional("AI_POISON_CONTROL");
  if (!raw) return DEFAULT_POISON_CONTACTS;
  const parsed: unknown = JSON.parse(raw);
  if (!Array.isArray(parsed) || !parsed.every((c) => typeof c?.name === "string" && typeof c?.phone === "string"))
    throw new Error('AI_POISON_CONTROL must be a JSON array of { "name", "phone" }');
  return parsed as PoisonContact[];
}

export function aiConfigFromEnv(): AiConfig {
  return {
    /** Listening port (env `PORT`, else `AI_PORT`; 4007). */
    port: envInt("PORT", envInt("AI_PORT", 4007)),
    databaseUrl: databaseUrlFor("ai"),
    jwksUrl: envString("IDENTITY_JWKS_URL", "http://localhost:4001/.well-known/jwks.json"),
    revocations: revocationSettingsFromEnv(),
    gatewaySecret: gatewaySecretFromEnv(),
    petsUrl: envString("PETS_URL", "http://localhost:4002/graphql"),
    ehrUrl: envString("EHR_URL", "http://localhost:4003/graphql"),
    bookingsUrl: envString("BOOKINGS_URL", "http://localhost:4004/graphql"),
    catalogUrl: envString("CATALOG_URL", "http://localhost:4005/graphql"),
    ordersUrl: envString("ORDERS_URL", "http://localhost:4006/graphql"),
    knowledgeDir: envString("AI_KNOWLEDGE_DIR", KNOWLEDGE_DIR),
    embedder: () => embedderFromEnv(),
    model: () => answerModelFromEnv(),
    quotaPerHour: envInt("AI_QUOTA_PER_HOUR", 30),
    poisonContacts: poisonContactsFromEnv(),
    files: fileStoreSettingsFromEnv("ai"),
    /** Redis (env `REDIS_URL`) for the event streams and, where the subgraph has them, subscription fan-out and rate limits; unset, events go through Postgres. */
    redisUrl: envOptional("REDIS_URL"),
    relayEnabled: envBool("OUTBOX_RELAY_ENABLED", true),
    consumeEvents: envBool("EVENT_CONSUMERS_ENABLED", true),
    log: createLogger("ai"),
  };
}

/**
 * Composition root: config → database → knowledge index → retrieval → answerers → server. The one
 * place that knows every class (docs/decisions/0028).
 */
export async function startAi(config: AiConfig): Promise<RunningSubgraph> {
  const { dataSource: db, sql } = await openAiDatabase(config.databaseUrl, config.log);
  const client = (name: string, url: string) => new SubgraphClient(name, url, config.gatewaySecret.secret);
  const embedder = config.embedder();
  const knowledge = new KnowledgeRepository(db);
  await ingestKnowledge(db, knowledge, embedder, config.log, config.knowledgeDir);
  // A provider's embedder learns its dimension from its first answer; pgvector needs it up front.
  const dimensions = embedder instanceof ProviderEmbedder ? await embedder.learnDimensions() : embedder.dimensions;
  const vectors =
    (await PgvectorIndex.open(db, embedder.model, dimensions, config.log)) ??
    new ExactVectorIndex(knowledge, embedder.model, config.log);
  // Loaded before the first question, which would otherwise wait for it.
  await vectors.refresh();
  const model = config.model();
  const bookings = client("bookings", config.bookingsUrl);
  const exchanges = new AssistantRepository(db);
  const files = await openFileStore(config.files, "ai");
  const live = openRealtimePubSub<RealtimeTopics>({ redisUrl: config.redisUrl, log: config.log });
  const realtime = new AssistantRealtime(live.pubSub);
  const petRecords = new PetRecordClient(client("pets", config.petsUrl), client("ehr", config.ehrUrl));
  const assistant = new AssistantService(
    exchanges,
    petRecords,
    new Retriever(knowledge, embedder, vectors),
    new OfflineAnswerer(new LocalEmbedder()),
    model && new PromptedModelAnswerer(model, { catalog: client("catalog", config.catalogUrl), bookings }),
    bookings,
    realtime,
    { quotaPerHour: config.quotaPerHour, poisonContacts: config.poisonContacts },
  );
  const resolvers = new ResolverContainer([
    new AssistantResolver(assistant, exchanges),
    new AssistantSubscriptions(realtime, exchanges),
    new PetRecommendationsResolver(
      new RecommendationService(
        petRecords,
        new ShopClients(
          client("catalog", config.catalogUrl),
          client("orders", config.ordersUrl),
          client("ehr", config.ehrUrl),
        ),
        new LocalEmbedder(),
      ),
    ),
    new KnowledgeDocumentResolver(new KnowledgeDocumentService(knowledge, embedder, vectors, files.store), knowledge),
  ]);
  const running = await startSubgraphServer(
    {
      name: "ai",
      schema: await buildAiSchema(resolvers),
      log: config.log,
      verifier: AccessTokenVerifier.fromJwksUrl(
        config.jwksUrl,
        RevocationList.overHttp(config.revocations, config.log),
        config.log,
      ),
      gatewaySecret: config.gatewaySecret,
      createContext: (base) => createAiContext(base, exchanges, knowledge),
      ready: async () => {
        await db.query("SELECT 1");
      },
      subscriptions: true,
      routes: (app) => files.routes(app),
    },
    config.port,
  );
  files.listening(running.port);
  const relay = await startOutboxRelay({
    dataSource: db,
    schema: AI_SCHEMA,
    redisUrl: config.redisUrl,
    enabled: config.relayEnabled,
    log: config.log,
  });
  const consumers = await startEventConsumers({
    databaseUrl: config.databaseUrl,
    schema: AI_SCHEMA,
    redisUrl: config.redisUrl,
    enabled: config.consumeEvents,
    log: config.log,
    privacy: { registry: PERSONAL_DATA },
  });
  return {
    ...running,
    name: "ai",
    sql,
    stop: () =>
      stopSubgraph(running, config.log, [
        ["event consumers", () => consumers.stop()],
        ["outbox relay", () => relay.stop()],
        ["realtime pub/sub", () => live.close()],
        ["database pool", () => db.destroy()],
      ]),
  };
}
