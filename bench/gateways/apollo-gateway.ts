// Vanilla @apollo/gateway in @apollo/server 5's standalone server, as the Guild's gateways/apollo-gateway
// runs it (default RemoteGraphQLDataSource over fetch, no plugins): the baseline of bench/gateways/run.ts.
// Reads SUPERGRAPH_FILE, listens on PORT.
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { readFileSync } from "node:fs";

async function main() {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(process.env.SUPERGRAPH_FILE!, "utf8") });
  const server = new ApolloServer({ gateway });
  await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: "127.0.0.1" } });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
