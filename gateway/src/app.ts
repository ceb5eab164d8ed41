import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express from "express";
import type { GraphQLSchema } from "graphql";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { AccessTokenVerifier, contextError, fieldOfVariableError, healthRoutes, httpErrorHandler, listen, REQUEST_ID_HEADER, type RunningServer } from "@pawgraph/subgraph-kit";
import type { GatewayConfig } from "./config";
import { createGatewayContext, type GatewayContext } from "./context";
import { frontDoorLimits } from "./limits/front-door";
import { SubgraphDataSource } from "./subgraph-data-source";
import { supergraphFromFile } from "./supergraph-source";
import { buildSubscriptionSchema } from "./subscriptions/stitched-schema";
import { UpstreamSockets } from "./subscriptions/upstream";
import { serveGatewaySubscriptions, type GatewaySubscriptionServer } from "./subscriptions/ws-server";

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
}

/** Starts the gateway: Apollo Gateway on the composed supergraph, token check at the edge, health routes. */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const routingOf = (sdl: string) => Object.fromEntries(subgraphsOf(sdl).map(({ name, url }) => [name, config.subgraphUrl(name) ?? url]));
  let routing = routingOf(readFileSync(config.supergraphPath, "utf8"));
  const limits = frontDoorLimits(config.limits, config.log);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphPath, config.watchSupergraph, config.log),
    buildService: ({ name, url }) => new SubgraphDataSource(config.subgraphUrl(name) ?? url!, config.gatewaySecret),
    logger: config.log,
  });
  const verifier = AccessTokenVerifier.fromJwksUrl(config.jwksUrl);
  const app = express();
  app.disable("x-powered-by");
  const httpServer = createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  // WebSocket operations run on a stitched schema of the same supergraph (docs/decisions/0012),
  // rebuilt whenever the gateway loads a new one; live subscriptions are then told to resubscribe.
  const upstream = new UpstreamSockets(config.gatewaySecret, config.log);
  let subscriptionSchema: GraphQLSchema | undefined;
  let loadedSdl: string | undefined;
  const subscriptions = serveGatewaySubscriptions({ server: httpServer, schema: () => subscriptionSchema!, verifier, log: config.log, maxOperationsPerSocket: config.maxOperationsPerSocket, limits: limits.ws });
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    if (coreSupergraphSdl === loadedSdl) return;
    const first = loadedSdl === undefined;
    loadedSdl = coreSupergraphSdl;
    routing = routingOf(coreSupergraphSdl);
    subscriptionSchema = buildSubscriptionSchema({ supergraphSdl: coreSupergraphSdl, routing, gatewaySecret: config.gatewaySecret, upstream });
    if (!first) subscriptions.schemaReloaded();
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: limits.gateway(gateway),
    parseOptions: limits.apollo.parseOptions,
    validationRules: limits.apollo.validationRules,
    formatError: (formatted) => {
      const field = formatted.extensions?.code === "BAD_USER_INPUT" && !formatted.extensions.field ? fieldOfVariableError(formatted.message) : undefined;
      return field ? { ...formatted, extensions: { ...formatted.extensions, field } } : formatted;
    },
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    logger: config.log,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginCacheControlDisabled(),
      ...limits.apollo.plugins,
      config.sandbox ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }) : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();
  healthRoutes(
    app,
    async () => {
      const results = await Promise.all(
        Object.entries(routing).map(async ([name, url]) => {
          const response = await fetch(new URL("/readyz", url), { signal: AbortSignal.timeout(2_000) }).catch(() => null);
          return response?.ok ? null : name;
        }),
      );
      const down = results.filter(Boolean);
      if (down.length) throw new Error(`subgraphs not ready: ${down.join(", ")}`);
    },
    config.log,
  );
  const handler = expressMiddleware(apollo, {
    context: async ({ req, res }) => {
      try {
        const context = await createGatewayContext(req, verifier);
        res.setHeader(REQUEST_ID_HEADER, context.requestId);
        return { ...context, clientIp: limits.clientIp(req) };
      } catch (error) {
        throw contextError(error);
      }
    },
  });
  const graphql = [cors({ origin: config.corsOrigins, exposedHeaders: [REQUEST_ID_HEADER, "retry-after"] }), express.json({ limit: "1mb" }), handler];
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
    stop: async () => {
      await subscriptions.close();
      await upstream.close();
      await apollo.stop();
      await limits.close();
    },
  };
}
