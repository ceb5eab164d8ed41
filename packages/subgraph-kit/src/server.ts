import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import express, { type Express } from "express";
import type { GraphQLSchema } from "graphql";
import { createServer } from "node:http";
import type { Logger } from "pino";
import type { AccessTokenVerifier } from "./auth";
import { cacheHintPlugins } from "./cache-hints";
import { createBaseContext, type BaseContext } from "./context";
import { createErrorFormatter } from "./errors";
import type { GatewaySecretSettings } from "./gateway-secret";
import { trustedRootFieldsPlugin } from "./internal";
import { InputGuardRule, inputGuardPlugin, showsSchemaSuggestions } from "./input-guard";
import { HttpDrain, exitOnTerminationSignals, shutdownTimeoutMs, type StopOutcome } from "./shutdown";
import { contextError, drainAndStop, healthRoutes, httpErrorHandler, listen, type RunningServer } from "./http-server";
import { serveSubgraphSubscriptions } from "./subscriptions";
import { metricsFor, metricsRoute, metricsSettingsFromEnv } from "./observability/metrics";
import { boundedOperationNames, metricsPlugin } from "./observability/metrics.plugin";
import { startTracing, stopsTracing, tracingSettingsFromEnv } from "./observability/tracing";
import { traceRequests, tracingPlugin } from "./observability/tracing-http";

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
  const metrics = metricsSettingsFromEnv();
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
      // Operation names here are the gateway's (`MyPets__bookings__1`), built from the client's: bounded (docs/decisions/0050).
      ...(metrics.enabled ? [metricsPlugin<C>(metricsFor(options.name), boundedOperationNames(200))] : []),
      tracingPlugin<C>(),
      ...(options.plugins ?? []),
    ],
    logger: options.log,
  });
  await apollo.start();
  // The revoked-token list is loaded before the first request (bounded: a down identity delays start-up by seconds, not forever).
  await options.verifier.revocations?.start();
  healthRoutes(app, options.ready, options.log);
  metricsRoute(app, metricsFor(options.name), metrics);
  options.routes?.(app);
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    traceRequests(true),
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
  // Before `start`: its database pools trace their queries only if tracing is on when they open.
  const tracing = startTracing(name, tracingSettingsFromEnv());
  const started = stopsTracing(start(config), tracing);
  exitOnTerminationSignals(name, config.log, started);
  started.catch((error: unknown) => {
    config.log.fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  });
}
