import { execFileSync } from "node:child_process";
import { trace } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { APOLLO_GATEWAY_TRACER, startTracing, tracer, tracingSettingsFromEnv } from "./tracing";

describe("tracing settings", () => {
  it("are off by default and when nothing names an exporter or endpoint", () => {
    expect(tracingSettingsFromEnv({})).toEqual({
      exporter: null,
      serviceName: undefined,
      acceptTraceparent: false,
      apolloGatewaySpans: true,
    });
    expect(
      tracingSettingsFromEnv({ OTEL_SERVICE_NAME: "pets-eu", OTEL_TRACES_SAMPLER: "always_on" }).exporter,
    ).toBeNull();
  });

  it.each([
    [{ OTEL_TRACES_EXPORTER: "otlp" }, "otlp"],
    [{ OTEL_TRACES_EXPORTER: " Console " }, "console"],
    [{ OTEL_TRACES_EXPORTER: "console,otlp" }, "otlp"],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, "otlp"],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" }, "otlp"],
    [{ OTEL_TRACES_EXPORTER: "none", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, null],
    [{ OTEL_SDK_DISABLED: "true", OTEL_TRACES_EXPORTER: "otlp" }, null],
    [{ OTEL_SDK_DISABLED: "false", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, "otlp"],
  ])("turn on from the standard variables: %j -> %s", (env, exporter) => {
    expect(tracingSettingsFromEnv(env).exporter).toBe(exporter);
  });

  it("name the service and trust a client's traceparent only when told", () => {
    expect(tracingSettingsFromEnv({ OTEL_SERVICE_NAME: "gateway-eu", TRACING_ACCEPT_TRACEPARENT: "true" })).toEqual({
      exporter: null,
      serviceName: "gateway-eu",
      acceptTraceparent: true,
      apolloGatewaySpans: true,
    });
    expect(tracingSettingsFromEnv({ TRACING_APOLLO_GATEWAY_SPANS: "false" }).apolloGatewaySpans).toBe(false);
  });

  it("refuse an exporter this build does not ship", () => {
    expect(() => tracingSettingsFromEnv({ OTEL_TRACES_EXPORTER: "zipkin" })).toThrow(/otlp, console or none/);
  });
});

describe("tracing off", () => {
  /** The OpenTelemetry SDK modules a fresh process has loaded after starting tracing with `env`. */
  const sdkModulesLoaded = (env: Record<string, string>): string[] => {
    const script = `
      const { startTracing, tracingSettingsFromEnv } = require("./edge");
      const tracing = startTracing("test", tracingSettingsFromEnv());
      const loaded = Object.keys(require.cache).filter((path) => /@opentelemetry[\\\\/]sdk-trace/.test(path));
      console.log(JSON.stringify(loaded));
      tracing?.stop();`;
    const output = execFileSync(process.execPath, ["-r", "@swc-node/register", "-e", script], {
      cwd: `${__dirname}/..`,
      env: { PATH: process.env.PATH, ...env },
      encoding: "utf8",
    });
    return JSON.parse(output.trim().split("\n").pop()!) as string[];
  };

  it("loads no SDK into a process; turned on, it does", () => {
    expect(sdkModulesLoaded({})).toEqual([]);
    expect(sdkModulesLoaded({ OTEL_TRACES_EXPORTER: "console" }).length).toBeGreaterThan(0);
  }, 30_000);
});

describe("@apollo/gateway's own spans", () => {
  /** Our span, @apollo/gateway's inside it, ours inside that: the names and parents exported. */
  const traced = async (apolloGatewaySpans: boolean) => {
    const exporter = new InMemorySpanExporter();
    const tracing = startTracing("test", { exporter: null, acceptTraceparent: false, apolloGatewaySpans }, exporter)!;
    try {
      tracer.startActiveSpan("request", (request) => {
        trace.getTracer(APOLLO_GATEWAY_TRACER).startActiveSpan("gateway.fetch", (fetch) => {
          tracer.startSpan("subgraph pets").end();
          fetch.end();
        });
        request.end();
      });
      await tracing.flush();
      const spans = exporter.getFinishedSpans();
      const named = (name: string) => spans.find((span) => span.name === name);
      return {
        names: spans.map((span) => span.name).sort(),
        parentOf: (name: string) =>
          spans.find((span) => span.spanContext().spanId === named(name)?.parentSpanContext?.spanId)?.name,
      };
    } finally {
      await tracing.stop();
    }
  };

  it("are dropped when TRACING_APOLLO_GATEWAY_SPANS=false, and ours still nest under ours", async () => {
    const quiet = await traced(false);
    expect(quiet.names).toEqual(["request", "subgraph pets"]);
    expect(quiet.parentOf("subgraph pets")).toBe("request");

    const full = await traced(true);
    expect(full.names).toEqual(["gateway.fetch", "request", "subgraph pets"]);
    expect(full.parentOf("subgraph pets")).toBe("gateway.fetch");
    expect(full.parentOf("gateway.fetch")).toBe("request");
  });
});
