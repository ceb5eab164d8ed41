import type { Experimental_DidResolveQueryPlanCallback } from "@apollo/gateway";
import type { ApolloServerPlugin } from "@apollo/server";
import type { Express } from "express";
import {
  boundedOperationNames,
  envInt,
  metricsFor,
  metricsPlugin,
  metricsRoute,
  metricsSettingsFromEnv,
  type Logger,
  type MetricsSettings,
} from "@pawgraph/subgraph-kit/src/edge";
import type { GatewayContext } from "../context";
import type { SubgraphGuards } from "../subgraph-guard";
import type { GatewaySubscriptionServer } from "../subscriptions/ws-server";
import type { ResponseCacheOutcome } from "../response-cache/response-cache";
import { slowOperationsPlugin, type QueryPlans } from "./slow-operations.plugin";

/** What became of one subgraph fetch: answered (`ok`, or `errors` in its body), or a `SubgraphFailure` kind. */
export type FetchOutcome = "ok" | "errors" | "error" | "unavailable" | "timeout";

/** Called once per subgraph fetch (HTTP data source and the WebSocket path's executor), with `performance.now()` at its start. */
export type FetchRecorder = (subgraph: string, startedAt: number, outcome: FetchOutcome) => void;

export interface GatewayObservabilitySettings {
  metrics: MetricsSettings;
  /** Operations slower than this are logged with their query plan (env `SLOW_OPERATION_MS`, default 1000; 0 = every operation, -1 = off). */
  slowOperationMs: number;
}

export function gatewayObservabilityFromEnv(): GatewayObservabilitySettings {
  return { metrics: metricsSettingsFromEnv(), slowOperationMs: envInt("SLOW_OPERATION_MS", 1000) };
}

const BREAKER_STATES = ["closed", "open", "halfOpen"] as const;

/**
 * The gateway's metrics (docs/decisions/0050): operations by name, subgraph fetches, breakers and
 * in-flight fetches per subgraph, WebSocket sockets and operations, and the slow-operation log with
 * query plans. Everything but the slow-operation log is off when metrics are (see `metricsSettingsFromEnv`).
 */
export class GatewayObservability {
  private readonly metrics = metricsFor("gateway");
  private readonly plans: QueryPlans = new WeakMap();

  constructor(
    private readonly settings: GatewayObservabilitySettings,
    private readonly log: Logger,
  ) {}

  /**
   * Operation names label series only when they name a trusted document: a client can send any
   * name, and each new one would be a series kept forever (docs/decisions/0050).
   */
  plugins(trustedOperationNames: ReadonlySet<string>): ApolloServerPlugin<GatewayContext>[] {
    return [
      ...(this.settings.metrics.enabled
        ? [metricsPlugin<GatewayContext>(this.metrics, boundedOperationNames(0, trustedOperationNames))]
        : []),
      ...(this.settings.slowOperationMs >= 0
        ? [slowOperationsPlugin(this.settings.slowOperationMs, this.plans, this.log)]
        : []),
    ];
  }

  /** For ApolloGateway's `experimental_didResolveQueryPlan`: keeps the plan for the slow-operation log. */
  queryPlanHook(): Experimental_DidResolveQueryPlanCallback | undefined {
    if (this.settings.slowOperationMs < 0) return undefined;
    return ({ queryPlan, requestContext }) => this.plans.set(requestContext.context, queryPlan);
  }

  fetchRecorder(): FetchRecorder | undefined {
    if (!this.settings.metrics.enabled) return undefined;
    const duration = this.metrics.histogram({
      name: "subgraph_fetch_duration_seconds",
      help: "Subgraph fetches by subgraph and outcome (ok, errors in the answer, error, unavailable, timeout).",
      labelNames: ["subgraph", "outcome"],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
    const failures = this.metrics.counter({
      name: "subgraph_fetch_errors_total",
      help: "Subgraph fetches that did not come back ok, by subgraph and outcome.",
      labelNames: ["subgraph", "outcome"],
    });
    return (subgraph, startedAt, outcome) => {
      duration.observe({ subgraph, outcome }, (performance.now() - startedAt) / 1000);
      if (outcome !== "ok") failures.inc({ subgraph, outcome });
    };
  }

  /** Counts anonymous queries by what the response cache did for them (docs/decisions/0056). */
  responseCacheRecorder(): ((outcome: ResponseCacheOutcome) => void) | undefined {
    if (!this.settings.metrics.enabled) return undefined;
    const requests = this.metrics.counter({
      name: "gateway_response_cache_requests_total",
      help: "Anonymous queries by response cache outcome: hit, miss, or unversioned (a public data version unknown: not cached).",
      labelNames: ["outcome"],
    });
    return (outcome) => requests.inc({ outcome });
  }

  /** Breaker state and fetches in flight per subgraph, and the WebSocket server's load, read at scrape time. */
  observe(guards: SubgraphGuards, subgraphs: () => string[], sockets: GatewaySubscriptionServer): void {
    this.metrics.gaugeFrom(
      {
        name: "subgraph_breaker_state",
        help: "1 for each subgraph's circuit breaker's current state (closed, open, halfOpen), 0 for the others.",
        labelNames: ["subgraph", "state"],
      },
      "guards",
      (set) => {
        for (const subgraph of subgraphs()) {
          const status = guards.status(subgraph);
          if (status) for (const state of BREAKER_STATES) set({ subgraph, state }, status.breaker === state ? 1 : 0);
        }
      },
    );
    this.metrics.gaugeFrom(
      { name: "subgraph_fetches_in_flight", help: "Subgraph fetches in flight.", labelNames: ["subgraph"] },
      "guards",
      (set) => {
        for (const subgraph of subgraphs()) {
          const status = guards.status(subgraph);
          if (status) set({ subgraph }, status.inFlight);
        }
      },
    );
    this.metrics.counter({
      name: "subgraph_fetches_shared_total",
      help: "Subgraph fetches answered by joining an identical anonymous query in flight (docs/decisions/0053).",
      labelNames: ["subgraph"],
      collect() {
        this.reset();
        for (const subgraph of subgraphs()) {
          const status = guards.status(subgraph);
          if (status) this.inc({ subgraph }, status.sharedFetches);
        }
      },
    });
    this.metrics.gaugeFrom(
      { name: "gateway_websocket_connections", help: "Open client WebSockets." },
      "sockets",
      (set) => set({}, sockets.connections),
    );
    this.metrics.gaugeFrom(
      { name: "gateway_websocket_operations", help: "Live operations over WebSockets (subscriptions, mostly)." },
      "sockets",
      (set) => set({}, sockets.operations),
    );
    this.metrics.gaugeFrom(
      {
        name: "gateway_websocket_executions",
        help: "Subscriptions executed for those operations: one per group of identical subscriptions of one access token (docs/decisions/0056).",
      },
      "sockets",
      (set) => set({}, sockets.executions),
    );
  }

  route(app: Express): void {
    metricsRoute(app, this.metrics, this.settings.metrics);
  }
}
