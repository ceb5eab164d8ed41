import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLInt } from "graphql";

/**
 * Apollo's `@cacheControl` directive, declared so a subgraph can mark public types and fields with how
 * long a shared cache may keep them (e.g. catalog's products: `@cacheControl(maxAge: 60)`). Apollo
 * Server's cache-control plugin reads these hints and sends them as the subgraph response's
 * `Cache-Control` header, which `@apollo/gateway` folds into the whole response's policy
 * (`honorSubgraphCacheControlHeader`), so a response cache can be added at the gateway without a schema change.
 * Apollo's `scope` argument (PUBLIC/PRIVATE) is left out: only public data is marked, and its enum would
 * otherwise show up, unused, in the client-facing schema.
 */
export const cacheControlDirective = new GraphQLDirective({
  name: "cacheControl",
  description: "How long (seconds) and for whom a response containing this type or field may be cached.",
  locations: [
    DirectiveLocation.FIELD_DEFINITION,
    DirectiveLocation.OBJECT,
    DirectiveLocation.INTERFACE,
    DirectiveLocation.UNION,
  ],
  args: {
    maxAge: { type: GraphQLInt, description: "Seconds a cache may keep it." },
    inheritMaxAge: { type: GraphQLBoolean, description: "Take the parent field's maxAge." },
  },
});
