// `npm run compose`: supergraph.yaml → supergraph.graphql (gateway) + schema.graphql (clients).
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describeViolation, partialResultsViolations } from "./partial-results";
import { ROOT, composeSupergraph } from "./supergraph";

try {
  const composed = composeSupergraph();
  for (const hint of composed.hints) console.log(`hint: ${hint}`);
  writeFileSync(resolve(ROOT, "supergraph.graphql"), composed.supergraphSdl);
  writeFileSync(resolve(ROOT, "schema.graphql"), composed.apiSchemaSdl);
  console.log("Wrote supergraph.graphql and schema.graphql");
  // Told here so that it is seen while writing the schema; scripts/partial-results.test.ts fails on it.
  for (const violation of partialResultsViolations(composed.supergraphSdl)) {
    console.warn(`partial results (docs/decisions/0024): ${describeViolation(violation)}`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
