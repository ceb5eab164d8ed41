// accounts: the six users, as in graphql-hive/graphql-gateways-benchmark subgraphs/accounts.rs.
import type { GuildSubgraph } from "./guild-subgraph";

interface User {
  id: string;
  name: string;
  username: string;
  birthday: number;
}

const USERS: User[] = [
  ["1", "Uri Goldshtein", "urigo"],
  ["2", "Dotan Simha", "dotansimha"],
  ["3", "Kamil Kisiela", "kamilkisiela"],
  ["4", "Arda Tanrikulu", "ardatan"],
  ["5", "Gil Gardosh", "gilgardosh"],
  ["6", "Laurin Quast", "laurin"],
].map(([id, name, username]) => ({ id: id!, name: name!, username: username!, birthday: 1234567890 }));

const byId = (id: string) => USERS.find((user) => user.id === id) ?? null;

export const accounts: GuildSubgraph = {
  name: "accounts",
  typeDefs: /* GraphQL */ `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

    type Query {
      me: User
      user(id: ID!): User
      users: [User]
    }

    type User @key(fields: "id") {
      id: ID!
      name: String
      # Shareable: reviews provides it on a review's author (the Rust subgraphs are federation 1, where that is implicit).
      username: String @shareable
      birthday: Int
    }
  `,
  resolvers: {
    Query: {
      me: () => USERS[0],
      user: (_: unknown, { id }: { id: string }) => byId(id),
      users: () => USERS,
    },
    User: { __resolveReference: ({ id }: { id: string }) => byId(id) },
  },
};
