import { context, propagation, trace } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, ConsoleSpanExporter, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";

// The OpenTelemetry SDK, required by `startTracing` only when tracing is on (about 150 modules that a
// process tracing nothing never loads).

/**
 * A Node tracer provider for `serviceName`, registered globally with the AsyncLocalStorage context
 * manager and the W3C trace-context propagator only (no baggage: nothing of ours reads it, and
 * a client's baggage would ride along to every subgraph). The sampler (`OTEL_TRACES_SAMPLER`,
 * default parent-based always-on), the OTLP endpoint and headers and the batch sizes come from
 * the standard variables, which the SDK reads itself; `OTEL_RESOURCE_ATTRIBUTES` is added to the resource.
 */
export function registerTracerProvider(
  serviceName: string,
  exporter: SpanExporter | "otlp" | "console",
): NodeTracerProvider {
  const resource = defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }))
    .merge(detectResources({ detectors: [envDetector] }));
  const spanExporter =
    exporter === "otlp" ? new OTLPTraceExporter() : exporter === "console" ? new ConsoleSpanExporter() : exporter;
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(spanExporter)] });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return provider;
}

/** Undoes `registerTracerProvider`'s globals, so a later start (a test's next stack) registers afresh. */
export function unregisterTracerProvider(): void {
  trace.disable();
  context.disable();
  propagation.disable();
}
