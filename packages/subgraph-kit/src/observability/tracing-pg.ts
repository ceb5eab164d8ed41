import { SpanKind, trace } from "@opentelemetry/api";
import type { Pool, PoolClient } from "pg";
import { failed, tracer, tracingOn } from "./tracing";

/** Longest statement text kept on a span: enough to recognise the query, bounded for the exporter. */
const MAX_STATEMENT = 1_000;

const traced = Symbol("pawgraph.tracedQuery");

/**
 * A span per statement run on `pool`'s connections within a traced request: what a resolver spent
 * in Postgres, under the request's span. Statements outside any request (event consumers, the
 * outbox relay's polling) make none, or each poll would be a trace of its own. The span carries the
 * statement's text, whose values TypeORM and our own SQL pass as parameters ($1...), never the
 * parameters. Hand-written rather than @opentelemetry/instrumentation-pg: that one patches `pg` through
 * a require hook, which must load before `pg` does, while tracing here starts in the composition
 * root, after the kit (and `pg`) are loaded. Installed only when tracing is on: off, queries run untouched.
 */
export function tracePgQueries(pool: Pool): void {
  if (!tracingOn()) return;
  // Each checkout rather than 'connect': TypeORM opens its first connection before a caller can listen.
  pool.on("acquire", (client) => {
    if (!(traced in client)) wrapQuery(client);
  });
}

function wrapQuery(client: PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const wrapped = (...args: unknown[]): unknown => {
    const config = args[0] as string | { text?: string; submit?: unknown } | undefined;
    // A Submittable (a cursor, a stream) ends when its reader stops reading; not timed here.
    // Not sampled (the request's span records nothing): no span either.
    if (
      !tracingOn() ||
      !trace.getActiveSpan()?.isRecording() ||
      (typeof config === "object" && typeof config.submit === "function")
    )
      return query(...args);
    const text = (typeof config === "string" ? config : (config?.text ?? "")).replace(/\s+/g, " ").trim();
    const operation = /^\w+/.exec(text)?.[0]?.toUpperCase() ?? "SQL";
    const span = tracer.startSpan(operation, {
      kind: SpanKind.CLIENT,
      attributes: {
        "db.system": "postgresql",
        "db.operation": operation,
        "db.statement": text.slice(0, MAX_STATEMENT),
      },
    });
    const end = (error?: unknown) => {
      if (error) failed(span, error);
      span.end();
    };
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      // pg-pool's own `pool.query` uses the callback form.
      args[last] = (error: unknown, result: unknown) => {
        end(error);
        (callback as (error: unknown, result: unknown) => void)(error, result);
      };
      return query(...args);
    }
    const result = query(...args) as Promise<unknown> | undefined;
    if (typeof result?.then === "function") result.then(() => end(), end);
    else end();
    return result;
  };
  Object.assign(client, { query: wrapped, [traced]: true });
}
