import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import type { BaseContext } from "./context";

/**
 * The cache-control plugins of a subgraph's Apollo Server. Off (the default): no hints are computed
 * and no `Cache-Control` header is sent, which the gateway reads as max-age 0, so any response that
 * touched the subgraph is `no-store` (docs/decisions/0030). On: Apollo's plugin turns the schema's
 * `@cacheControl` hints into the response's `Cache-Control` header (types without a hint count as
 * max-age 0), and `anonymousQueriesOnly` keeps that header to what a shared cache may hold: the
 * answer to an anonymous query. A signed-in viewer's answer may hold what only they may see (a
 * vendor's commission, an unpublished product), and a mutation's is never to be replayed.
 */
export function cacheHintPlugins<C extends BaseContext>(enabled: boolean): ApolloServerPlugin<C>[] {
  if (!enabled) return [ApolloServerPluginCacheControlDisabled()];
  return [ApolloServerPluginCacheControl({ defaultMaxAge: 0 }), anonymousQueriesOnly<C>()];
}

function anonymousQueriesOnly<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, overallCachePolicy }) {
          if (contextValue.viewer !== null || operation?.operation !== "query")
            overallCachePolicy.restrict({ maxAge: 0 });
        },
      };
    },
  };
}
