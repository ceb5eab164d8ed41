import { ROOT_CONTEXT, SpanKind, context, propagation, trace, type Link } from "@opentelemetry/api";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { RequestHandler } from "express";
import type { IncomingHttpHeaders } from "node:http";
import { failed, inSpan, tracer, tracingOn } from "./tracing";

/** Longest operation name kept in a span's name. */
const MAX_OPERATION_NAME = 100;

/** Reads a header for the propagator; a repeated one counts by its first value. */
const fromHeaders = {
  get: (headers: IncomingHttpHeaders, key: string) => {
    const value = headers[key];
    return Array.isArray(value) ? value[0] : value;
  },
  keys: (headers: IncomingHttpHeaders) => Object.keys(headers),
};

/**
 * A server span for each GraphQL request (mounted after the body parser, before Apollo's
 * middleware, which then runs inside it): the trace the rest of the request's spans join. A caller's
 * `traceparent` is continued when `trustTraceparent`: subgraphs trust the gateway's (callers without
 * the gateway secret are refused anyway); the gateway starts its own trace for a client's unless
 * TRACING_ACCEPT_TRACEPARENT says otherwise, linking to the client's so a trace can still be found
 * from it, but never letting a client pick our trace ids or sampling.
 */
export function traceRequests(trustTraceparent: boolean): RequestHandler {
  return (req, res, next) => {
    if (!tracingOn()) return next();
    const caller = propagation.extract(ROOT_CONTEXT, req.headers, fromHeaders);
    const callerSpan = trace.getSpanContext(caller);
    const links: Link[] = !trustTraceparent && callerSpan ? [{ context: callerSpan }] : [];
    // Named "graphql" until `tracingPlugin` knows the operation: a body's `operationName` may name none.
    const span = tracer.startSpan(
      "graphql",
      { kind: SpanKind.SERVER, links, attributes: { "http.request.method": req.method, "url.path": req.baseUrl } },
      trustTraceparent ? caller : ROOT_CONTEXT,
    );
    res.once("close", () => {
      span.setAttribute("http.response.status_code", res.statusCode);
      if (res.statusCode >= 500) failed(span, new Error(`HTTP ${res.statusCode}`));
      span.end();
    });
    context.with(trace.setSpan(context.active(), span), next);
  };
}

/**
 * Names the request's span after its operation (`query MyPets`) once Apollo has resolved which one
 * runs, and counts its errors: the span is found by its operation name in a tracing backend.
 */
export function tracingPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      if (!tracingOn()) return;
      const span = trace.getActiveSpan();
      if (!span) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          // A client names its operations: bounded, so a span name stays a name.
          const name = operationName?.slice(0, MAX_OPERATION_NAME);
          span.updateName(`${operation.operation} ${name ?? "anonymous"}`);
          span.setAttributes({ "graphql.operation.type": operation.operation });
          if (name) span.setAttribute("graphql.operation.name", name);
        },
        async didEncounterErrors({ errors }) {
          span.setAttribute("graphql.errors", errors.length);
        },
      };
    },
  };
}

/**
 * A client span for one call to a subgraph made within a traced request; `work` adds
 * `traceHeaders()` to its request so the subgraph's server span joins this trace. Background calls
 * (revocation polling, usage reports) make none: each would be a one-span trace of its own.
 */
export function traceSubgraphCall<T>(
  subgraph: string,
  operationName: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (!tracingOn() || !trace.getActiveSpan()) return work();
  return inSpan(
    `subgraph ${subgraph}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        "pawgraph.subgraph": subgraph,
        ...(operationName ? { "graphql.operation.name": operationName } : {}),
      },
    },
    work,
  );
}

/** The `traceparent` (and `tracestate`) of the active span, for an outgoing request's headers. */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  if (tracingOn()) propagation.inject(context.active(), headers);
  return headers;
}
