import type { Express } from "express";
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from "prom-client";
import { envBool, envOptional, isProduction } from "../config";
import { isGatewaySecret } from "../gateway-secret";

/** Whether `/metrics` is served and what it asks of the scraper (docs/decisions/0050). */
export interface MetricsSettings {
  /** Off: no metrics are kept and `/metrics` answers 404. */
  enabled: boolean;
  /** Bearer token the scraper must send; without one, anyone who reaches the port reads the metrics. */
  token?: string;
}

/**
 * `METRICS_ENABLED` (default on outside production) and `METRICS_TOKEN`. In production the metrics
 * are never public: without a token they are off whatever `METRICS_ENABLED` says, since operation
 * names, subgraph health and pool sizes tell an attacker where to push.
 */
export function metricsSettingsFromEnv(): MetricsSettings {
  const token = envOptional("METRICS_TOKEN");
  const enabled = envBool("METRICS_ENABLED", !isProduction() || token !== undefined);
  return { enabled: enabled && (!isProduction() || token !== undefined), token };
}

/** Writes the current values of one gauge at scrape time: `set(labels, value)` once per series. */
export type GaugeReader<L extends string> = (
  set: (labels: Partial<Record<L, string>>, value: number) => void,
) => unknown;

/**
 * One process part's Prometheus registry: Node's own process metrics (CPU, memory, GC, event-loop lag)
 * and whatever the part adds. Metrics are created on first ask and found again after, so a part
 * restarted in the same process (the e2e stack) keeps counting in the same series.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly readers = new Map<string, Map<string, GaugeReader<string>>>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(config: Omit<CounterConfiguration<L>, "registers">): Counter<L> {
    return (
      (this.registry.getSingleMetric(config.name) as Counter<L> | undefined) ??
      new Counter({ ...config, registers: [this.registry] })
    );
  }

  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, "registers">): Histogram<L> {
    return (
      (this.registry.getSingleMetric(config.name) as Histogram<L> | undefined) ??
      new Histogram({ ...config, registers: [this.registry] })
    );
  }

  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, "registers">): Gauge<L> {
    return (
      (this.registry.getSingleMetric(config.name) as Gauge<L> | undefined) ??
      new Gauge({ ...config, registers: [this.registry] })
    );
  }

  /**
   * A gauge read at scrape time from its sources: a pool's counts, a query's answer. `source` names
   * this reader among the gauge's others; registering the same source again replaces it (a restart).
   * Returns the way to remove it. A reader that throws leaves its series out of that scrape.
   */
  gaugeFrom<L extends string>(
    config: Omit<GaugeConfiguration<L>, "registers" | "collect">,
    source: string,
    read: GaugeReader<L>,
  ): () => void {
    let readers = this.readers.get(config.name);
    if (!readers) {
      const all = (readers = new Map());
      this.readers.set(config.name, all);
      this.gauge<L>({
        ...config,
        async collect() {
          this.reset();
          await Promise.all(
            [...all.values()].map(async (reader: GaugeReader<L>) => {
              try {
                await reader((labels, value) => this.set(labels, value));
              } catch {
                // A scrape must not fail for one source: Prometheus shows the series as absent.
              }
            }),
          );
        },
      });
    }
    readers.set(source, read as GaugeReader<string>);
    return () => {
      if (readers.get(source) === read) readers.delete(source);
    };
  }
}

const parts = new Map<string, Metrics>();

/**
 * The registry of one part of the product (a subgraph by name, or the gateway): one per process in
 * production, one per subgraph in the e2e stack, which runs them all in one process. The server, the
 * database, the outbox relay and the event consumers of a subgraph find the same one by its name.
 */
export function metricsFor(part: string): Metrics {
  let metrics = parts.get(part);
  if (!metrics) parts.set(part, (metrics = new Metrics()));
  return metrics;
}

/** `GET /metrics` in Prometheus text format: 404 when off, 401 without the bearer token when one is set. */
export function metricsRoute(app: Express, metrics: Metrics, settings: MetricsSettings): void {
  app.get("/metrics", async (req, res) => {
    if (!settings.enabled) {
      res.status(404).type("text/plain").send("Not found");
      return;
    }
    const presented = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (settings.token !== undefined && !isGatewaySecret(presented, settings.token)) {
      res.status(401).setHeader("www-authenticate", 'Bearer realm="metrics"').type("text/plain").send("Unauthorized");
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
