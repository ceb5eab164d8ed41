import { buildHTTPExecutor, type HTTPExecutorOptions } from "@graphql-tools/executor-http";
import { GraphQLError, type ExecutionResult } from "graphql";
import type { Logger } from "@pawgraph/subgraph-kit/src/edge";
import { FAILURE_CODES, failureMessage, SubgraphFailure } from "../subgraph-failure";
import type { SubgraphGuard } from "../subgraph-guard";
import type { FetchRecorder } from "../observability/gateway-metrics";
import type { UpstreamRequest } from "./upstream";

/** Codes executor-http gives its own errors (no answer, or an answer that is not GraphQL); a subgraph's errors never carry its `request` extension. */
const EXECUTOR_CODES = new Set(["SUBREQUEST_HTTP_ERROR", "RESPONSE_VALIDATION_FAILED"]);

/**
 * The HTTP executor WebSocket operations use for one subgraph's queries, mutations and entity
 * fetches: @graphql-tools' buildHTTPExecutor, fetching through the subgraph's `SubgraphGuard`, the
 * one the HTTP gateway's data source uses (same timeout and pool, same breaker, same in-flight
 * count), so a dead subgraph fails fast for both and `/healthz` shows all of its traffic. A fetch
 * that gets no answer becomes what the HTTP gateway answers: coded errors at the fields it was for
 * (docs/decisions/0025). Batching stays the stitched schema's: it merges requests before this runs.
 */
export function guardedHttpExecutor(options: {
  url: string;
  guard: SubgraphGuard;
  log: Logger;
  headers: HTTPExecutorOptions["headers"];
  /** Counts each fetch in `/metrics` as the HTTP path's do (subgraph_fetch_duration_seconds). */
  recordFetch?: FetchRecorder;
}): (request: UpstreamRequest) => Promise<ExecutionResult> {
  const { guard, log, recordFetch } = options;
  const http = buildHTTPExecutor({
    endpoint: options.url,
    headers: options.headers,
    // No `timeout`: the guard's dispatcher bounds each phase without a timer per fetch.
    fetch: (url: string, init?: RequestInit) =>
      guard.run(async () => {
        if (init?.body != null && typeof init.body !== "string")
          throw new Error("the gateway sends subgraphs JSON bodies only");
        const answer = await guard.fetcher(url, {
          method: init?.method,
          headers: init?.headers as Record<string, string> | undefined,
          body: init?.body ?? undefined,
        });
        // Read here, under the breaker and the in-flight count: a body that stalls is no answer too.
        const text = await answer.text();
        // A proxy in front of a subgraph that is not there, as over HTTP (SubgraphDataSource.errorFromResponse).
        if (answer.status >= 502 && answer.status <= 504)
          throw new SubgraphFailure("unavailable", `HTTP ${answer.status}`);
        return new Response(text || null, {
          status: answer.status,
          headers: { "content-type": answer.headers.get("content-type") ?? "application/json" },
        });
      }),
  });

  return async (request) => {
    const started = performance.now();
    const result = (await http(request as never)) as ExecutionResult;
    if (!result.errors?.length) {
      recordFetch?.(guard.name, started, "ok");
      return result;
    }
    const failure = result.errors
      .map((e) => e.originalError)
      .find((e): e is SubgraphFailure => e instanceof SubgraphFailure);
    recordFetch?.(guard.name, started, failure ? failure.kind : "errors");
    if (failure) {
      const { kind, reason } = failure;
      // "circuit open" is every request while it lasts: the breaker's own open/close lines say it once.
      if (reason !== "circuit open")
        log.warn(
          { subgraph: guard.name, kind, reason, requestId: request.context?.requestId, over: "websocket" },
          "subgraph fetch failed",
        );
      // One error without a path, unlike over HTTP: @graphql-tools' delegation gives a pathless error
      // to every field the fetch was for, at its own path (each entity's fields, a root field), while
      // errors with subgraph paths are combined into one AggregateError and masked.
      return {
        data: null,
        errors: [
          new GraphQLError(failureMessage(kind, guard.name, guard.settings.timeoutMs), {
            extensions: { code: FAILURE_CODES[kind], service: guard.name },
          }),
        ],
      };
    }
    // An answer that is not GraphQL (a 200 with an HTML body): executor-http's message quotes the body
    // and its extensions the request and response; as over HTTP, an internal error, logged and masked.
    return {
      ...result,
      errors: result.errors.map((e) =>
        EXECUTOR_CODES.has(e.extensions.code as string) && e.extensions.request
          ? new GraphQLError(e.message, {
              path: e.path,
              originalError: e,
              extensions: { code: "INTERNAL_SERVER_ERROR" },
            })
          : e,
      ),
    };
  };
}
