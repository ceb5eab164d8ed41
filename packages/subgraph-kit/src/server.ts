import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import express, { type ErrorRequestHandler, type Express } from "express";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { AccessTokenVerifier } from "./auth";
import { cacheHintPlugins } from "./cache-hints";
import { createBaseContext, type BaseContext } from "./context";
import { DomainError, createErrorFormatter } from "./errors";
import type { GatewaySecretSettings } from "./gateway-secret";
import { trustedRootFieldsPlugin } from "./internal";
import { InputGuardRule, inputGuardPlugin, showsSchemaSuggestions } from "./input-guard";
import {
  HttpDrain,
  exitOnTerminationSignals,
  runShutdownSteps,
  shutdownTimeoutMs,
  type ShutdownStep,
  type StopOutcome,
} from "./shutdown";
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
  /** How long `stop` lets requests in flight finish (default: env `SHUTDOWN_TIMEOUT_MS`, 10 s). */
  shutdownTimeoutMs?: number;
  /**
   * Send the schema's `@cacheControl` hints as the `Cache-Control` header of anonymous queries'
   * answers, for the gateway to fold into its own (default off; see `cacheHintPlugins`).
   */
  cacheHints?: boolean;
}

/** A running HTTP server with its address; `stop` drains requests and closes it (see `drainAndStop`). */
export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  stop: () => Promise<StopOutcome>;
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
    res
      .status(status)
      .json({ errors: [{ message, extensions: { code: status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" } }] });
  };

/** Health endpoints every process serves: liveness (with optional detail, never failing it) and readiness. */
export function healthRoutes(
  app: Express,
  ready: () => Promise<void>,
  log: Logger,
  details?: () => Record<string, unknown>,
): void {
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
export async function startSubgraphServer<C extends BaseContext>(
  options: SubgraphServerOptions<C>,
  port: number,
): Promise<RunningServer> {
  const app = express();
  app.disable("x-powered-by");
  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  const drain = new HttpDrain(server);
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    formatError: createErrorFormatter(options.log),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // NUL, lone surrogates, over-long strings and non-finite numbers, in literals and variables.
    validationRules: [InputGuardRule],
    hideSchemaDetailsFromClientErrors: !showsSchemaSuggestions(),
    // The process's own handler drains everything (runSubgraph); Apollo's re-raises the signal and
    // killed the process before consumers, relay and pools were stopped.
    stopOnTerminationSignals: false,
    plugins: [
      inputGuardPlugin<C>(),
      // Apollo Studio traces are not used, and cache hints only where a subgraph asks for them:
      // both plugins cost time on every field.
      ...cacheHintPlugins<C>(options.cacheHints ?? false),
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
    ? serveSubgraphSubscriptions({
        server,
        schema: options.schema,
        verifier: options.verifier,
        gatewaySecret: options.gatewaySecret,
        log: options.log,
        createContext: options.createContext,
      })
    : null;
  const actualPort = await listen(server, port);
  options.log.info({ port: actualPort }, `${options.name} subgraph ready at http://localhost:${actualPort}/graphql`);
  return {
    url: `http://127.0.0.1:${actualPort}/graphql`,
    port: actualPort,
    server,
    stop: () =>
      drainAndStop({
        drain,
        log: options.log,
        timeoutMs: options.shutdownTimeoutMs ?? shutdownTimeoutMs(),
        closeWebSockets: ws ? () => ws.close() : undefined,
        // After the requests: they still check tokens against the revocation list.
        steps: [
          ["apollo server", () => apollo.stop()],
          ["revocation polling", () => options.verifier.revocations?.stop()],
        ],
      }),
  };
}

/**
 * Stops an HTTP server the same way in every process: stop accepting connections, close WebSockets
 * with 1001, let requests in flight finish (at most `timeoutMs`, then cut off), then the `steps`.
 * Each is logged with a `step` field, so an operator sees where a slow shutdown spent its time.
 */
export async function drainAndStop(options: {
  drain: HttpDrain;
  log: Logger;
  timeoutMs: number;
  closeWebSockets?: () => Promise<void>;
  steps: readonly ShutdownStep[];
}): Promise<StopOutcome> {
  const { drain, log } = options;
  const startedAt = Date.now();
  const closeWebSockets = options.closeWebSockets
    ? async () => {
        await options.closeWebSockets!();
        log.info({ step: "websockets", ms: Date.now() - startedAt }, "shutdown: WebSockets closed (1001 going away)");
      }
    : undefined;
  const draining = drain.drain(startedAt + options.timeoutMs, closeWebSockets);
  log.info({ step: "stop accepting", inFlight: drain.inFlight }, "shutdown: no longer accepting connections");
  const drained = await draining;
  if (drained.graceful)
    log.info({ step: "http requests", ms: Date.now() - startedAt }, "shutdown: requests in flight finished");
  else
    log.warn(
      { step: "http requests", cutOff: drained.cutOff, ms: Date.now() - startedAt },
      `shutdown: ${drained.cutOff} request(s) cut off after ${options.timeoutMs} ms`,
    );
  const rest = await runShutdownSteps(log, options.steps);
  return { clean: drained.graceful && rest };
}

/** A started subgraph as its composition root hands it back: address, SQL counter, and shutdown. */
export interface RunningSubgraph extends RunningServer {
  name: string;
  sql: import("./db").SqlStatementCounter;
}

/**
 * A subgraph's `main`: read config, start, exit non-zero (with the reason logged) when start-up
 * fails, and drain on SIGTERM/SIGINT (`exitOnTerminationSignals`; a signal during start-up stops
 * the subgraph once it has started).
 */
export function runSubgraph<C extends { log: Logger }>(
  name: string,
  configFromEnv: () => C,
  start: (config: C) => Promise<{ stop: () => Promise<StopOutcome> }>,
): void {
  const config = configFromEnv();
  const started = start(config);
  exitOnTerminationSignals(name, config.log, started);
  started.catch((error: unknown) => {
    config.log.fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  });
}
