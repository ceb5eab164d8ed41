import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import express, { type ErrorRequestHandler, type Express } from "express";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { AccessTokenVerifier } from "./auth";
import { createBaseContext, type BaseContext } from "./context";
import { DomainError, createErrorFormatter } from "./errors";
import type { GatewaySecretSettings } from "./gateway-secret";
import { trustedRootFieldsPlugin } from "./internal";
import { InputGuardRule, inputGuardPlugin, showsSchemaSuggestions } from "./input-guard";
import { serveSubgraphSubscriptions } from "./subscriptions";

export interface SubgraphServerOptions<C extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  log: Logger;
  verifier: AccessTokenVerifier;
  /** The secret shared with the gateway; see `gatewaySecretFromEnv`. */
  gatewaySecret: GatewaySecretSettings;
  /** Adds this subgraph's per-request parts (loaders, services) to the base context. */
  createContext: (base: BaseContext) => C;
  /** Extra HTTP routes (e.g. identity's JWKS). */
  routes?: (app: Express) => void;
  /** Readiness probe, e.g. a database ping. */
  ready: () => Promise<void>;
  plugins?: ApolloServerPlugin<C>[];
  /** Serve the schema's subscriptions over graphql-ws at `/graphql` (for the gateway). */
  subscriptions?: boolean;
}

/** A running HTTP server with its address; `stop` drains requests and closes it. */
export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  stop: () => Promise<void>;
}

/** Turns a coded failure before execution (bad token, missing gateway secret) into a GraphQL error with HTTP 401/403. */
export function contextError(error: unknown): unknown {
  if (error instanceof DomainError) {
    const status = error.code === "UNAUTHENTICATED" ? 401 : error.code === "FORBIDDEN" ? 403 : 400;
    return new GraphQLError(error.message, { extensions: { code: error.code, http: { status } } });
  }
  return error;
}

export function listen(server: Server, port: number, host = "0.0.0.0"): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Errors raised before GraphQL runs (body not JSON, body too large) as GraphQL-shaped JSON with a
 * code, instead of express's HTML page with a stack trace.
 */
export const httpErrorHandler =
  (log: Logger): ErrorRequestHandler =>
  (error: { status?: number; type?: string }, _req, res, _next) => {
    const status = typeof error.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) log.error({ err: error }, "unhandled HTTP error");
    const message =
      error.type === "entity.parse.failed"
        ? "Request body is not valid JSON"
        : error.type === "entity.too.large"
          ? "Request body is too large"
          : status === 500
            ? "Internal server error"
            : "Bad request";
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" } }] });
  };

/** Health endpoints every process serves: liveness (with optional detail, never failing it) and readiness. */
export function healthRoutes(app: Express, ready: () => Promise<void>, log: Logger, details?: () => Record<string, unknown>): void {
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", ...details?.() });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await ready();
      res.json({ status: "ready" });
    } catch (error) {
      log.warn({ err: error }, "not ready");
      res.status(503).json({ status: "not ready" });
    }
  });
}

/** Starts one subgraph: Apollo Server on express with health routes, the error formatter and zero-trust context. */
export async function startSubgraphServer<C extends BaseContext>(options: SubgraphServerOptions<C>, port: number): Promise<RunningServer> {
  const app = express();
  app.disable("x-powered-by");
  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    formatError: createErrorFormatter(options.log),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // NUL, lone surrogates, over-long strings and non-finite numbers, in literals and variables.
    validationRules: [InputGuardRule],
    hideSchemaDetailsFromClientErrors: !showsSchemaSuggestions(),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      inputGuardPlugin<C>(),
      // No cache hints or Apollo Studio traces are used; both plugins cost time on every field.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      trustedRootFieldsPlugin<C>(),
      ...(options.plugins ?? []),
    ],
    logger: options.log,
  });
  await apollo.start();
  // The revoked-token list is loaded before the first request (bounded: a down identity delays start-up by seconds, not forever).
  await options.verifier.revocations?.start();
  healthRoutes(app, options.ready, options.log);
  options.routes?.(app);
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          const base = await createBaseContext(req.headers, {
            verifier: options.verifier,
            log: options.log,
            gatewaySecret: options.gatewaySecret,
          });
          return options.createContext(base);
        } catch (error) {
          throw contextError(error);
        }
      },
    }),
  );
  app.use(httpErrorHandler(options.log));
  const ws = options.subscriptions
    ? serveSubgraphSubscriptions({ server, schema: options.schema, verifier: options.verifier, gatewaySecret: options.gatewaySecret, log: options.log, createContext: options.createContext })
    : null;
  const actualPort = await listen(server, port);
  options.log.info({ port: actualPort }, `${options.name} subgraph ready at http://localhost:${actualPort}/graphql`);
  return {
    url: `http://127.0.0.1:${actualPort}/graphql`,
    port: actualPort,
    server,
    stop: async () => {
      options.verifier.revocations?.stop();
      await ws?.close();
      await apollo.stop();
    },
  };
}

/** A started subgraph as its composition root hands it back: address, SQL counter, and shutdown. */
export interface RunningSubgraph extends RunningServer {
  name: string;
  sql: import("./db").SqlStatementCounter;
}

/**
 * A subgraph's `main`: read config, start, stop cleanly on SIGTERM/SIGINT, exit non-zero (with the
 * reason logged) when start-up fails.
 */
export function runSubgraph<C extends { log: Logger }>(name: string, configFromEnv: () => C, start: (config: C) => Promise<{ stop: () => Promise<void> }>): void {
  const config = configFromEnv();
  start(config)
    .then((running) => {
      const shutdown = () => void running.stop().finally(() => process.exit(0));
      process.once("SIGTERM", shutdown);
      process.once("SIGINT", shutdown);
    })
    .catch((error: unknown) => {
      config.log.fatal({ err: error }, `${name} failed to start`);
      process.exit(1);
    });
}
