// Writes bench/gateways/supergraph.graphql from the four Guild subgraphs' SDLs; guild.test.ts fails when it is stale.
import { writeFileSync } from "node:fs";
import { composeGuildSupergraph, SUPERGRAPH_PATH } from "./workload";

writeFileSync(SUPERGRAPH_PATH, composeGuildSupergraph());
console.log(`wrote ${SUPERGRAPH_PATH}`);
