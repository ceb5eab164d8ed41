import {
  GATEWAY_SECRET_HEADER,
  PUBLIC_DATA_VERSION_PATH,
  parsePublicDataVersion,
  type Logger,
} from "@pawgraph/subgraph-kit/src/edge";

/**
 * The public data versions of the subgraphs whose anonymous answers the gateway caches, polled
 * (docs/decisions/0054). `current()` is the cache key's part that makes a change invisible: an
 * answer is stored under the versions read before it was computed, and looked up under the
 * versions known now. Without a fresh version of every subgraph (one down, or not answering) there
 * is no key and nothing is cached: a change could not be seen.
 */
export class PublicDataVersions {
  private readonly known = new Map<string, { version: string; at: number }>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private warned = new Set<string>();

  constructor(
    /** Subgraph names, as in the supergraph. */
    readonly subgraphs: ReadonlySet<string>,
    private readonly routing: () => Record<string, string>,
    private readonly options: { pollMs: number; gatewaySecret: string; log: Logger },
  ) {}

  /** A version older than this is not trusted: a poll or two failed. */
  private get staleAfterMs(): number {
    return Math.max(3 * this.options.pollMs, 1_500);
  }

  private get timeoutMs(): number {
    return Math.min(1_000, Math.max(2 * this.options.pollMs, 250));
  }

  /** `catalog:41,...` from fresh versions of every subgraph, or undefined when one is missing or stale. */
  current(now = Date.now()): string | undefined {
    const parts: string[] = [];
    for (const subgraph of this.subgraphs) {
      const seen = this.known.get(subgraph);
      if (!seen || now - seen.at > this.staleAfterMs) return undefined;
      parts.push(`${subgraph}:${seen.version}`);
    }
    return parts.join(",");
  }

  /** Polls at once, then every `pollMs`; never throws (a subgraph down only means no caching). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.poll();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Reads every subgraph's version now (tests, and each tick). */
  async poll(): Promise<void> {
    clearTimeout(this.timer);
    await Promise.all([...this.subgraphs].map((subgraph) => this.read(subgraph)));
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.poll(), this.options.pollMs);
      this.timer.unref();
    }
  }

  private async read(subgraph: string): Promise<void> {
    const url = this.routing()[subgraph];
    if (!url) return;
    // Fresh from when the read began (the database may have answered at any point after), and a
    // slower read begun earlier (a poll overtaken by `refresh`) never overwrites a later one.
    const began = Date.now();
    try {
      const response = await fetch(new URL(PUBLIC_DATA_VERSION_PATH, url), {
        headers: { [GATEWAY_SECRET_HEADER]: this.options.gatewaySecret },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const answer = response.ok ? parsePublicDataVersion(await response.json()) : undefined;
      if (!answer) throw new Error(`answered ${response.status} without a version`);
      if (began >= (this.known.get(subgraph)?.at ?? 0))
        this.known.set(subgraph, { version: answer.version, at: began });
      if (this.warned.delete(subgraph)) this.options.log.info({ subgraph }, "public data version readable again");
    } catch (error) {
      // Once per outage: the poll runs several times a second.
      if (!this.warned.has(subgraph)) {
        this.warned.add(subgraph);
        this.options.log.warn(
          { subgraph, err: error },
          "cannot read a subgraph's public data version: its anonymous answers are not cached until it can be read",
        );
      }
    }
  }
}
