import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type GraphQLFormattedError } from "graphql";
import { startGateway } from "@pawgraph/gateway";
import { startIdentity, identityConfigFromEnv } from "@pawgraph/identity";
import { startPets, petsConfigFromEnv } from "@pawgraph/pets";
import { ehrConfigFromEnv, startEhr } from "@pawgraph/ehr";
import { bookingsConfigFromEnv, startBookings } from "@pawgraph/bookings";
import { messagingConfigFromEnv, startMessaging } from "@pawgraph/messaging";
import { createLogger, type RunningServer, type RunningSubgraph } from "@pawgraph/subgraph-kit";
import { randomUUID } from "node:crypto";
import { GrantRoleDocument, LoginDocument, RefreshSessionDocument, RegisterDocument, type Role } from "../clients/__generated__/graphql";

/** The composed stack, started in-process on free ports: what a client sees at the gateway. */
export interface Stack {
  gateway: RunningServer;
  identity: RunningSubgraph;
  pets: RunningSubgraph;
  ehr: RunningSubgraph;
  bookings: RunningSubgraph;
  messaging: RunningSubgraph;
  stop: () => Promise<void>;
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: GraphQLFormattedError[];
}

/** Starts identity, pets and ehr, then the gateway on the committed supergraph.graphql with their real ports. */
export async function startStack(options: { gatewaySecret?: string } = {}): Promise<Stack> {
  const identity = await startIdentity({
    ...identityConfigFromEnv(),
    port: 0,
    gatewaySecret: options.gatewaySecret,
    seedDemoData: false,
    platformAdminEmails: [ADMIN_EMAIL],
  });
  const jwksUrl = new URL("/.well-known/jwks.json", identity.url).toString();
  const pets = await startPets({ ...petsConfigFromEnv(), port: 0, jwksUrl, gatewaySecret: options.gatewaySecret });
  const ehrDefaults = ehrConfigFromEnv();
  const ehr = await startEhr({
    ...ehrDefaults,
    port: 0,
    jwksUrl,
    petsUrl: pets.url,
    gatewaySecret: options.gatewaySecret,
    outgoingSecret: options.gatewaySecret,
    // Tests run the reminder job explicitly (e2e/ehr-events.e2e.test.ts), as separate processes.
    reminderJob: { ...ehrDefaults.reminderJob, enabled: false },
  });
  const bookings = await startBookings({ ...bookingsConfigFromEnv(), port: 0, jwksUrl, petsUrl: pets.url, gatewaySecret: options.gatewaySecret, outgoingSecret: options.gatewaySecret });
  const messaging = await startMessaging({ ...messagingConfigFromEnv(), port: 0, jwksUrl, petsUrl: pets.url, gatewaySecret: options.gatewaySecret, outgoingSecret: options.gatewaySecret });
  const urls: Record<string, string> = { identity: identity.url, pets: pets.url, ehr: ehr.url, bookings: bookings.url, messaging: messaging.url };
  const gateway = await startGateway({
    port: 0,
    supergraphPath: `${__dirname}/../supergraph.graphql`,
    subgraphUrl: (name) => urls[name],
    jwksUrl,
    gatewaySecret: options.gatewaySecret,
    sandbox: true,
    introspection: true,
    corsOrigins: true,
    log: createLogger("gateway"),
  });
  return {
    gateway,
    identity,
    pets,
    ehr,
    bookings,
    messaging,
    stop: async () => {
      await gateway.stop();
      await messaging.stop();
      await bookings.stop();
      await ehr.stop();
      await pets.stop();
      await identity.stop();
    },
  };
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

/** Registers a fresh account through the gateway and returns its session. */
export async function registerUser(stack: Stack, label = "owner", email = uniqueEmail(label)) {
  const result = await execute(stack.gateway.url, RegisterDocument, { input: { email, password: PASSWORD, displayName: `${label} ${email.slice(-17, -13)}` } });
  const payload = result.data?.register;
  if (payload?.__typename !== "AuthPayload") throw new Error(`register failed: ${JSON.stringify(result)}`);
  return { email, token: payload.accessToken, refreshToken: payload.refreshToken, user: payload.user };
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
  if (signedIn?.__typename !== "AuthPayload") {
    await execute(stack.gateway.url, RegisterDocument, { input: { email: ADMIN_EMAIL, password: PASSWORD, displayName: "Platform Admin" } });
    signedIn = (await login(stack, ADMIN_EMAIL)).data?.login;
  }
  if (signedIn?.__typename !== "AuthPayload") throw new Error(`admin sign-in failed: ${JSON.stringify(signedIn)}`);
  return signedIn.accessToken;
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
