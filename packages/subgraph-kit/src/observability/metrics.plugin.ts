import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from "@apollo/server";
import type { Metrics } from "./metrics";

/** Turns a client-chosen operation name into a label from a bounded set (see `boundedOperationNames`). */
export type OperationLabel = (name: string | null | undefined) => string;

/** Names Prometheus would refuse or that no GraphQL document can hold never become labels. */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * Operation names as labels, at most `limit` of them: the first names seen are kept, every later one
 * is `other`. Operation names are chosen by whoever sends the request, and each new label value is a
 * new series held in memory until the process ends: unbounded, a client sending random names would
 * grow the gateway's (and Prometheus's) memory without limit. The gateway passes its trusted
 * documents' names instead, which never change at runtime.
 */
export function boundedOperationNames(limit: number, known: ReadonlySet<string> = new Set()): OperationLabel {
  const seen = new Set<string>();
  return (name) => {
    if (!name) return "anonymous";
    if (known.has(name) || seen.has(name)) return name;
    if (seen.size >= limit || !GRAPHQL_NAME.test(name)) return "other";
    seen.add(name);
    return name;
  };
}

/**
 * Apollo Server plugin counting requests, their latency and their errors by operation name, type
 * (query, mutation, subscription) and outcome: `ok`, `partial` (data and errors) or `error` (no data).
 * Errors are counted by `extensions.code` as the client sees them, after the error formatter.
 */
export function metricsPlugin<C extends BaseContext>(metrics: Metrics, label: OperationLabel): ApolloServerPlugin<C> {
  const requests = metrics.counter({
    name: "graphql_requests_total",
    help: "GraphQL requests answered, by operation name, operation type and outcome.",
    labelNames: ["operation", "type", "outcome"],
  });
  const duration = metrics.histogram({
    name: "graphql_request_duration_seconds",
    help: "Time from receiving a GraphQL request to sending its response, by operation name, type and outcome.",
    labelNames: ["operation", "type", "outcome"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const errors = metrics.counter({
    name: "graphql_errors_total",
    help: "Errors in GraphQL responses, by operation name and extensions.code.",
    labelNames: ["operation", "code"],
  });
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(context: GraphQLRequestContextWillSendResponse<C>) {
          const body = context.response.body;
          const result = body.kind === "single" ? body.singleResult : body.initialResult;
          const operation = label(context.operationName ?? context.request.operationName);
          const outcome = !result.errors?.length ? "ok" : result.data ? "partial" : "error";
          const labels = { operation, type: context.operation?.operation ?? "unknown", outcome };
          requests.inc(labels);
          duration.observe(labels, (performance.now() - started) / 1000);
          for (const error of result.errors ?? []) {
            const code = error.extensions?.code;
            errors.inc({ operation, code: typeof code === "string" ? code : "UNKNOWN" });
          }
        },
      };
    },
  };
}
