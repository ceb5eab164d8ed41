import {
  startTracing,
  traceHeaders,
  traceRequests,
  tracingSettingsFromEnv,
  type RunningTracing,
} from "@pawgraph/subgraph-kit/src/edge";

// The gateway's side of tracing (docs/decisions/0051): one trace per operation, a span per subgraph
// fetch, and @apollo/gateway's own spans (gateway.request, gateway.plan, gateway.fetch...), which it
// makes through @opentelemetry/api once a provider is registered, nested in between.

/** Starts the gateway process's tracing from the `OTEL_*` variables; undefined (nothing loaded) when off. */
export function startGatewayTracing(): RunningTracing | undefined {
  return startTracing("gateway", tracingSettingsFromEnv());
}

/**
 * The server span per operation. A client's `traceparent` starts a new trace (linked to the
 * client's) unless TRACING_ACCEPT_TRACEPARENT=true: trusting it lets any client choose trace ids and
 * force sampling on, which an operator behind their own traced proxy may want and the internet may not.
 */
export function traceOperations() {
  return traceRequests(tracingSettingsFromEnv().acceptTraceparent);
}

/** Adds the active subgraph-fetch span's `traceparent` to a subgraph request's headers. */
export function propagateTrace(headers: { set(name: string, value: string): void }): void {
  for (const [name, value] of Object.entries(traceHeaders())) headers.set(name, value);
}
