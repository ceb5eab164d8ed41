import type { Logger } from "pino";
import type { SubgraphGuardStatus } from "./subgraph-guard";

/** What the gateway last saw of one subgraph's readiness. */
export interface SubgraphStatus {
  ready: boolean;
  /** When it was last asked (ISO 8601); absent before the first check. */
  checkedAt?: string;
  /** The gateway's own view of its fetches to it: breaker state and fetches in flight (absent before the first fetch). */
  fetches?: SubgraphGuardStatus;
}

/**
 * Watches each subgraph's `/readyz` in the background (every `intervalMs`, each check bounded by
 * `timeoutMs`), for `/healthz` detail and logs. It never decides the gateway's own readiness: one
 * subgraph's outage costs only that subgraph's fields, so taking every gateway out of the load
 * balancer for it would turn a partial outage into a total one.
 */
export class SubgraphHealth {
  private readonly statuses = new Map<string, SubgraphStatus>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly routing: () => Record<string, string>,
    private readonly log: Logger,
    private readonly guardStatus: (name: string) => SubgraphGuardStatus | undefined = () => undefined,
    private readonly intervalMs = 10_000,
    private readonly timeoutMs = 2_000,
  ) {}

  start(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Every subgraph in the current supergraph, with what was last seen of it. */
  snapshot(): Record<string, SubgraphStatus> {
    return Object.fromEntries(
      Object.keys(this.routing()).map((name) => {
        const fetches = this.guardStatus(name);
        return [name, { ...(this.statuses.get(name) ?? { ready: false }), ...(fetches ? { fetches } : {}) }];
      }),
    );
  }

  async check(): Promise<void> {
    await Promise.all(
      Object.entries(this.routing()).map(async ([name, url]) => {
        const response = await fetch(new URL("/readyz", url), { signal: AbortSignal.timeout(this.timeoutMs) }).catch(
          () => null,
        );
        const ready = response?.ok ?? false;
        const before = this.statuses.get(name);
        if (before && before.ready !== ready)
          this.log[ready ? "info" : "warn"]({ subgraph: name }, ready ? "subgraph ready again" : "subgraph not ready");
        this.statuses.set(name, { ready, checkedAt: new Date().toISOString() });
      }),
    );
  }
}
