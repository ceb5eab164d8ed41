// The gateway bench's workload is the Guild's: the committed supergraph is what the four subgraphs
// compose to, and the TestQuery's answer through vanilla @apollo/gateway and through Pawgraph's
// gateway is expected-response.json (checked once against the Guild's k6.js expectation), in 16 fetches.
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startGateway, type RunningGateway } from "@pawgraph/gateway";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pawgraphBenchConfig } from "./pawgraph-config";
import { serveGuildSubgraphs, type GuildSubgraphServer } from "./subgraphs/server";
import {
  composeGuildSupergraph,
  expectedResponse,
  SUPERGRAPH_PATH,
  supergraphFor,
  TEST_QUERY,
  TEST_QUERY_BODY,
} from "./workload";

/** Apollo's query plan for the TestQuery: 2 root fetches, then entity fetches level by level. */
const FETCHES_PER_QUERY = 16;

describe("the Guild's gateway benchmark workload", () => {
  let subgraphs: GuildSubgraphServer;
  beforeAll(async () => {
    subgraphs = await serveGuildSubgraphs();
  });
  afterAll(() => subgraphs.close());

  it("commits the supergraph the four subgraphs compose to (npm run -s bench:gateways:compose)", () => {
    expect(readFileSync(SUPERGRAPH_PATH, "utf8")).toBe(composeGuildSupergraph());
  });

  it("answers the TestQuery through vanilla @apollo/gateway with the expected response", async () => {
    const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: supergraphFor(subgraphs.url) }) });
    await server.start();
    try {
      const before = subgraphs.fetches();
      const response = await server.executeOperation({ query: TEST_QUERY });
      expect(response.body.kind === "single" && response.body.singleResult).toEqual(expectedResponse());
      expect(subgraphs.fetches() - before).toBe(FETCHES_PER_QUERY);
    } finally {
      await server.stop();
    }
  });

  it("answers the TestQuery through Pawgraph's gateway, as the bench configures it, with the expected response", async () => {
    const supergraphPath = join(mkdtempSync(join(tmpdir(), "bench-gateways-")), "supergraph.graphql");
    writeFileSync(supergraphPath, supergraphFor(subgraphs.url));
    const gateway: RunningGateway = await startGateway(pawgraphBenchConfig(supergraphPath, 0));
    try {
      const before = subgraphs.fetches();
      const response = await fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: TEST_QUERY_BODY,
      });
      expect(await response.json()).toEqual(expectedResponse());
      expect(subgraphs.fetches() - before).toBe(FETCHES_PER_QUERY);
    } finally {
      await gateway.stop();
    }
  });
});
