import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type GraphQLFormattedError } from "graphql";
import { DEFAULT_LIMITS, startGateway, type LimitsConfig, type RunningGateway, type SubgraphGuardSettings, type TrustedDocumentsConfig, type TrustProxy } from "@pawgraph/gateway";
import { startIdentity, identityConfigFromEnv, type SignInLimitSettings } from "@pawgraph/identity";
import { startPets, petsConfigFromEnv } from "@pawgraph/pets";
import { ehrConfigFromEnv, startEhr } from "@pawgraph/ehr";
import { bookingsConfigFromEnv, startBookings } from "@pawgraph/bookings";
import { messagingConfigFromEnv, startMessaging, type MessagingConfig } from "@pawgraph/messaging";
import { createLogger, gatewaySecretFromEnv, revocationSettingsFor, type GatewaySecretSettings, type RunningSubgraph } from "@pawgraph/subgraph-kit";
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { Client as PgClient } from "pg";
import {
  CreateClinicDocument,
  type CreateClinicInput,
  CreatePetDocument,
  GrantRoleDocument,
  LoginDocument,
  RefreshSessionDocument,
  RegisterDocument,
  ReviewClinicDocument,
  VerifyEmailDocument,
  type CreatePetInput,
  type CreatePetMutation,
  type Role,
} from "../clients/__generated__/graphql";

/** The composed stack, started in-process on free ports: what a client sees at the gateway. */
export interface Stack {
  gateway: RunningGateway;
  identity: RunningSubgraph;
  pets: RunningSubgraph;
  ehr: RunningSubgraph;
  bookings: RunningSubgraph;
  messaging: RunningSubgraph;
  /** The secret the gateway and subgraphs share: a test calling a subgraph directly as a service sends it. */
  gatewaySecret: GatewaySecretSettings;
  /** The database and event stream this stack's subgraphs use. */
  databaseUrl: string;
  eventStream: string;
  /** The Redis this stack uses when a test gave it its own (`StackOptions.redisUrl`); else REDIS_URL's. */
  redisUrl?: string;
  stop: () => Promise<void>;
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: GraphQLFormattedError[];
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
async function ownDatabase(server?: string): Promise<{ url: string; stream: string; drop: () => Promise<void> }> {
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
  /** identity's sign-in budgets (each stack counts in its own keys and allows many sign-ups from 127.0.0.1). */
  signInLimits?: Partial<SignInLimitSettings>;
  /** Proxies the gateway trusts to name the client in X-Forwarded-For. */
  trustProxy?: TrustProxy;
  /** More PLATFORM_ADMIN_EMAILS than the harness's own ADMIN_EMAIL. */
  platformAdminEmails?: string[];
  /**
   * With `ownDatabase`: the server address the stack connects to (a URL; its database name is ignored),
   * e.g. a test's TCP proxy in front of the run's server that can cut the stack off its database.
   */
  databaseServer?: string;
  /** A Redis of the test's own (e.g. one it restarts) instead of REDIS_URL's. */
  redisUrl?: string;
}

/**
 * Starts identity, pets and ehr, then the gateway on the committed supergraph.graphql with their real
 * ports; on the run's shared database and event stream, or with `ownDatabase` on fresh ones.
 */
export async function startStack(options: StackOptions & { ownDatabase?: boolean } = {}): Promise<Stack> {
  if (!options.ownDatabase) {
    const where = { databaseUrl: process.env.DATABASE_URL!, eventStream: process.env.EVENT_STREAM ?? "pawgraph:events", redisUrl: options.redisUrl };
    return options.redisUrl ? onEnv(where, () => startStackOnEnv(options, async () => undefined)) : startStackOnEnv(options, async () => undefined);
  }
  const own = await ownDatabase(options.databaseServer);
  return onEnv({ databaseUrl: own.url, eventStream: own.stream, redisUrl: options.redisUrl }, () => startStackOnEnv(options, own.drop));
}

/** Runs `start` with DATABASE_URL, EVENT_STREAM (and REDIS_URL, if given) set to `where`'s, then puts the run's back. */
async function onEnv<T>(where: Pick<Stack, "databaseUrl" | "eventStream" | "redisUrl">, start: () => Promise<T>): Promise<T> {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, EVENT_STREAM: process.env.EVENT_STREAM, REDIS_URL: process.env.REDIS_URL };
  process.env.DATABASE_URL = where.databaseUrl;
  process.env.EVENT_STREAM = where.eventStream;
  if (where.redisUrl) process.env.REDIS_URL = where.redisUrl;
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

async function startStackOnEnv(options: StackOptions, afterStop: () => Promise<void>): Promise<Stack> {
  const databaseUrl = process.env.DATABASE_URL!;
  const gatewaySecret: GatewaySecretSettings = { secret: options.gatewaySecret ?? gatewaySecretFromEnv().secret, required: options.requireGatewaySecret ?? true };
  const eventStream = process.env.EVENT_STREAM ?? "pawgraph:events";
  const redisUrl = options.redisUrl;
  const identityDefaults = identityConfigFromEnv();
  // identity and pets ask bookings about clinics, and bookings asks them: bookings starts last, and
  // they read its address when they first ask (from the stack, so a restarted bookings is followed).
  const started: { stack?: Stack } = {};
  const bookingsUrl = () => started.stack?.bookings.url ?? "http://127.0.0.1:9/bookings-not-started";
  const identity = await startIdentity({
    ...identityDefaults,
    port: 0,
    gatewaySecret,
    bookingsUrl,
    // Every test signs up from 127.0.0.1: each stack counts in its own Redis keys and allows many
    // sign-ups; e2e/sign-in-abuse.e2e.test.ts tests the real budgets.
    signInLimits: { ...identityDefaults.signInLimits, keyPrefix: `test:${randomUUID()}:sign-in`, registerPerIp: { points: 100_000, windowSeconds: 3600 }, ...options.signInLimits },
    seedDemoData: false,
    platformAdminEmails: [ADMIN_EMAIL, ...(options.platformAdminEmails ?? [])],
  });
  const jwksUrl = new URL("/.well-known/jwks.json", identity.url).toString();
  // Every process polls this stack's identity for revoked tokens.
  const revocations = revocationSettingsFor(identity.url, gatewaySecret.secret);
  const pets = await startPets({ ...petsConfigFromEnv(), port: 0, jwksUrl, revocations, gatewaySecret, bookingsUrl });
  const ehrDefaults = ehrConfigFromEnv();
  const ehr = await startEhr({
    ...ehrDefaults,
    port: 0,
    jwksUrl,
    revocations,
    petsUrl: pets.url,
    gatewaySecret,
    // Tests run the reminder job explicitly (e2e/ehr-events.e2e.test.ts), as separate processes.
    reminderJob: { ...ehrDefaults.reminderJob, enabled: false },
  });
  const bookings = await startBookings({ ...bookingsConfigFromEnv(), port: 0, jwksUrl, revocations, petsUrl: pets.url, identityUrl: identity.url, gatewaySecret });
  const messaging = await startMessaging(testMessagingConfig({ identity, pets, bookings, gatewaySecret }, options.messaging));
  const urls: Record<string, string> = { identity: identity.url, pets: pets.url, ehr: ehr.url, bookings: bookings.url, messaging: messaging.url };
  const gateway = await startTestGateway(urls, jwksUrl, { ...options, gatewaySecret: gatewaySecret.secret });
  const stack: Stack = {
    gateway,
    identity,
    pets,
    ehr,
    bookings,
    messaging,
    gatewaySecret,
    databaseUrl,
    eventStream,
    redisUrl,
    // Reads the fields at stop time: a test may have restarted a subgraph.
    stop: async () => {
      await stack.gateway.stop();
      await stack.messaging.stop();
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
export async function restartMessaging(stack: Stack, overrides: Partial<MessagingConfig> = {}, options: { stopped?: boolean } = {}): Promise<void> {
  const { port } = stack.messaging;
  if (!options.stopped) await stack.messaging.stop();
  stack.messaging = await onEnv(stack, () => startMessaging(testMessagingConfig(stack, { port, ...overrides })));
}

/** Stops the pets subgraph and starts it again on the same port (ehr and the gateway keep its address). */
export async function restartPets(stack: Stack, options: { stopped?: boolean } = {}): Promise<void> {
  const { port } = stack.pets;
  if (!options.stopped) await stack.pets.stop();
  const jwksUrl = new URL("/.well-known/jwks.json", stack.identity.url).toString();
  stack.pets = await onEnv(stack, () =>
    startPets({ ...petsConfigFromEnv(), port, jwksUrl, revocations: revocationSettingsFor(stack.identity.url, stack.gatewaySecret.secret), gatewaySecret: stack.gatewaySecret, bookingsUrl: () => stack.bookings.url }),
  );
}

/** This test file's notification consumer group (jest loads this module once per test file). */
const NOTIFICATIONS_GROUP = `messaging.notifications.test.${randomUUID()}`;

/** messaging's settings in a test stack: the stack's subgraphs, a free port, and `overrides`. */
export function testMessagingConfig(subgraphs: Pick<Stack, "identity" | "pets" | "bookings" | "gatewaySecret">, overrides: Partial<MessagingConfig> = {}): MessagingConfig {
  return {
    ...messagingConfigFromEnv(),
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

/** A gateway on the committed supergraph.graphql (or `supergraphPath`) routing to `urls` by subgraph name. */
export function startTestGateway(
  urls: Record<string, string>,
  jwksUrl: string,
  options: { gatewaySecret?: string; supergraphPath?: string; watchSupergraph?: boolean; maxOperationsPerSocket?: number; trustedDocuments?: TrustedDocumentsConfig; trustProxy?: TrustProxy; limits?: Partial<LimitsConfig>; revocations?: false; subgraphGuards?: SubgraphGuardSettings } = {},
): Promise<RunningGateway> {
  return startGateway({
    port: 0,
    supergraphPath: options.supergraphPath ?? `${__dirname}/../supergraph.graphql`,
    watchSupergraph: options.watchSupergraph ?? false,
    subgraphUrl: (name) => urls[name],
    jwksUrl,
    // Off only for the bench that measures what the check costs.
    revocations: options.revocations === false ? undefined : revocationSettingsFor(jwksUrl, options.gatewaySecret ?? gatewaySecretFromEnv().secret),
    gatewaySecret: options.gatewaySecret ?? gatewaySecretFromEnv().secret,
    sandbox: true,
    introspection: true,
    corsOrigins: true,
    maxOperationsPerSocket: options.maxOperationsPerSocket,
    trustedDocuments: options.trustedDocuments,
    trustProxy: options.trustProxy,
    // Production limits, so every test shows no real operation is refused; but no cost-per-minute
    // budget, since one test file sends far more from 127.0.0.1 than any client (limits.e2e.test.ts sets one).
    limits: { ...DEFAULT_LIMITS, viewerCostPerMinute: 0, ipCostPerMinute: 0, ...options.limits },
    subgraphGuards: options.subgraphGuards,
    log: createLogger("gateway"),
  });
}

/** Reads until `ok` holds or `timeoutMs` passes, then returns the last value (for what events update). */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends one typed operation to a GraphQL endpoint over HTTP, as a client app would. */
export async function execute<TResult, TVariables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables?: TVariables,
  token?: string,
): Promise<GraphQLResponse<TResult>> {
  return post<TResult>(url, { query: print(document), variables }, token);
}

/** Sends a raw body: for malformed documents and other things typed clients cannot produce. */
export async function post<TResult = Record<string, unknown>>(url: string, body: unknown, token?: string, headers: Record<string, string> = {}): Promise<GraphQLResponse<TResult>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: TResult | null; errors?: GraphQLFormattedError[] };
  return { status: response.status, ...json };
}

export const PASSWORD = "a long enough passphrase";
/** Registering with this email makes a platform admin (identity's PLATFORM_ADMIN_EMAILS). */
export const ADMIN_EMAIL = "platform-admin@example.test";

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

/**
 * Registers a fresh account through the gateway, then signs in (`register` answers the same for new
 * and taken addresses, without a session); returns the session. Its address is not verified.
 */
export async function registerUser(stack: Stack, label = "owner", email = uniqueEmail(label)) {
  const result = await execute(stack.gateway.url, RegisterDocument, { input: { email, password: PASSWORD, displayName: `${label} ${email.slice(-17, -13)}` } });
  if (result.data?.register.__typename !== "RegistrationAccepted") throw new Error(`register failed: ${JSON.stringify(result)}`);
  const signedIn = (await login(stack, email)).data?.login;
  if (signedIn?.__typename !== "AuthPayload") throw new Error(`sign-in after register failed: ${JSON.stringify(signedIn)}`);
  return { email, token: signedIn.accessToken, refreshToken: signedIn.refreshToken, user: signedIn.user };
}

/**
 * The newest verification token identity issued for `email`, read from identity's outbox event: the
 * very payload messaging turns into the verification email. Test stacks on the run's shared database
 * neither consume events nor send mail, so tests about something else (carers, health emails) take
 * the token where the mail path takes it; e2e/email-verification.e2e.test.ts goes through the real
 * mail path (messaging consuming the event, SMTP) instead.
 */
export async function verificationTokenFromOutbox(stack: Pick<Stack, "databaseUrl">, email: string): Promise<string> {
  const db = new PgClient({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ token: string }>(
      `SELECT payload->>'token' AS token FROM identity.outbox WHERE type = 'user.email_verification_requested' AND payload->>'email' = $1 ORDER BY seq DESC LIMIT 1`,
      [email.toLowerCase()],
    );
    if (!rows[0]) throw new Error(`no verification email for ${email} in identity's outbox`);
    return rows[0].token;
  } finally {
    await db.end();
  }
}

/** registerUser, with the address verified (token from identity's outbox, see above) and a session whose token says so. */
export async function registerVerifiedUser(stack: Stack, label = "owner", email = uniqueEmail(label)) {
  const user = await registerUser(stack, label, email);
  const verified = await execute(stack.gateway.url, VerifyEmailDocument, { input: { token: await verificationTokenFromOutbox(stack, email) } });
  if (!verified.data) throw new Error(`verifyEmail failed: ${JSON.stringify(verified.errors)}`);
  const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken: user.refreshToken } });
  if (!refreshed.data) throw new Error(`refresh failed: ${JSON.stringify(refreshed.errors)}`);
  return { ...user, token: refreshed.data.refreshSession.accessToken, refreshToken: refreshed.data.refreshSession.refreshToken };
}

export async function login(stack: Stack, email: string, password = PASSWORD) {
  return execute(stack.gateway.url, LoginDocument, { input: { email, password } });
}

/** The single error of a response, for assertions. */
export function onlyError(response: GraphQLResponse<unknown>): GraphQLFormattedError {
  expect(response.errors).toHaveLength(1);
  return response.errors![0]!;
}

/** A platform admin's access token (the admin account is registered on first use). */
export async function adminToken(stack: Stack): Promise<string> {
  let signedIn = (await login(stack, ADMIN_EMAIL)).data?.login;
  if (signedIn?.__typename !== "AuthPayload" || !signedIn.user.roles.includes("PLATFORM_ADMIN")) {
    await execute(stack.gateway.url, RegisterDocument, { input: { email: ADMIN_EMAIL, password: PASSWORD, displayName: "Platform Admin" } });
    // The address becomes an admin when verified; another test file may have verified it already.
    const verified = await execute(stack.gateway.url, VerifyEmailDocument, { input: { token: await verificationTokenFromOutbox(stack, ADMIN_EMAIL) } });
    if (verified.errors && verified.errors[0]?.extensions?.code !== "VERIFICATION_TOKEN_USED") throw new Error(`admin verification failed: ${JSON.stringify(verified.errors)}`);
    signedIn = (await login(stack, ADMIN_EMAIL)).data?.login;
  }
  if (signedIn?.__typename !== "AuthPayload") throw new Error(`admin sign-in failed: ${JSON.stringify(signedIn)}`);
  return signedIn.accessToken;
}

/** The pet `createPet` answered, or a thrown error (a refusal, or another union member such as MicrochipTakenError). */
export function createdPet(result: GraphQLResponse<CreatePetMutation>): Extract<CreatePetMutation["createPet"], { __typename: "Pet" }> {
  const created = result.data?.createPet;
  if (created?.__typename !== "Pet") throw new Error(`createPet failed: ${JSON.stringify(result.errors ?? created)}`);
  return created;
}

/** Fixture builder: a new pet of the signed-in user (`token`), a dog named Rex unless `input` says otherwise. */
export async function createPet(stack: Pick<Stack, "gateway">, token: string, input: Partial<CreatePetInput> = {}) {
  return createdPet(await execute(stack.gateway.url, CreatePetDocument, { input: { name: "Rex", species: "DOG", ...input } }, token));
}

/**
 * A microchip number no other test has used: a chip belongs to one living pet, and test files share
 * the run's database (and, on a server's database, earlier runs' pets). 15 digits, ISO 11784 style.
 */
export function uniqueMicrochip(): string {
  return `9${randomUUID().replace(/\D/g, "").padEnd(14, "0").slice(0, 14)}`;
}

/**
 * Fixture builder: a clinic registered through the gateway by a new user, approved by the platform
 * admin unless `approve` is false (PENDING). Other subgraphs check clinic ids with bookings before
 * storing them (docs/decisions/0027), so a test needs a real clinic, not a random id.
 */
export async function registerClinic(
  stack: Stack,
  options: { approve?: boolean; name?: string; clinic?: Partial<CreateClinicInput> } = {},
): Promise<{ clinicId: string; creator: Awaited<ReturnType<typeof registerUser>> }> {
  const creator = await registerUser(stack, "clinic-founder");
  const created = await execute(
    stack.gateway.url,
    CreateClinicDocument,
    {
      input: {
        name: options.name ?? `Clinic ${randomUUID().slice(0, 6)}`,
        addressLine: "Hauptstraße 1",
        city: "Berlin",
        postalCode: "10115",
        country: "DE",
        latitude: 52.52,
        longitude: 13.405,
        timeZone: "Europe/Berlin",
        ...options.clinic,
      },
    },
    creator.token,
  );
  if (!created.data) throw new Error(`createClinic failed: ${JSON.stringify(created.errors)}`);
  const clinicId = created.data.createClinic.id;
  if (options.approve !== false) {
    const reviewed = await execute(stack.gateway.url, ReviewClinicDocument, { input: { clinicId, approve: true } }, await adminToken(stack));
    if (reviewed.errors) throw new Error(`reviewClinic failed: ${JSON.stringify(reviewed.errors)}`);
  }
  return { clinicId, creator };
}

/** A new user holding a clinic role (VET by default) at `clinicId`, with a token that carries it. */
export async function registerClinicMember(stack: Stack, clinicId: string, role: Role = "VET") {
  const member = await registerUser(stack, role.toLowerCase());
  const granted = await execute(stack.gateway.url, GrantRoleDocument, { input: { userId: member.user.id, role, clinicId } }, await adminToken(stack));
  if (granted.errors) throw new Error(`grantRole failed: ${JSON.stringify(granted.errors)}`);
  const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken: member.refreshToken } });
  if (!refreshed.data) throw new Error(`refresh failed: ${JSON.stringify(refreshed.errors)}`);
  return { ...member, token: refreshed.data.refreshSession.accessToken, refreshToken: refreshed.data.refreshSession.refreshToken };
}

/**
 * Runs ehr's reminder job once as its own OS process, the way cron or a second instance would, on the
 * stack's database; returns how many reminder.due events it wrote.
 */
export async function runReminderJob(stack: Pick<Stack, "databaseUrl">): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ["-r", "@swc-node/register", "src/run-reminder-job.ts"], {
    cwd: resolve(__dirname, "../subgraphs/ehr"),
    env: { ...process.env, DATABASE_URL: stack.databaseUrl, LOG_LEVEL: "error" },
  });
  return (JSON.parse(stdout.trim().split("\n").pop()!) as { written: number }).written;
}
