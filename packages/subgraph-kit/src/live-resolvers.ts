import type { GraphQLResolveInfo, GraphQLSchema } from "graphql";
import type { ResolverContainer } from "./resolver-container";

/**
 * type-graphql calls a subscription's `subscribe` with (source, args, context, info) only, never with
 * the resolver instance, so a subscription cannot get its services through its constructor the way
 * every other field does (docs/decisions/0028). The composition root's container is kept per schema
 * here, and `subscribe` finds its resolver through `info.schema`: per schema, not a process-wide
 * singleton (tests run several instances in one process), and never through the request context.
 */
const containers = new WeakMap<GraphQLSchema, ResolverContainer>();

/** Called by a subgraph's schema builder on the schema it returns; the server runs that same schema object. */
export function withLiveResolvers(schema: GraphQLSchema, resolvers: ResolverContainer): GraphQLSchema {
  containers.set(schema, resolvers);
  return schema;
}

/** The instance of `resolverClass` the composition root built for the schema this field runs in. */
export function resolverOf<T extends object>(
  info: GraphQLResolveInfo,
  resolverClass: abstract new (...args: never[]) => T,
): T {
  const resolvers = containers.get(info.schema);
  if (!resolvers) throw new Error(`${resolverClass.name}: this schema was not registered with withLiveResolvers`);
  return resolvers.get(resolverClass) as T;
}
