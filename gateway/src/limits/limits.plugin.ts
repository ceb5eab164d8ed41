import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLError } from "graphql";
import type { GatewayContext } from "../context";
import type { CostRateLimiter } from "./cost-rate-limiter";
import type { LimitsConfig } from "./limits.config";
import { limitOf, QUERY_TOO_COMPLEX, rateLimitedError, tooComplexError } from "./limits.errors";
import { DEFAULT_COST_MODEL, operationCost, type CostModel } from "./query-cost";

/**
 * Apollo Server's validation and parse errors carry GRAPHQL_VALIDATION_FAILED / GRAPHQL_PARSE_FAILED
 * whatever the rule said; a refusal by one of the limits gets QUERY_TOO_COMPLEX back, so clients
 * see one code for every limit, over HTTP and WebSocket alike.
 */
export function recodeLimitError(error: GraphQLError): void {
  const limit = limitOf(error);
  if (!limit || error.extensions.code === QUERY_TOO_COMPLEX) return;
  // Without its own `http` extension: Apollo's error already carries status 400.
  const ours = tooComplexError(limit.limit, limit.max, limit.found, "ws");
  error.message = ours.message;
  Object.assign(error.extensions, ours.extensions);
}

/**
 * The per-request half of the limits on HTTP: once the operation is known (document validated, so
 * depth, aliases and directives already passed), its cost with these variables must fit, and the
 * viewer and the client IP must have that much left of their minute. Both refuse before anything
 * is sent to a subgraph.
 */
export function limitsPlugin(options: {
  config: LimitsConfig;
  limiter: CostRateLimiter;
  costModel?: CostModel;
}): ApolloServerPlugin<GatewayContext> {
  const { config, limiter } = options;
  const model = options.costModel ?? DEFAULT_COST_MODEL;
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) recodeLimitError(error);
        },
        async didResolveOperation({ schema, document, operationName, request, contextValue }) {
          const cost = operationCost(schema, document, operationName, request.variables, model);
          if (cost > config.maxCost) throw tooComplexError("cost", config.maxCost, cost, "http");
          // An API key has a budget of its own (docs/decisions/0046), the size of a viewer's.
          const subject = contextValue.apiKey ? `api-key:${contextValue.apiKey.id}` : contextValue.viewer?.userId;
          const decision = await limiter.consume(subject, contextValue.clientIp, cost);
          if (!decision.allowed) throw rateLimitedError(decision.retryAfterSeconds, decision.scope, "http");
        },
      };
    },
  };
}
