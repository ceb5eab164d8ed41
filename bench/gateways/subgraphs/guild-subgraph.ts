// The shape shared by the four Guild subgraphs: a federation 2 SDL and its resolvers.
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";

/** One subgraph of The Guild's gateway benchmark: served at `/<name>` by bench/gateways/subgraphs/server.ts. */
export interface GuildSubgraph {
  name: string;
  typeDefs: string;
  resolvers: GraphQLResolverMap<unknown>;
}
