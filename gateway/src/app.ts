import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express from "express";
import type { GraphQLSchema } from "graphql";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import {
  AccessTokenVerifier,
  contextError,
  drainAndStop,
  hardenScalars,
  healthRoutes,
  HttpDrain,
  httpErrorHandler,
  InputGuardRule,
  inputGuardPlugin,
  listen,
  REQUEST_ID_HEADER,
  RevocationList,
  showsSchemaSuggestions,
  shutdownTimeoutMs,
  type RunningServer,
  subgraphTimeoutMs,
  tracingPlugin,
} from "@pawgraph/subgraph-kit/src/edge";
import { ApiKeyAccess, apiKeyScopesPlugin, ApiKeyUsageRecorder } from "./api-keys";
import { RequestAuthenticator } from "./authentication";
import { compileTrust } from "./client-ip";
import { DEFAULT_MANIFEST_PATHS, type GatewayConfig } from "./config";
import { createGatewayContext, type GatewayContext } from "./context";
import { formatGatewayError, subscriptionsOverHttpPlugin } from "./errors";
import { graphiqlRoutes } from "./explorer/graphiql.routes";
import { sandboxLandingPage } from "./explorer/landing-page";
import { webAppRoutes } from "./explorer/web-app.routes";
import { frontDoorLimits } from "./limits/front-door";
import { GatewayObservability, gatewayObservabilityFromEnv } from "./observability/gateway-metrics";
import { traceOperations } from "./observability/tracing";
import { SubgraphDataSource } from "./subgraph-data-source";
import { SubgraphGuards, subgraphGuardSettingsFromEnv } from "./subgraph-guard";
import { SubgraphHealth } from "./subgraph-health";
import { supergraphFromFile } from "./supergraph-source";
import { UpstreamSockets } from "./subscriptions/upstream";
import { serveGatewaySubscriptions, type GatewaySubscriptionServer } from "./subscriptions/ws-server";
import { TrustedDocuments, trustedDocumentsMiddleware } from "./trusted-documents";
import { webhookRoutes } from "./webhooks";
import { publicLinkRoutes } from "./public-links";
import { ResponseCache, responseCacheSettingsFromEnv } from "./response-cache/response-cache";

/** Subgraph names and routing URLs as written in the supergraph's `join__Graph` enum. */
export function subgraphsOf(supergraphSdl: string): { name: string; url: string }[] {
  const pattern = /@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]+)"\)/g;
  return [...supergraphSdl.matchAll(pattern)].map((m) => ({ name: m[1]!, url: m[2]! }));
}

/** The running gateway: HTTP and WebSocket addresses, and its subscription machinery (for tests and metrics). */
export interface RunningGateway extends RunningServer {
  wsUrl: string;
  subscriptions: GatewaySubscriptionServer;
  upstream: UpstreamSockets;
  /** What the gateway last saw of each subgraph's readiness (shown in `/healthz`). */
  health: SubgraphHealth;
  /** The cache of anonymous answers, when on (docs/decisions/0054). */
  responseCache?: ResponseCache;
  /** Whether GraphiQL is served at `/graphiql` (with Sandbox, when its files are installed). */
  graphiql: boolean;
  /** Whether the React web app is served at `/app/` (`WEB_APP_DIR` set to a build). */
  webApp: boolean;
}

/** Starts the gateway: Apollo Gateway on the composed supergraph, token check at the edge, health routes. */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const routingOf = (sdl: string) =>
    Object.fromEntries(subgraphsOf(sdl).map(({ name, url }) => [name, config.subgraphUrl(name) ?? url]));
  let routing = routingOf(readFileSync(config.supergraphPath, "utf8"));
  // Every wait on a subgraph is bounded: timeout, circuit breaker, in-flight cap (docs/decisions/0025).
  const guardSettings = config.subgraphGuards ?? subgraphGuardSettingsFromEnv();
  const guards = new SubgraphGuards(guardSettings, config.log);
  // @apollo/gateway reports usage to Apollo (an OTLP metrics exporter, cloud metadata probed at start)
  // unless this says no. Nothing leaves the platform unless its operator asks for it (docs/decisions/0052).
  process.env.APOLLO_TELEMETRY_DISABLED ??= "true";
  // Metrics at /metrics and the slow-operation log (docs/decisions/0050).
  const observability = new GatewayObservability(config.observability ?? gatewayObservabilityFromEnv(), config.log);
  const recordFetch = observability.fetchRecorder();
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphPath, config.watchSupergraph, config.log),
    buildService: ({ name, url }) =>
      new SubgraphDataSource(
        config.subgraphUrl(name) ?? url!,
        config.gatewaySecret,
        guards.for(name),
        config.log,
        recordFetch,
      ),
    experimental_didResolveQueryPlan: observability.queryPlanHook(),
    logger: config.log,
  });
  const revocations = config.revocations ? RevocationList.overHttp(config.revocations, config.log) : undefined;
  const verifier = AccessTokenVerifier.fromJwksUrl(config.jwksUrl, revocations, config.log);
  // API keys for third-party developers (docs/decisions/0046): traded with identity for their owner's
  // token, counted per key and day, their scopes checked once the operation is known.
  const apiKeys = config.apiKeys ? new ApiKeyAccess(config.apiKeys, verifier, config.log) : undefined;
  const apiKeyUsage = config.apiKeys ? new ApiKeyUsageRecorder(config.apiKeys, config.log) : undefined;
  const authenticator = new RequestAuthenticator(verifier, apiKeys);
  // Which documents run, on HTTP and WebSocket alike (docs/decisions/0017).
  const trustedDocuments = TrustedDocuments.fromConfig(
    config.trustedDocuments ?? { mode: "allow", manifestPaths: DEFAULT_MANIFEST_PATHS },
    config.log,
  );
  // Who the client is (TRUST_PROXY), once per request or socket: the gateway's rate limits and identity's sign-in limits count it.
  const trustProxy = compileTrust(config.trustProxy ?? false);
  const limits = frontDoorLimits(config.limits, config.log);
  const app = express();
  app.disable("x-powered-by");
  const httpServer = createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const drain = new HttpDrain(httpServer);
  // WebSocket operations run on a stitched schema of the same supergraph (docs/decisions/0012). It
  // takes about a CPU-second on a loaded machine, so it is built just after the gateway loads a
  // supergraph (below), or by the first WebSocket operation if that comes first; live subscriptions
  // are told to resubscribe when a new supergraph arrives.
  const upstream = new UpstreamSockets(config.gatewaySecret, config.log);
  let subscriptionSchema: GraphQLSchema | undefined;
  let loadedSdl: string | undefined;
  const subscriptionSchemaNow = (): GraphQLSchema => {
    // Loaded on first use: @graphql-tools' stitching is ~800 modules and tens of MB that a gateway
    // serving only HTTP never needs (docs/decisions/0052).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const stitched = require("./subscriptions/stitched-schema") as typeof import("./subscriptions/stitched-schema");
    subscriptionSchema ??= hardenScalars(
      stitched.buildSubscriptionSchema({
        supergraphSdl: loadedSdl!,
        routing,
        gatewaySecret: config.gatewaySecret,
        upstream,
        guards,
        log: config.log,
        recordFetch,
      }),
    );
    return subscriptionSchema;
  };
  const suggestions = showsSchemaSuggestions();
  const subscriptions = serveGatewaySubscriptions({
    server: httpServer,
    schema: subscriptionSchemaNow,
    verifier,
    log: config.log,
    maxOperationsPerSocket: config.maxOperationsPerSocket,
    shareSubscriptions: config.shareSubscriptions,
    suggestions,
    trustedDocuments,
    trustProxy,
    limits: limits.ws,
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    // The supergraph's date scalars are opaque (anything passes); the kit's strict parsing refuses
    // 2025-02-30 here, at the edge, before a subgraph is called (docs/decisions/0015).
    hardenScalars(apiSchema);
    if (coreSupergraphSdl === loadedSdl) return;
    const first = loadedSdl === undefined;
    loadedSdl = coreSupergraphSdl;
    routing = routingOf(coreSupergraphSdl);
    subscriptionSchema = undefined;
    // A supergraph with subscriptions gets its WebSocket schema at once, off the request path (built
    // on the first socket instead, it stalled that socket's handshake by 1-2 s); one without them
    // leaves it to the first WebSocket operation, so an HTTP-only gateway never loads it (docs/decisions/0052).
    if (apiSchema.getSubscriptionType())
      setImmediate(() => {
        try {
          subscriptionSchemaNow();
        } catch (error) {
          config.log.error({ err: error }, "cannot build the schema for WebSocket operations");
        }
      }).unref();
    if (!first) subscriptions.schemaReloaded();
  });
  // Anonymous answers cached under the public data versions of the subgraphs they came from (docs/decisions/0054).
  const responseCache = ResponseCache.create(config.responseCache ?? responseCacheSettingsFromEnv(), () => routing, {
    gatewaySecret: config.gatewaySecret,
    log: config.log,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: limits.gateway(gateway),
    parseOptions: limits.apollo.parseOptions,
    formatError: (formatted, error) => formatGatewayError(formatted, { log: config.log, suggestions, original: error }),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: !suggestions,
    // The front door's shape and cost limits (docs/decisions/0016), then NUL, lone surrogates,
    // over-long strings and non-finite numbers in literals (docs/decisions/0015).
    validationRules: [...limits.apollo.validationRules, InputGuardRule],
    logger: config.log,
    // main.ts drains on SIGTERM/SIGINT (docs/decisions/0023); Apollo's handler re-raises the signal.
    stopOnTerminationSignals: false,
    plugins: [
      ...observability.plugins(trustedDocuments.operationNames()),
      inputGuardPlugin<GatewayContext>(),
      subscriptionsOverHttpPlugin<GatewayContext>(),
      // Before the limits: a field the key may not use costs nothing of its budget.
      apiKeyScopesPlugin(),
      tracingPlugin<GatewayContext>(),
      // The response's Cache-Control is the most restrictive of its subgraph fetches' headers
      // (RemoteGraphQLDataSource's honorSubgraphCacheControlHeader; a fetch without one counts as
      // max-age 0): public only when every subgraph asked marked its answer public, i.e. today an
      // anonymous catalog query; everything else is no-store (docs/decisions/0030).
      ApolloServerPluginCacheControl({ defaultMaxAge: 0 }),
      ...(responseCache?.plugins(observability.responseCacheRecorder()) ?? []),
      ...limits.apollo.plugins,
      // Sandbox from Apollo's CDN, with a link to /graphiql in its "you might be offline" message.
      config.sandbox ? sandboxLandingPage<GatewayContext>() : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();
  await revocations?.start();
  await responseCache?.start();
  apiKeyUsage?.start();
  // Ready once this process can serve: a supergraph loaded. Subgraphs' readiness is detail for
  // /healthz and the logs, never a reason to take the gateway out of service (docs/decisions/0007).
  const health = new SubgraphHealth(
    () => routing,
    config.log,
    (name) => guards.status(name),
  );
  health.start();
  observability.observe(guards, () => Object.keys(routing), subscriptions);
  observability.route(app);
  healthRoutes(
    app,
    async () => {
      if (loadedSdl === undefined) throw new Error("no supergraph loaded yet");
    },
    config.log,
    () => ({ subgraphs: health.snapshot() }),
  );
  const handler = expressMiddleware(apollo, {
    context: async ({ req, res }) => {
      try {
        const context = await createGatewayContext(req, authenticator, trustProxy, apiKeyUsage);
        res.setHeader(REQUEST_ID_HEADER, context.requestId);
        return context;
      } catch (error) {
        throw contextError(error);
      }
    },
  });
  const graphql = [
    cors({ origin: config.corsOrigins, exposedHeaders: [REQUEST_ID_HEADER, "retry-after"] }),
    express.json({ limit: "1mb" }),
    traceOperations(),
    // A key's request runs under the policy as its owner's would, minus a platform admin's privilege:
    // the privilege is the person's, not their apps'.
    trustedDocumentsMiddleware(trustedDocuments, async (req) => {
      const who = await authenticator.authenticate(req.headers);
      return who.apiKey ? null : who.viewer;
    }),
    handler,
  ];
  webhookRoutes(app, { orders: () => routing.orders, timeoutMs: subgraphTimeoutMs(), log: config.log });
  // Signed files, calendar feeds and report exports at the gateway's address (docs/decisions/0060).
  publicLinkRoutes(app, {
    routing: () => routing,
    timeoutMs: subgraphTimeoutMs(),
    log: config.log,
    cors: cors({ origin: config.corsOrigins, methods: ["GET", "HEAD", "PUT"], exposedHeaders: ["retry-after"] }),
  });
  // GraphiQL from the gateway's own files, for exploring without internet (docs/decisions/0057).
  const graphiql = config.sandbox && graphiqlRoutes(app, config.log);
  // The React web app's static build, in production too: it is just files calling /graphql (docs/decisions/0061-react-web-app.md).
  const webApp =
    config.webAppDir !== undefined && webAppRoutes(app, config.webAppDir, config.log, config.webAppFileOrigins);
  app.use("/graphql", ...graphql);
  // Sandbox and queries also work at the root, so http://localhost:4000 is the one address to remember.
  app.use(/^\/$/, ...graphql);
  app.use(httpErrorHandler(config.log));
  const port = await listen(httpServer, config.port);
  config.log.info({ port, subgraphs: routing }, "gateway started");
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    port,
    server: httpServer,
    subscriptions,
    upstream,
    health,
    responseCache,
    graphiql,
    webApp,
    stop: () =>
      drainAndStop({
        drain,
        log: config.log,
        timeoutMs: config.shutdownTimeoutMs ?? shutdownTimeoutMs(),
        closeWebSockets: () => subscriptions.close(),
        // After the requests, which still use the revocation list and the limits' counters.
        steps: [
          ["upstream sockets", () => upstream.close()],
          ["apollo server", () => apollo.stop()],
          ["revocation polling", () => revocations?.stop()],
          ["response cache", () => responseCache?.stop()],
          ["API key usage", () => apiKeyUsage?.stop()],
          ["subgraph health checks", () => health.stop()],
          ["front-door limits", () => limits.close()],
          ["subgraph connections", () => guards.close()],
        ],
      }),
  };
}
