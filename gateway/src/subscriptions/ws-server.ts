import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import {
  execute,
  subscribe,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from "graphql";
import { CloseCode, type Context } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import type { Logger } from "pino";
import {
  DocumentCache,
  InputGuardRule,
  variablesProblem,
  withoutSuggestions,
  type AccessTokenVerifier,
} from "@pawgraph/subgraph-kit/src/edge";
import { formatGatewayError } from "../errors";
import { clientIpOf, type TrustFunction } from "../client-ip";
import type { GatewayContext } from "../context";
import type { TrustedDocuments } from "../trusted-documents";
import { wsLimits, type WsLimitsOptions } from "../limits/ws-limits";
import { endable } from "./endable";
import { SharedSubscriptions } from "./shared-subscriptions";

/** Error code when the gateway loaded a new supergraph: the subscription ended, subscribe again. */
export const SUBSCRIPTION_SCHEMA_RELOADED = "SUBSCRIPTION_SCHEMA_RELOADED";

/** Bytes a socket may have waiting to be written before its events go the slow way (graphql-ws awaiting each send). */
const MAX_BUFFERED_BYTES = 256 * 1024;

/** Error code when a socket already runs as many operations as one connection may: complete some, or open another connection. */
export const TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS";

/** What one client socket proved in `connection_init`, and its live operations. */
interface Connection {
  authorization: string;
  viewer: NonNullable<GatewayContext["viewer"]>;
  /** The client's address at the upgrade request (behind trusted proxies, from `X-Forwarded-For`). */
  clientIp?: string;
  expiresAt: number;
  expired: boolean;
  /** Ended by a revocation rather than by `exp`: the same refusal, a truer message. */
  revoked?: boolean;
  timer?: NodeJS.Timeout;
  /** Ends one live operation with an error (the client gets `error` for that id; the socket stays). */
  live: Set<(error: GraphQLError) => void>;
}

/** The token from `connection_init`: `{ authorization: "Bearer …" }` (or `Authorization`, or `token`). */
function tokenFrom(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization ?? params?.token;
  if (typeof value !== "string") return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match ? match[1] : value.trim() || undefined;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === "function";
}

export interface GatewaySubscriptionServer {
  /** Ends every live subscription with SUBSCRIPTION_SCHEMA_RELOADED (a new supergraph is in use). */
  schemaReloaded(): void;
  /** Open client sockets. */
  readonly connections: number;
  /** Operations live on them (subscriptions, mostly). */
  readonly operations: number;
  /** Subscriptions executed for them: one per group of identical subscriptions of one token (docs/decisions/0056). */
  readonly executions: number;
  close(): Promise<void>;
}

/**
 * graphql-ws (graphql-transport-ws) on the gateway's `/graphql`. The access token is checked once in
 * `connection_init` (missing or bad: close 4401); every operation then runs as that viewer. When
 * the token expires, the subscriptions it authorised end with UNAUTHENTICATED and new ones are
 * refused: reconnect with a fresh token. So when it is revoked (the verifier's revocation list
 * reports its user): within a poll of identity's log. Errors in one operation never close the socket.
 */
export function serveGatewaySubscriptions(options: {
  server: Server;
  schema: () => GraphQLSchema;
  verifier: AccessTokenVerifier;
  log: Logger;
  /** Operations one socket may run at once (default 100): each holds memory here and upstream. */
  maxOperationsPerSocket?: number;
  /** Which documents run; operations may name theirs by `documentId` or APQ hash (docs/decisions/0017). */
  trustedDocuments?: TrustedDocuments;
  /** Keep GraphQL-js's "Did you mean …?" in error messages (development only). */
  suggestions?: boolean;
  /** Proxies trusted to report the client's address (default none: the socket's peer). */
  trustProxy?: TrustFunction;
  /** The front-door limits (docs/decisions/0016): message size, sockets per user, document limits, cost, rate, deadline. */
  limits?: WsLimitsOptions;
  /** Run identical subscriptions of one token once and fan their events out (default true; docs/decisions/0056). */
  shareSubscriptions?: boolean;
}): GatewaySubscriptionServer {
  const maxOperations = options.maxOperationsPerSocket ?? 100;
  const limits = wsLimits(options.limits);
  const wss = new WebSocketServer({ server: options.server, path: "/graphql", maxPayload: limits.maxPayload });
  const connections = new WeakMap<object, Connection>();
  const everyone = new Set<Connection>();
  const log = options.log;
  // Clients subscribe with the same few operations; each parse + validation against the supergraph costs ~1 ms.
  // The limits' shape rules, then the input guard on literals (as over HTTP), cached with the document.
  const documents = new DocumentCache({
    ...limits.documentCacheOptions,
    extraRules: [...(limits.documentCacheOptions.extraRules ?? []), InputGuardRule],
  });

  // One execution per group of identical subscriptions of one token; off, one per subscription.
  const shared =
    options.shareSubscriptions === false
      ? undefined
      : new SharedSubscriptions(subscribe, (result) =>
          JSON.stringify(result.errors?.length ? { ...result, errors: result.errors.map((e) => format(e)) } : result),
        );

  const disposable = useServer<Record<string, unknown>, { socket: WebSocket; request: IncomingMessage }>(
    {
      schema: () => options.schema(),
      execute: (args) => limits.execute(execute(args)),
      ...(shared ? { subscribe: shared.subscribe } : {}),
      onConnect: async (ctx) => {
        const token = tokenFrom(ctx.connectionParams);
        try {
          if (!token) throw new Error("missing access token");
          const { viewer, expiresAt } = await options.verifier.verifyWithExpiry(token);
          if (!limits.admitSocket(viewer.userId)) {
            ctx.extra.socket.close(limits.tooManySockets.code, limits.tooManySockets.reason);
            return false;
          }
          const clientIp = clientIpOf(ctx.extra.request, options.trustProxy ?? (() => false));
          const connection: Connection = {
            authorization: `Bearer ${token}`,
            viewer,
            clientIp,
            expiresAt,
            expired: false,
            live: new Set(),
          };
          connection.timer = setTimeout(() => expire(connection), Math.max(0, expiresAt - Date.now()));
          connection.timer.unref();
          connections.set(ctx, connection);
          everyone.add(connection);
          return true;
        } catch (error) {
          log.debug({ reason: error instanceof Error ? error.message : String(error) }, "WebSocket refused");
          ctx.extra.socket.close(CloseCode.Unauthorized, "Unauthorized: send a valid access token in connection_init");
          return false;
        }
      },
      // Parsing and validating here (graphql-ws would close the socket on a syntax error) fails
      // just the one operation and keeps the socket for the others.
      onSubscribe: async (ctx, _id, payload) => {
        const connection = connections.get(ctx);
        if (connection?.expired) return [connection.revoked ? revokedError() : expiredError()];
        // graphql-ws has already entered this one in ctx.subscriptions.
        if (Object.keys(ctx.subscriptions).length > maxOperations) {
          return [
            new GraphQLError(
              `This connection already runs ${maxOperations} operations, the most one connection may; complete some, or open another connection.`,
              {
                extensions: { code: TOO_MANY_SUBSCRIPTIONS, limit: maxOperations },
              },
            ),
          ];
        }
        let document: DocumentNode;
        try {
          const query = options.trustedDocuments
            ? trustedQuery(options.trustedDocuments, payload, connection?.viewer ?? null)
            : payload.query;
          document = documents.parse(query);
        } catch (error) {
          // Past the token limit, an unknown or untrusted document: coded refusals; anything else is a syntax error.
          const refusal =
            limits.refusalOf(error) ?? (error instanceof GraphQLError && error.extensions.code ? error : undefined);
          return [
            refusal ??
              new GraphQLError(error instanceof Error ? error.message : "Syntax error", {
                extensions: { code: "GRAPHQL_PARSE_FAILED" },
              }),
          ];
        }
        const schema = options.schema();
        const errors = documents.validate(schema, document);
        if (errors.length) {
          return errors.map(
            (e) =>
              limits.refusalOf(e) ??
              (e.extensions.code === "BAD_USER_INPUT"
                ? e
                : new GraphQLError(options.suggestions ? e.message : withoutSuggestions(e.message), {
                    nodes: e.nodes,
                    extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
                  })),
          );
        }
        // Literals were checked with the document; the variables as over HTTP.
        const problem = variablesProblem(payload.variables);
        if (problem) return [problem];
        const refused = await limits.admitOperation({
          schema,
          document,
          operationName: payload.operationName,
          variables: payload.variables,
          viewerId: connection?.viewer.userId,
          clientIp: connection?.clientIp,
        });
        if (refused) return [refused];
        return {
          schema,
          document,
          operationName: payload.operationName ?? undefined,
          variableValues: payload.variables ?? undefined,
        };
      },
      context: (ctx): GatewayContext => {
        const connection = connections.get(ctx)!;
        return {
          viewer: connection.viewer,
          authorization: connection.authorization,
          requestId: randomUUID(),
          clientIp: connection.clientIp,
        };
      },
      onOperation: (ctx, id, _payload, _args, result) => {
        const connection = connections.get(ctx);
        if (!connection || !isAsyncIterable(result)) return undefined;
        const socket = ctx.extra.socket;
        // graphql-ws's `next` message, written as it would (`{"id","type","payload"}`), the payload serialised once per group.
        const prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
        shared?.sendDirectly(result, (payloadJson) => {
          if (socket.readyState !== socket.OPEN) return true; // closing: graphql-ws ends it
          if (socket.bufferedAmount > MAX_BUFFERED_BYTES) return false;
          socket.send(`${prefix}${payloadJson}}`);
          return true;
        });
        return endable(result, (end) => {
          connection.live.add(end);
          return () => connection.live.delete(end);
        }) as never;
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => format(e)),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors?.length ? { ...result, errors: result.errors.map((e) => format(e)) } : undefined,
      onClose: (ctx) => forget(ctx),
      onDisconnect: (ctx) => forget(ctx),
    },
    wss,
  );

  /** Errors as over HTTP (formatGatewayError): coded, the field at fault for bad variables, nothing internal. */
  function format(error: GraphQLError): GraphQLFormattedError {
    return formatGatewayError(error.toJSON(), {
      log,
      suggestions: options.suggestions ?? false,
      original: error.originalError ?? error,
    });
  }

  function forget(ctx: Context<Record<string, unknown>, { socket: WebSocket; request: IncomingMessage }>): void {
    const connection = connections.get(ctx);
    if (!connection) return;
    limits.releaseSocket(connection.viewer.userId);
    clearTimeout(connection.timer);
    everyone.delete(connection);
    connections.delete(ctx);
  }

  function expire(connection: Connection, error = expiredError()): void {
    connection.expired = true;
    for (const end of [...connection.live]) end(error);
  }

  // A revocation ends the live operations of the sockets whose token it covers; the list says which
  // users it touched, so only their sockets are checked.
  const unwatch = options.verifier.revocations?.onRevoked((userIds) => {
    let ended = 0;
    for (const connection of everyone) {
      if (
        connection.expired ||
        !userIds.has(connection.viewer.userId) ||
        !options.verifier.isRevoked(connection.viewer)
      )
        continue;
      ended += connection.live.size;
      connection.revoked = true;
      expire(connection, revokedError());
    }
    if (ended) log.info({ ended }, "subscriptions ended by a revocation");
  });

  // Sockets whose peer vanished without a close frame are found by ping and dropped.
  const alive = new WeakSet<WebSocket>();
  wss.on("connection", (socket) => {
    alive.add(socket);
    socket.on("pong", () => alive.add(socket));
  });
  const heartbeat = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, 30_000);
  heartbeat.unref();

  return {
    schemaReloaded: () => {
      const error = new GraphQLError("The gateway loaded a new schema; subscribe again.", {
        extensions: { code: SUBSCRIPTION_SCHEMA_RELOADED },
      });
      let ended = 0;
      for (const connection of everyone) {
        for (const end of [...connection.live]) {
          end(error);
          ended++;
        }
      }
      if (ended) log.info({ ended }, "subscriptions ended for the new schema");
    },
    get connections() {
      return wss.clients.size;
    },
    get operations() {
      let live = 0;
      for (const connection of everyone) live += connection.live.size;
      return live;
    },
    get executions() {
      return shared ? shared.stats.groups : this.operations;
    },
    close: async () => {
      unwatch?.();
      clearInterval(heartbeat);
      // Closes every socket with 1001 (going away) and stops accepting new ones.
      await Promise.resolve(disposable.dispose()).catch(() => undefined);
    },
  };
}

/** The text to run: by `documentId` or `extensions.persistedQuery` (with `query: ""`), or as sent, if admitted. */
function trustedQuery(
  trusted: TrustedDocuments,
  payload: { query: string; operationName?: string | null; extensions?: Record<string, unknown> | null },
  viewer: GatewayContext["viewer"],
): string {
  const persistedQuery = payload.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  const documentId = (payload as { documentId?: unknown }).documentId;
  return trusted.resolve(
    { query: payload.query, documentId, apqHash: persistedQuery?.sha256Hash, operationName: payload.operationName },
    viewer,
  );
}

function expiredError(): GraphQLError {
  return new GraphQLError("Your access token expired; reconnect with a fresh one.", {
    extensions: { code: "UNAUTHENTICATED" },
  });
}

function revokedError(): GraphQLError {
  return new GraphQLError("This session has ended; sign in again.", { extensions: { code: "UNAUTHENTICATED" } });
}
