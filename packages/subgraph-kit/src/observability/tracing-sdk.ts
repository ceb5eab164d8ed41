import { context, propagation, ProxyTracerProvider, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
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
  quietTracers: readonly string[] = [],
): NodeTracerProvider {
  const resource = defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }))
    .merge(detectResources({ detectors: [envDetector] }));
  const spanExporter =
    exporter === "otlp" ? new OTLPTraceExporter() : exporter === "console" ? new ConsoleSpanExporter() : exporter;
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(spanExporter)] });
  // What `provider.register()` does, with a provider in front of it: the libraries named in
  // `quietTracers` get the API's no-op tracer (a proxy provider never given a delegate hands that
  // out). Their spans are never made, and a span they "start" inside ours carries our span's context,
  // so what we start beneath it still hangs from our span (docs/decisions/0051). Libraries took their
  // tracer when they loaded, through the API's global proxy, which asks the provider set here.
  const quiet = new Set(quietTracers);
  const noop = new ProxyTracerProvider();
  trace.setGlobalTracerProvider(
    quiet.size === 0
      ? provider
      : {
          getTracer: (name, version, options) => (quiet.has(name) ? noop : provider).getTracer(name, version, options),
        },
  );
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return provider;
}

/** Undoes `registerTracerProvider`'s globals, so a later start (a test's next stack) registers afresh. */
export function unregisterTracerProvider(): void {
  trace.disable();
  context.disable();
  propagation.disable();
}
