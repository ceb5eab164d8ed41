import { APOLLO_GATEWAY_TRACER } from "@pawgraph/subgraph-kit/src/edge";

// TRACING_APOLLO_GATEWAY_SPANS=false hands @apollo/gateway's tracer a no-op one by its name
// (docs/decisions/0051): the name must be the one the installed @apollo/gateway asks for.
it("names @apollo/gateway's tracer as the installed version does", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { tracer } = require("@apollo/gateway/dist/utilities/opentelemetry") as { tracer: { name: string } };
  expect(tracer.name).toBe(APOLLO_GATEWAY_TRACER);
});
