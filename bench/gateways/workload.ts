// The Guild's workload (graphql-hive/graphql-gateways-benchmark): the supergraph of the four
// subgraphs, its TestQuery (k6.js) and the exact answer every gateway must give.
import { composeServices } from "@apollo/composition";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "graphql";
import { GUILD_SUBGRAPHS } from "./subgraphs/server";

export const SUPERGRAPH_PATH = resolve(__dirname, "supergraph.graphql");
export const EXPECTED_RESPONSE_PATH = resolve(__dirname, "expected-response.json");
/** The routing URL base written into the committed supergraph; a run swaps in its subgraphs' address. */
export const COMMITTED_SUBGRAPHS_URL = "http://127.0.0.1:4200";

/** k6.js's query, verbatim in meaning: 16 subgraph fetches with Apollo's planner, an ~87 KB answer. */
export const TEST_QUERY = /* GraphQL */ `
  fragment User on User {
    id
    username
    name
  }

  fragment Review on Review {
    id
    body
  }

  fragment Product on Product {
    inStock
    name
    price
    shippingEstimate
    upc
    weight
  }

  query TestQuery {
    users {
      ...User
      reviews {
        ...Review
        product {
          ...Product
          reviews {
            ...Review
            author {
              ...User
              reviews {
                ...Review
                product {
                  ...Product
                }
              }
            }
          }
        }
      }
    }
    topProducts {
      ...Product
      reviews {
        ...Review
        author {
          ...User
          reviews {
            ...Review
            product {
              ...Product
            }
          }
        }
      }
    }
  }
`;

/** The request body autocannon sends. */
export const TEST_QUERY_BODY = JSON.stringify({ query: TEST_QUERY });

/** Composes the four subgraphs' SDLs as bench/gateways/supergraph.graphql is (`npm run -s bench:gateways:compose`). */
export function composeGuildSupergraph(subgraphsUrl = COMMITTED_SUBGRAPHS_URL): string {
  const result = composeServices(
    GUILD_SUBGRAPHS.map((subgraph) => ({
      name: subgraph.name,
      url: `${subgraphsUrl}/${subgraph.name}`,
      typeDefs: parse(subgraph.typeDefs),
    })),
  );
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join("\n"));
  return result.supergraphSdl;
}

/** The committed supergraph with its routing URLs pointed at `subgraphsUrl`. */
export function supergraphFor(subgraphsUrl: string): string {
  return readFileSync(SUPERGRAPH_PATH, "utf8").replaceAll(COMMITTED_SUBGRAPHS_URL, subgraphsUrl);
}

export function expectedResponse(): unknown {
  return JSON.parse(readFileSync(EXPECTED_RESPONSE_PATH, "utf8"));
}
