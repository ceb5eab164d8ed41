// The four Guild subgraphs behind one node:http server, at /accounts, /inventory, /products and
// /reviews as in the Guild's Rust server: plain graphql-js execution on buildSubgraphSchema, with no
// framework in between, so the subgraphs cost little next to the gateways being measured.
// `GET /fetches` answers how many GraphQL requests were served, to count a gateway's fetches per query.
import { buildSubgraphSchema } from "@apollo/subgraph";
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { accounts } from "./accounts";
import type { GuildSubgraph } from "./guild-subgraph";
import { inventory } from "./inventory";
import { products } from "./products";
import { reviews } from "./reviews";

export const GUILD_SUBGRAPHS: GuildSubgraph[] = [accounts, inventory, products, reviews];

/** A gateway sends a handful of distinct documents; each is parsed and validated once. */
const DOCUMENT_CACHE_LIMIT = 1_000;

export interface GuildSubgraphServer {
  /** Base URL; subgraph `name` is at `${url}/${name}`. */
  url: string;
  server: Server;
  /** GraphQL requests served since start (every subgraph together). */
  fetches: () => number;
  close: () => Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function documentsOf(schema: GraphQLSchema) {
  const cache = new Map<string, DocumentNode>();
  return (query: string): DocumentNode => {
    let document = cache.get(query);
    if (document) return document;
    document = parse(query);
    const errors = validate(schema, document);
    if (errors.length) throw errors[0]!;
    if (cache.size >= DOCUMENT_CACHE_LIMIT) cache.clear();
    cache.set(query, document);
    return document;
  };
}

/** Serves the four subgraphs on `port` (0: any free port) on loopback. */
export async function serveGuildSubgraphs(port = 0): Promise<GuildSubgraphServer> {
  const routes = new Map(
    GUILD_SUBGRAPHS.map((subgraph) => {
      const schema = buildSubgraphSchema({ typeDefs: parse(subgraph.typeDefs), resolvers: subgraph.resolvers });
      return [`/${subgraph.name}`, { schema, documents: documentsOf(schema) }];
    }),
  );
  let fetches = 0;
  const server = createServer((req, res) => {
    const route = routes.get(req.url ?? "");
    if (req.method === "GET" && req.url === "/fetches") {
      res.end(String(fetches));
      return;
    }
    if (req.method !== "POST" || !route) {
      res.writeHead(404).end();
      return;
    }
    fetches++;
    readBody(req)
      .then(async (text) => {
        const { query, variables, operationName } = JSON.parse(text) as {
          query: string;
          variables?: Record<string, unknown>;
          operationName?: string;
        };
        let result: unknown;
        try {
          result = await execute({
            schema: route.schema,
            document: route.documents(query),
            variableValues: variables,
            operationName,
          });
        } catch (error) {
          result = { errors: [{ message: (error as Error).message }] };
        }
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
      })
      .catch(() => res.writeHead(400).end());
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    fetches: () => fetches,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
