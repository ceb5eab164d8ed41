import { SpanStatusCode, trace, type Attributes, type Span, type SpanKind, type Tracer } from "@opentelemetry/api";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";

/**
 * OpenTelemetry traces, off unless configured (docs/decisions/0051). This module needs only
 * `@opentelemetry/api`, which @apollo/gateway loads anyway; the SDK and the OTLP exporter are
 * required by `startTracing` when tracing is on, so a process without it loads none of them and
 * every span we would start is skipped before it is made.
 */

/** How a process traces, read from the standard `OTEL_*` variables (plus our `TRACING_ACCEPT_TRACEPARENT`). */
export interface TracingSettings {
  /** Where spans go; null is off. */
  exporter: "otlp" | "console" | null;
  /** `OTEL_SERVICE_NAME`, else the process's own name. */
  serviceName?: string;
  /** Whether the gateway continues a client's `traceparent` rather than starting its own trace. */
  acceptTraceparent: boolean;
  /**
   * Whether @apollo/gateway makes its own spans (validate, plan, execute, fetch...: 7 of a query's ~15),
   * `TRACING_APOLLO_GATEWAY_SPANS`, default true; false drops them (docs/decisions/0051).
   */
  apolloGatewaySpans?: boolean;
}

const isTrue = (value: string | undefined) => ["1", "true", "yes", "on"].includes(value?.trim().toLowerCase() ?? "");

/**
 * Off by default, unlike the SDK's own default exporter ("otlp" to localhost): tracing costs CPU on
 * every request and needs a collector, so it is on only when asked for, by `OTEL_TRACES_EXPORTER`
 * (otlp or console) or by naming an OTLP endpoint. `OTEL_SDK_DISABLED=true` wins over both.
 * Sampling (`OTEL_TRACES_SAMPLER`/`_ARG`), the endpoint, headers and batching are read by the SDK itself.
 */
export function tracingSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): TracingSettings {
  /** Continue a client's `traceparent` rather than start a new trace (env `TRACING_ACCEPT_TRACEPARENT`, default false). */
  const acceptTraceparent = isTrue(env.TRACING_ACCEPT_TRACEPARENT);
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || undefined;
  const apolloGatewaySpans = env.TRACING_APOLLO_GATEWAY_SPANS === undefined || isTrue(env.TRACING_APOLLO_GATEWAY_SPANS);
  if (isTrue(env.OTEL_SDK_DISABLED)) return { exporter: null, serviceName, acceptTraceparent, apolloGatewaySpans };
  const named = (env.OTEL_TRACES_EXPORTER ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  /** The collector traces go to over OTLP/HTTP (`OTEL_EXPORTER_OTLP_ENDPOINT`, e.g. http://otel-collector:4318, or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`); naming one turns tracing on. */
  const endpoint = Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
  for (const name of named)
    if (name !== "otlp" && name !== "console" && name !== "none")
      throw new Error(`OTEL_TRACES_EXPORTER must be otlp, console or none, got "${name}"`);
  const exporter =
    named.length === 0
      ? endpoint
        ? "otlp"
        : null
      : named.includes("otlp")
        ? "otlp"
        : named.includes("console")
          ? "console"
          : null;
  return { exporter, serviceName, acceptTraceparent, apolloGatewaySpans };
}

/** A started tracer provider: `flush` sends what is buffered, `stop` flushes and unregisters it. */
export interface RunningTracing {
  flush(): Promise<void>;
  stop(): Promise<void>;
}

let on = false;

/** The name @apollo/gateway gets its tracer by (`NAME` in its `dist/utilities/opentelemetry.js`; e2e/tracing checks it). */
export const APOLLO_GATEWAY_TRACER = "apollo/gateway-js";

/** Whether this process traces: hooks check it before making a span, so tracing off costs a boolean test. */
export function tracingOn(): boolean {
  return on;
}

/**
 * Registers the global tracer provider, AsyncLocalStorage context manager and W3C trace-context
 * propagator, exporting to `exporter` (a test's in-memory one) or the one the settings name.
 * Returns undefined, having loaded nothing, when tracing is off. Start it before opening database
 * pools: their query hooks are installed only when tracing is on.
 */
export function startTracing(
  processName: string,
  settings: TracingSettings,
  exporter?: SpanExporter,
): RunningTracing | undefined {
  if (!exporter && !settings.exporter) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require("./tracing-sdk") as typeof import("./tracing-sdk");
  const provider = sdk.registerTracerProvider(
    settings.serviceName ?? `pawgraph-${processName}`,
    exporter ?? settings.exporter!,
    settings.apolloGatewaySpans === false ? [APOLLO_GATEWAY_TRACER] : [],
  );
  on = true;
  ours = trace.getTracer("pawgraph");
  return {
    flush: () => provider.forceFlush(),
    stop: async () => {
      on = false;
      await provider.shutdown();
      sdk.unregisterTracerProvider();
      ours = trace.getTracer("pawgraph");
    },
  };
}

/**
 * `started`, whose `stop` then also stops `tracing`: the last requests' spans are exported before
 * the process exits.
 */
export async function stopsTracing<R extends { stop: () => Promise<unknown> }>(
  started: Promise<R>,
  tracing: RunningTracing | undefined,
): Promise<R> {
  const running = await started;
  if (!tracing) return running;
  const stop = running.stop.bind(running);
  running.stop = async () => {
    try {
      return await stop();
    } finally {
      await tracing.stop();
    }
  };
  return running;
}

let ours: Tracer = trace.getTracer("pawgraph");

/**
 * The tracer for Pawgraph's own spans; a no-op until a provider is registered. Resolved again at
 * each start and stop: the API's tracer keeps the first provider it delegated to, so a process that
 * starts tracing twice (a test file's second setting) would send its spans to a stopped one.
 */
export const tracer: Tracer = {
  startSpan: (...args) => ours.startSpan(...args),
  startActiveSpan: ((...args: Parameters<Tracer["startActiveSpan"]>) =>
    (ours.startActiveSpan as (...all: unknown[]) => unknown)(...args)) as Tracer["startActiveSpan"],
};

/**
 * Runs `work` in a child span of the active one, ending it when `work` settles and marking it failed
 * when it throws; with tracing off, just runs `work`.
 */
export function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes },
  work: (span?: Span) => Promise<T>,
): Promise<T> {
  if (!on) return work();
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Marks `span` failed with `error` (as an exception event) and its message. */
export function failed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}
