import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import { fieldOfVariableError, withoutSuggestions, type Logger } from "@pawgraph/subgraph-kit/src/edge";

/**
 * Extensions that describe our insides rather than the client's mistake: Apollo Gateway puts the
 * subgraph's URL, status and raw body in `response` when a subgraph answers non-2xx; `exception`
 * and `stacktrace` carry traces; `http` is transport detail. None of them reaches a client.
 */
const INTERNAL_EXTENSIONS = ["response", "exception", "stacktrace", "http"];

/** Codes that mean "something broke on our side": the message may name hosts or SQL, so it is replaced. */
const MASKED_CODES = new Set(["INTERNAL_SERVER_ERROR", "DOWNSTREAM_SERVICE_ERROR"]);

/**
 * The one place the gateway shapes errors for clients, over HTTP and WebSocket alike: internal
 * extensions are dropped, a bad variable gets `extensions.field`, schema suggestions are removed
 * unless `suggestions` (development), and errors without a client-facing code are logged and masked.
 */
export function formatGatewayError(
  formatted: GraphQLFormattedError,
  options: { log: Logger; suggestions: boolean; original?: unknown },
): GraphQLFormattedError {
  const extensions: Record<string, unknown> = { ...(formatted.extensions ?? {}) };
  for (const key of INTERNAL_EXTENSIONS) delete extensions[key];
  const message = options.suggestions ? formatted.message : withoutSuggestions(formatted.message);
  // Apollo files every validation error under GRAPHQL_VALIDATION_FAILED; the kit's InputGuardRule's name a field: bad input.
  if (extensions.code === "GRAPHQL_VALIDATION_FAILED" && typeof extensions.field === "string")
    extensions.code = "BAD_USER_INPUT";
  const code = typeof extensions.code === "string" ? extensions.code : undefined;
  const variableField = code === undefined || code === "BAD_USER_INPUT" ? fieldOfVariableError(message) : undefined;
  if (variableField)
    return {
      ...formatted,
      message,
      extensions: { ...extensions, code: "BAD_USER_INPUT", field: extensions.field ?? variableField },
    };
  if (code === undefined || MASKED_CODES.has(code) || /\b(?:https?|wss?):\/\//.test(message)) {
    // A subgraph's own masked errors arrive already masked (and logged there).
    if (message !== "Internal server error")
      options.log.error(
        { err: options.original ?? formatted, path: formatted.path },
        "unexpected error at the gateway",
      );
    return {
      message: "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: "INTERNAL_SERVER_ERROR",
        ...(typeof extensions.serviceName === "string" ? { serviceName: extensions.serviceName } : {}),
      },
    };
  }
  return { ...formatted, message, extensions };
}

/**
 * Subscriptions need a connection that stays open: over HTTP they are refused with 400 before
 * planning (Apollo Gateway cannot plan them and answered 500), pointing at graphql-ws.
 */
export function subscriptionsOverHttpPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ operation }) => {
        if (operation?.operation !== "subscription") return;
        throw new GraphQLError(
          "Subscriptions are served over WebSocket: connect with graphql-ws (the graphql-transport-ws protocol) to this same /graphql URL.",
          {
            extensions: { code: "BAD_REQUEST", http: { status: 400 } },
          },
        );
      },
    }),
  };
}
