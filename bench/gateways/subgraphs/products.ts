// products: nine products, as in graphql-hive/graphql-gateways-benchmark subgraphs/products.rs.
import type { GuildSubgraph } from "./guild-subgraph";

interface Product {
  upc: string;
  name: string;
  price: number;
  weight: number;
}

const PRODUCTS: Product[] = (
  [
    ["Table", 899, 100],
    ["Couch", 1299, 1000],
    ["Glass", 15, 20],
    ["Chair", 499, 100],
    ["TV", 1299, 1000],
    ["Lamp", 6999, 300],
    ["Grill", 3999, 2000],
    ["Fridge", 100000, 6000],
    ["Sofa", 9999, 800],
  ] as const
).map(([name, price, weight], i) => ({ upc: String(i + 1), name, price, weight }));

export const products: GuildSubgraph = {
  name: "products",
  typeDefs: /* GraphQL */ `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      topProducts(first: Int = 5): [Product]
    }

    type Product @key(fields: "upc") {
      upc: String!
      name: String
      price: Int
      weight: Int
    }
  `,
  resolvers: {
    Query: { topProducts: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first) },
    Product: { __resolveReference: ({ upc }: { upc: string }) => PRODUCTS.find((p) => p.upc === upc) ?? null },
  },
};
