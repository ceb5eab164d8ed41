import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");
const dashboard = JSON.parse(readFileSync(join(root, "deploy/grafana/pawgraph-dashboard.json"), "utf8")) as {
  uid: string;
  panels: {
    id: number;
    type: string;
    title: string;
    gridPos: { x: number; y: number; w: number; h: number };
    targets?: { expr: string }[];
  }[];
};

/** The metric names our code registers (prom-client's `name:`), read from the files that register them. */
const registered = new Set(
  [
    "packages/subgraph-kit/src/observability/metrics.plugin.ts",
    "packages/subgraph-kit/src/observability/metrics.sources.ts",
    "gateway/src/observability/gateway-metrics.ts",
  ].flatMap((file) => [...readFileSync(join(root, file), "utf8").matchAll(/name: "([a-z_]+)"/g)].map((m) => m[1]!)),
);
/** prom-client's default process metrics, registered in every process. */
const DEFAULT_METRICS = ["nodejs_eventloop_lag_p99_seconds", "process_resident_memory_bytes"];

describe("deploy/grafana/pawgraph-dashboard.json", () => {
  it("is a dashboard with unique panel ids laid out on Grafana's 24-column grid without overlaps", () => {
    expect(dashboard.uid).toBe("pawgraph");
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const { gridPos, title } of dashboard.panels) {
      expect({ title, fits: gridPos.x + gridPos.w <= 24 }).toEqual({ title, fits: true });
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++)
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
    }
  });

  it("queries only metrics the processes export, so it cannot drift from the code", () => {
    const queried = dashboard.panels
      .flatMap((p) => p.targets ?? [])
      .flatMap(({ expr }) => [...expr.matchAll(/([a-z_:][a-z0-9_:]*)\{/g)].map((m) => m[1]!))
      .map((name) => name.replace(/_(bucket|count|sum)$/, ""));
    expect(queried.length).toBeGreaterThan(10);
    const unknown = queried.filter((name) => !registered.has(name) && !DEFAULT_METRICS.includes(name));
    expect(unknown).toEqual([]);
    // Every metric named in the brief has a panel.
    for (const name of [
      "graphql_request_duration_seconds",
      "subgraph_fetch_duration_seconds",
      "subgraph_fetch_errors_total",
      "nodejs_eventloop_lag_p99_seconds",
      "gateway_websocket_connections",
      "gateway_websocket_operations",
      "outbox_lag_seconds",
      "event_consumer_lag_seconds",
      "db_pool_connections",
    ])
      expect(queried).toContain(name);
  });
});
