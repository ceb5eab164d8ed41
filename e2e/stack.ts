import type { ResponseCacheSettings, RunningGateway, TrustProxy } from "@pawgraph/gateway";
import {
  startIdentity,
  identityConfigFromEnv,
  type SignInLimitSettings,
  type SocialProviderConfig,
} from "@pawgraph/identity";
import { startPets, petsConfigFromEnv } from "@pawgraph/pets";
import { ehrConfigFromEnv, startEhr } from "@pawgraph/ehr";
import { bookingsConfigFromEnv, startBookings } from "@pawgraph/bookings";
import { catalogConfigFromEnv, startCatalog } from "@pawgraph/catalog";
import { ordersConfigFromEnv, startOrders, type OrdersConfig } from "@pawgraph/orders";
import { aiConfigFromEnv, startAi, type AiConfig } from "@pawgraph/ai";
import { messagingConfigFromEnv, startMessaging, type MessagingConfig } from "@pawgraph/messaging";
import { reportsConfigFromEnv, startReports, type ReportsConfig } from "@pawgraph/reports";
import {
  gatewaySecretFromEnv,
  revocationSettingsFor,
  type GatewaySecretSettings,
  type RunningSubgraph,
  type RoleName,
} from "@pawgraph/subgraph-kit";
import { randomUUID } from "node:crypto";
import { Client as PgClient } from "pg";
import { startTestGateway } from "./test-gateway";

/** Registering with this email makes a platform admin (identity's PLATFORM_ADMIN_EMAILS). */
export const ADMIN_EMAIL = "platform-admin@example.test";

/** The composed stack, started in-process on free ports: what a client sees at the gateway. */
export interface Stack {
  gateway: RunningGateway;
  identity: RunningSubgraph;
  pets: RunningSubgraph;
  ehr: RunningSubgraph;
  bookings: RunningSubgraph;
  catalog: RunningSubgraph;
  orders: RunningSubgraph;
  ai: RunningSubgraph;
  messaging: RunningSubgraph;
  reports: RunningSubgraph;
  /** The secret the gateway and subgraphs share: a test calling a subgraph directly as a service sends it. */
  gatewaySecret: GatewaySecretSettings;
  /** The database and event stream this stack's subgraphs use. */
  databaseUrl: string;
  eventStream: string;
  /** The Redis this stack uses when a test gave it its own (`StackOptions.redisUrl`); else REDIS_URL's. */
  redisUrl?: string;
  /** Whether its subgraphs take part in privacy requests (`StackOptions.privacy` given). */
  privacyRequests?: boolean;
  stop: () => Promise<void>;
}

/** The URL of another database on the same server. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh database and event stream for one stack. Test files share the run's database and stream,
 * so a stack that consumes events sees every file's (the booking-heavy files queue hundreds of
 * notification emails); a file that counts on its own events arriving promptly asks for this.
 * The environment holds them only while the stack starts: configs and buses read it then.
 */
export async function ownDatabase(
  server?: string,
): Promise<{ url: string; stream: string; drop: () => Promise<void> }> {
  const base = server ?? process.env.DATABASE_URL!;
  const name = `${decodeURIComponent(new URL(base).pathname.slice(1))}_own_${randomUUID().slice(0, 8)}`;
  const admin = async (sql: string) => {
    const client = new PgClient({ connectionString: withDatabase(base, "postgres") });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  return {
    url: withDatabase(base, name),
    stream: `${process.env.EVENT_STREAM ?? "pawgraph:events"}:${name}`,
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** How a test stack starts; by default every subgraph requires the generated gateway secret, as in production. */
export interface StackOptions {
  /** The shared secret (default: the one generated under .data/keys, which `npm start` uses too). */
  gatewaySecret?: string;
  /** Whether subgraphs refuse calls without the secret (default true); internal fields need it either way. */
  requireGatewaySecret?: boolean;
  supergraphPath?: string;
  watchSupergraph?: boolean;
  messaging?: Partial<MessagingConfig>;
  /** orders' settings, e.g. a Stripe provider pointed at the test's stand-in. */
  orders?: Partial<OrdersConfig>;
  /** ai's settings, e.g. a model provider pointed at the test's OpenAI-compatible stand-in, or a quota. */
  ai?: Partial<AiConfig>;
  /** reports' settings, e.g. a short export-link lifetime. */
  reports?: Partial<ReportsConfig>;
  /** identity's sign-in budgets (each stack counts in its own keys and allows many sign-ups from 127.0.0.1). */
  signInLimits?: Partial<SignInLimitSettings>;
  /** Proxies the gateway trusts to name the client in X-Forwarded-For. */
  trustProxy?: TrustProxy;
  /** identity's MFA_REQUIRED_ROLES: roles left out of tokens until their holder turns on two-factor sign-in (default none). */
  mfaRequiredRoles?: RoleName[];
  /** OpenID providers identity offers (e.g. GOOGLE pointed at the test's oidc-provider-stand-in); none by default. */
  socialProviders?: SocialProviderConfig;
  /** More PLATFORM_ADMIN_EMAILS than the harness's own ADMIN_EMAIL. */
  platformAdminEmails?: string[];
  /**
   * With `ownDatabase`: the server address the stack connects to (a URL; its database name is ignored),
   * e.g. a test's TCP proxy in front of the run's server that can cut the stack off its database.
   */
  databaseServer?: string;
  /** A Redis of the test's own (e.g. one it restarts) instead of REDIS_URL's. */
  redisUrl?: string;
  /**
   * Privacy requests (exports, account deletions): given, every subgraph takes part (off in other
   * stacks, see e2e/global-setup.mjs), with identity's grace period and scheduler as set here.
   */
  privacy?: { graceSeconds?: number; pollMs?: number };
  /** How often the gateway reports API key usage to identity (default 2 s). */
  apiKeyUsageFlushMs?: number;
  /** The gateway's cache of anonymous answers (off in test stacks unless given; docs/decisions/0054). */
  responseCache?: Partial<ResponseCacheSettings>;
  /**
   * Where the links subgraphs hand out start (PUBLIC_URL; default the stack's own gateway), read when a
   * link is made: e.g. a second gateway serving the web app, whose page may connect to its own origin only.
   */
  publicUrl?: () => string;
}

/**
 * Starts identity, pets and ehr, then the gateway on the committed supergraph.graphql with their real
 * ports; on the run's shared database and event stream, or with `ownDatabase` on fresh ones.
 */
export async function startStack(options: StackOptions & { ownDatabase?: boolean } = {}): Promise<Stack> {
  if (!options.ownDatabase) {
    const where = {
      databaseUrl: process.env.DATABASE_URL!,
      eventStream: process.env.EVENT_STREAM ?? "pawgraph:events",
      redisUrl: options.redisUrl,
      privacyRequests: options.privacy !== undefined,
    };
    return options.redisUrl || where.privacyRequests
      ? onEnv(where, () => startStackOnEnv(options, async () => undefined))
      : startStackOnEnv(options, async () => undefined);
  }
  const own = await ownDatabase(options.databaseServer);
  return onEnv(
    {
      databaseUrl: own.url,
      eventStream: own.stream,
      redisUrl: options.redisUrl,
      privacyRequests: options.privacy !== undefined,
    },
    () => startStackOnEnv(options, own.drop),
  );
}

/** Runs `start` with DATABASE_URL, EVENT_STREAM (and REDIS_URL, if given) set to `where`'s, then puts the run's back. */
async function onEnv<T>(
  where: Pick<Stack, "databaseUrl" | "eventStream" | "redisUrl" | "privacyRequests">,
  start: () => Promise<T>,
): Promise<T> {
  const saved = {
    DATABASE_URL: process.env.DATABASE_URL,
    EVENT_STREAM: process.env.EVENT_STREAM,
    REDIS_URL: process.env.REDIS_URL,
    PRIVACY_REQUESTS_ENABLED: process.env.PRIVACY_REQUESTS_ENABLED,
  };
  process.env.DATABASE_URL = where.databaseUrl;
  process.env.EVENT_STREAM = where.eventStream;
  if (where.redisUrl) process.env.REDIS_URL = where.redisUrl;
  if (where.privacyRequests) process.env.PRIVACY_REQUESTS_ENABLED = "true";
  try {
    return await start();
  } finally {
    // Assigning undefined to process.env would store the string "undefined".
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** Starts two subgraphs at once; when one fails, stops the other if it started and throws the error. */
async function together<A extends RunningSubgraph, B extends RunningSubgraph>(
  starts: [Promise<A>, Promise<B>],
): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled(starts);
  if (a.status === "fulfilled" && b.status === "fulfilled") return [a.value, b.value];
  await Promise.all([a, b].map((r) => (r.status === "fulfilled" ? r.value.stop() : undefined)));
  throw (a.status === "rejected" ? a : (b as PromiseRejectedResult)).reason;
}

async function startStackOnEnv(options: StackOptions, afterStop: () => Promise<void>): Promise<Stack> {
  const databaseUrl = process.env.DATABASE_URL!;
  const gatewaySecret: GatewaySecretSettings = {
    secret: options.gatewaySecret ?? gatewaySecretFromEnv().secret,
    required: options.requireGatewaySecret ?? true,
  };
  const eventStream = process.env.EVENT_STREAM ?? "pawgraph:events";
  const redisUrl = options.redisUrl;
  const identityDefaults = identityConfigFromEnv();
  // identity and pets ask bookings about clinics, and bookings asks them: bookings starts after them,
  // and they read its address when they first ask (from the stack, so a restarted bookings is followed).
  const started: { stack?: Stack } = {};
  const bookingsUrl = () => started.stack?.bookings.url ?? "http://127.0.0.1:9/bookings-not-started";
  // Every link a subgraph hands out (files, calendar feeds, exports) starts at this stack's gateway,
  // which starts last and forwards those paths to the subgraph (docs/decisions/0060).
  const publicUrl =
    options.publicUrl ?? (() => (started.stack ? gatewayOriginOf(started.stack) : "http://127.0.0.1:9"));
  const identity = await startIdentity({
    ...identityDefaults,
    port: 0,
    gatewaySecret,
    bookingsUrl,
    // Every test signs up from 127.0.0.1: each stack counts in its own Redis keys and allows many
    // sign-ups; e2e/sign-in-abuse.e2e.test.ts tests the real budgets.
    signInLimits: {
      ...identityDefaults.signInLimits,
      keyPrefix: `test:${randomUUID()}:sign-in`,
      registerPerIp: { points: 100_000, windowSeconds: 3600 },
      ...options.signInLimits,
    },
    session: { ...identityDefaults.session, mfaRequiredRoles: options.mfaRequiredRoles ?? [] },
    socialProviders: options.socialProviders ?? {},
    seedDemoData: false,
    privacy: {
      ...identityDefaults.privacy,
      deletions: { graceSeconds: options.privacy?.graceSeconds ?? identityDefaults.privacy.deletions.graceSeconds },
      pollMs: options.privacy?.pollMs ?? identityDefaults.privacy.pollMs,
      publicUrl,
    },
    platformAdminEmails: [ADMIN_EMAIL, ...(options.platformAdminEmails ?? [])],
  });
  const jwksUrl = new URL("/.well-known/jwks.json", identity.url).toString();
  // Every process polls this stack's identity for revoked tokens.
  const revocations = revocationSettingsFor(identity.url, gatewaySecret.secret);
  // Each level starts at once what needs only the levels before it (most of a start is waiting on the database).
  const [pets, reports] = await together([
    startPets({ ...petsConfigFromEnv(), port: 0, jwksUrl, revocations, gatewaySecret, bookingsUrl }),
    startReports({
      ...reportsConfigFromEnv(),
      port: 0,
      jwksUrl,
      revocations,
      gatewaySecret,
      publicUrl,
      ...options.reports,
    }),
  ]);
  const ehrDefaults = ehrConfigFromEnv();
  const [ehr, bookings] = await together([
    startEhr({
      ...ehrDefaults,
      port: 0,
      jwksUrl,
      revocations,
      petsUrl: pets.url,
      gatewaySecret,
      files: { ...ehrDefaults.files, publicUrl },
      // Tests run the reminder job explicitly (e2e/ehr-events.e2e.test.ts), as separate processes.
      reminderJob: { ...ehrDefaults.reminderJob, enabled: false },
    }),
    startBookings({
      ...bookingsConfigFromEnv(),
      port: 0,
      jwksUrl,
      revocations,
      petsUrl: pets.url,
      identityUrl: identity.url,
      gatewaySecret,
      publicUrl,
    }),
  ]);
  const catalogDefaults = catalogConfigFromEnv();
  const [catalog, messaging] = await together([
    startCatalog({
      ...catalogDefaults,
      port: 0,
      jwksUrl,
      revocations,
      gatewaySecret,
      ehrUrl: ehr.url,
      files: { ...catalogDefaults.files, publicUrl },
    }),
    startMessaging(testMessagingConfig({ identity, pets, bookings, gatewaySecret, publicUrl }, options.messaging)),
  ]);
  const ordersDefaults = ordersConfigFromEnv();
  const orders = await startOrders({
    ...ordersDefaults,
    // Tests tick the care plan scheduler explicitly (e2e/care-plans.e2e.test.ts), under their own clock.
    carePlans: { ...ordersDefaults.carePlans, schedulerEnabled: false },
    port: 0,
    jwksUrl,
    revocations,
    gatewaySecret,
    catalogUrl: catalog.url,
    ehrUrl: ehr.url,
    petsUrl: pets.url,
    bookingsUrl: bookings.url,
    ...options.orders,
  });
  const aiDefaults = aiConfigFromEnv();
  const ai = await startAi({
    ...aiDefaults,
    files: { ...aiDefaults.files, publicUrl },
    port: 0,
    jwksUrl,
    revocations,
    gatewaySecret,
    petsUrl: pets.url,
    ehrUrl: ehr.url,
    bookingsUrl: bookings.url,
    catalogUrl: catalog.url,
    ordersUrl: orders.url,
    ...options.ai,
  });
  const urls: Record<string, string> = {
    identity: identity.url,
    pets: pets.url,
    ehr: ehr.url,
    bookings: bookings.url,
    catalog: catalog.url,
    orders: orders.url,
    ai: ai.url,
    messaging: messaging.url,
    reports: reports.url,
  };
  const gateway = await startTestGateway(urls, jwksUrl, { ...options, gatewaySecret: gatewaySecret.secret });
  const stack: Stack = {
    gateway,
    identity,
    pets,
    ehr,
    bookings,
    catalog,
    orders,
    ai,
    messaging,
    reports,
    gatewaySecret,
    databaseUrl,
    eventStream,
    redisUrl,
    privacyRequests: options.privacy !== undefined,
    // Reads the fields at stop time: a test may have restarted a subgraph.
    stop: async () => {
      await stack.gateway.stop();
      await stack.reports.stop();
      await stack.messaging.stop();
      await stack.ai.stop();
      await stack.orders.stop();
      await stack.catalog.stop();
      await stack.bookings.stop();
      await stack.ehr.stop();
      await stack.pets.stop();
      await stack.identity.stop();
      await afterStop();
    },
  };
  started.stack = stack;
  return stack;
}

/** Stops the messaging subgraph and starts it again on the same port (a deploy or crash, as the gateway sees it). */
export async function restartMessaging(
  stack: Stack,
  overrides: Partial<MessagingConfig> = {},
  options: { stopped?: boolean } = {},
): Promise<void> {
  const { port } = stack.messaging;
  if (!options.stopped) await stack.messaging.stop();
  stack.messaging = await onEnv(stack, () =>
    startMessaging(testMessagingConfig({ ...stack, publicUrl: () => gatewayOriginOf(stack) }, { port, ...overrides })),
  );
}

/** Stops the pets subgraph and starts it again on the same port (ehr and the gateway keep its address). */
export async function restartPets(stack: Stack, options: { stopped?: boolean } = {}): Promise<void> {
  const { port } = stack.pets;
  if (!options.stopped) await stack.pets.stop();
  const jwksUrl = jwksUrlOf(stack);
  stack.pets = await onEnv(stack, () =>
    startPets({
      ...petsConfigFromEnv(),
      port,
      jwksUrl,
      revocations: revocationSettingsFor(stack.identity.url, stack.gatewaySecret.secret),
      gatewaySecret: stack.gatewaySecret,
      bookingsUrl: () => stack.bookings.url,
    }),
  );
}

/** This test file's notification consumer group (jest loads this module once per test file). */
const NOTIFICATIONS_GROUP = `messaging.notifications.test.${randomUUID()}`;

/** messaging's settings in a test stack: the stack's subgraphs, a free port, and `overrides`. */
export function testMessagingConfig(
  subgraphs: Pick<Stack, "identity" | "pets" | "bookings" | "gatewaySecret"> & {
    /** The origin attachment links start at: the stack's gateway. */
    publicUrl?: () => string;
  },
  overrides: Partial<MessagingConfig> = {},
): MessagingConfig {
  const defaults = messagingConfigFromEnv();
  return {
    ...defaults,
    files: { ...defaults.files, publicUrl: subgraphs.publicUrl ?? defaults.files.publicUrl },
    port: 0,
    jwksUrl: new URL("/.well-known/jwks.json", subgraphs.identity.url).toString(),
    revocations: revocationSettingsFor(subgraphs.identity.url, subgraphs.gatewaySecret.secret),
    petsUrl: subgraphs.pets.url,
    identityUrl: subgraphs.identity.url,
    bookingsUrl: subgraphs.bookings.url,
    gatewaySecret: subgraphs.gatewaySecret,
    // Test files run in parallel stacks on one database and one event stream: only the tests about
    // notifications turn them on, so no other stack takes their events or sends their email.
    // And a stack that does consume starts at the newest event, not behind every other file's bookings.
    consumeEvents: false,
    deliveryEnabled: false,
    consumeFrom: "latest",
    // Its own consumer group per test file: a group shared with an earlier file would resume behind
    // every event the whole run wrote since (a backlog of other files' bookings, seconds long).
    notificationsGroup: NOTIFICATIONS_GROUP,
    ...overrides,
  };
}

/** Each subgraph's GraphQL URL in a running stack, for a test's own gateway (spread it and override one to reroute it). */
export function subgraphUrls(
  stack: Pick<Stack, "identity" | "pets" | "ehr" | "bookings" | "catalog" | "orders" | "ai" | "messaging" | "reports">,
): Record<string, string> {
  return {
    identity: stack.identity.url,
    pets: stack.pets.url,
    ehr: stack.ehr.url,
    bookings: stack.bookings.url,
    catalog: stack.catalog.url,
    orders: stack.orders.url,
    ai: stack.ai.url,
    messaging: stack.messaging.url,
    reports: stack.reports.url,
  };
}

/** The gateway's origin: where every public link of the stack (files, calendar feeds, exports) starts. */
export function gatewayOriginOf(stack: Pick<Stack, "gateway">): string {
  return new URL(stack.gateway.url).origin;
}

/** Where identity publishes its signing keys. */
export function jwksUrlOf(stack: Pick<Stack, "identity">): string {
  return new URL("/.well-known/jwks.json", stack.identity.url).toString();
}
