import {
  GraphQLError,
  getOperationAST,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from "graphql";
import type { Server } from "node:http";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { Logger } from "pino";
import type { AccessTokenVerifier } from "./auth";
import { baseContextFor, type BaseContext } from "./context";
import { DocumentCache } from "./document-cache";
import { createErrorFormatter } from "./errors";
import { isGatewaySecret, type GatewaySecretSettings } from "./gateway-secret";
import { trustedOnlyRootField, untrustedRootFieldError } from "./internal";
import { InputGuardRule, variablesProblem } from "./input-guard";

/**
 * How the gateway talks to a subgraph over graphql-ws: `connection_init` carries the gateway secret
 * (one socket per gateway and subgraph, shared by all clients), and every operation carries its own
 * viewer in `extensions.pawgraph`, so each subscription runs as the person who started it.
 */
export interface UpstreamConnectionParams {
  gatewaySecret?: string;
}

export interface UpstreamOperationExtensions {
  pawgraph?: { authorization?: string; requestId?: string; clientIp?: string };
}

export const UPSTREAM_EXTENSION = "pawgraph";

/** graphql-ws close code for a gateway secret that does not match. */
export const CLOSE_FORBIDDEN = 4403;

/** A subgraph's graphql-ws endpoint; `close` ends every socket. */
export interface SubgraphSubscriptionServer {
  close(): Promise<void>;
}

/**
 * Serves a subgraph's subscriptions with graphql-ws on the HTTP server's `/graphql` path. Only the
 * gateway may connect (secret in `connection_init` when one is configured); the viewer's token is
 * verified again per operation (zero trust) and errors are formatted as over HTTP.
 */
export function serveSubgraphSubscriptions<C extends BaseContext>(options: {
  server: Server;
  schema: GraphQLSchema;
  verifier: AccessTokenVerifier;
  gatewaySecret: GatewaySecretSettings;
  log: Logger;
  createContext: (base: BaseContext) => C;
}): SubgraphSubscriptionServer {
  const wss = new WebSocketServer({ server: options.server, path: "/graphql" });
  const format = createErrorFormatter(options.log);
  const prepared = new WeakMap<object, Map<string, BaseContext>>();
  /** Sockets whose `connection_init` carried the secret (the gateway's). */
  const trusted = new WeakSet<object>();
  const formatAll = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((e) => format(e.toJSON(), e));
  // The gateway sends every client's subscription with the same few query strings.
  // The input guard on literals runs with graphql's validation, as over HTTP; variables in onSubscribe.
  const documents = new DocumentCache({ extraRules: [InputGuardRule] });
  const disposable = useServer(
    {
      schema: options.schema,
      parse: documents.parse,
      validate: documents.validate,
      onConnect: (ctx) => {
        const params = (ctx.connectionParams ?? {}) as UpstreamConnectionParams;
        if (isGatewaySecret(params.gatewaySecret, options.gatewaySecret.secret)) {
          trusted.add(ctx);
          return true;
        }
        if (!options.gatewaySecret.required) return true;
        options.log.warn("refused a WebSocket without the gateway secret");
        ctx.extra.socket.close(CLOSE_FORBIDDEN, "Connections must come through the gateway");
        return false;
      },
      // The viewer is checked here, not in `context`: graphql-ws closes the whole (shared) socket when
      // `context` throws, while errors returned from onSubscribe fail just that operation.
      onSubscribe: async (ctx, id, payload) => {
        const caller = (payload.extensions as UpstreamOperationExtensions | undefined)?.pawgraph ?? {};
        if (!trusted.has(ctx)) {
          const document = (() => {
            try {
              return documents.parse(payload.query);
            } catch {
              return undefined; // graphql-ws reports the syntax error itself
            }
          })();
          const operation = document && getOperationAST(document, payload.operationName);
          const field = operation && trustedOnlyRootField(document, operation);
          if (field) return [untrustedRootFieldError(field)];
        }
        const problem = variablesProblem(payload.variables);
        if (problem) return [problem];
        try {
          const base = await baseContextFor({ ...caller, trustedCaller: trusted.has(ctx) }, options);
          let pending = prepared.get(ctx);
          if (!pending) prepared.set(ctx, (pending = new Map()));
          pending.set(id, base);
          return undefined;
        } catch (error) {
          const message = error instanceof Error ? error.message : "Invalid access token";
          return [new GraphQLError(message, { originalError: error instanceof Error ? error : undefined })];
        }
      },
      context: (ctx, id) => {
        const pending = prepared.get(ctx);
        const base = pending?.get(id);
        pending?.delete(id);
        if (!base) throw new Error("operation context missing");
        return options.createContext(base);
      },
      onNext: (_ctx, _id, _payload, _args, result: ExecutionResult) =>
        result.errors?.length ? { ...result, errors: formatAll(result.errors) } : undefined,
      onError: (ctx, id, _payload, errors) => {
        prepared.get(ctx)?.delete(id);
        return formatAll(errors);
      },
      onComplete: (ctx, id) => {
        prepared.get(ctx)?.delete(id);
      },
    },
    wss,
  );
  return {
    close: async () => {
      // Closes every socket with 1001 (going away) and stops accepting new ones.
      await Promise.resolve(disposable.dispose()).catch(() => undefined);
    },
  };
}
