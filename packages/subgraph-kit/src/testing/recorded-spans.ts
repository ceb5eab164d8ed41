// Test support, not exported from the kit's index: e2e tests import it by path
// (`@pawgraph/subgraph-kit/src/testing/recorded-spans`).
import { SpanKind, SpanStatusCode, type Attributes } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { startTracing } from "../observability/tracing";

/** One finished span, as a test compares it. */
export interface RecordedSpan {
  name: string;
  kind: "SERVER" | "CLIENT" | "INTERNAL" | "PRODUCER" | "CONSUMER";
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  status: "UNSET" | "OK" | "ERROR";
  attributes: Attributes;
  /** Trace ids of the spans this one links to. */
  links: string[];
}

/**
 * Tracing turned on in this process with an in-memory exporter: the in-process stack's gateway and
 * subgraphs all export here. Start it before the stack, whose pools hook their queries when they open.
 */
export function recordSpans() {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing("test", { exporter: null, acceptTraceparent: false }, exporter)!;
  return {
    /** The spans finished so far, in the order they ended. */
    async spans(): Promise<RecordedSpan[]> {
      await tracing.flush();
      return exporter.getFinishedSpans().map((span) => ({
        name: span.name,
        kind: SpanKind[span.kind] as RecordedSpan["kind"],
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
        parentSpanId: span.parentSpanContext?.spanId,
        status: SpanStatusCode[span.status.code] as RecordedSpan["status"],
        attributes: span.attributes,
        links: span.links.map((link) => link.context.traceId),
      }));
    },
    async reset(): Promise<void> {
      await tracing.flush();
      exporter.reset();
    },
    stop: () => tracing.stop(),
  };
}
