import CircuitBreaker from "opossum";
import type { Readable } from "node:stream";
import { text as readText } from "node:stream/consumers";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { Agent, request, type Dispatcher } from "undici";
import { envBool, envInt, envString, subgraphTimeoutMs, type Logger } from "@pawgraph/subgraph-kit/src/edge";
import { shareIdenticalFetches, type FetcherResponse } from "./shared-fetches";
import { SubgraphFailure, transportFailure } from "./subgraph-failure";

/** zlib's decoders for the encodings an HTTP answer may carry (`content-encoding`, RFC 9110), by name. */
const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The text of `body` sent with `encoding`; a SyntaxError (a wrong answer, not a missing one) for an encoding we cannot read. */
async function decode(body: Readable, encoding: string | string[]): Promise<string> {
  const name = (Array.isArray(encoding) ? encoding.join(",") : encoding).trim().toLowerCase();
  if (name === "" || name === "identity") return readText(body);
  const decoder = DECODERS[name];
  if (!decoder) {
    body.resume();
    throw new SyntaxError(`the subgraph answered in content-encoding "${name}", which the gateway cannot read`);
  }
  return readText(body.pipe(decoder()));
}

/** How the gateway bounds its waits on one subgraph (docs/decisions/0025). */
export interface SubgraphGuardSettings {
  /** Longest a fetch waits to connect, for the answer's headers, and between body chunks (env `SUBGRAPH_TIMEOUT_MS`, default 5000). */
  timeoutMs: number;
  /**
   * Subgraphs that may take longer, by name (env `SUBGRAPH_TIMEOUTS_MS`, e.g. `ai=30000,orders=8000`;
   * default `ai=30000,reports=15000`: the assistant may wait up to its AI_TIMEOUT_MS, 20 s, for a language
   * model; a platform report over a year of a large platform takes seconds until reports keeps daily rollups).
   */
  timeoutMsBySubgraph?: Record<string, number>;
  /** Fetches to one subgraph in flight at once; more fail at once with SUBGRAPH_UNAVAILABLE (env `SUBGRAPH_MAX_IN_FLIGHT`, default 200). */
  maxInFlight: number;
  /** Share of failed fetches in the rolling window that opens the breaker (env `SUBGRAPH_BREAKER_ERROR_PERCENT`, default 50). */
  errorThresholdPercentage: number;
  /** Fetches in the window before the share above may open the breaker (env `SUBGRAPH_BREAKER_VOLUME`, default 5). */
  volumeThreshold: number;
  /** Failures in a row that open the breaker whatever the window holds (env `SUBGRAPH_BREAKER_CONSECUTIVE_FAILURES`, default 5). */
  consecutiveFailures: number;
  /** The window failures are counted over (env `SUBGRAPH_BREAKER_WINDOW_MS`, default 10000). */
  rollingWindowMs: number;
  /** How long an open breaker fails fast before it lets one trial fetch through (env `SUBGRAPH_BREAKER_RESET_MS`, default 2000). */
  resetTimeoutMs: number;
  /**
   * Identical anonymous queries to this subgraph in flight at once are sent once and their answer
   * shared (env `SUBGRAPH_FETCH_DEDUP`, default true; docs/decisions/0053).
   */
  dedupFetches: boolean;
}

export const DEFAULT_GUARD_SETTINGS: Omit<SubgraphGuardSettings, "timeoutMs"> = {
  maxInFlight: 200,
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  consecutiveFailures: 5,
  rollingWindowMs: 10_000,
  resetTimeoutMs: 2_000,
  dedupFetches: true,
};

/** `name=ms,name=ms` → { name: ms }; throws on anything else, naming the variable. */
export function parseSubgraphTimeouts(value: string): Record<string, number> {
  const timeouts: Record<string, number> = {};
  for (const part of value
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z][a-z0-9_-]*)=(\d+)$/.exec(part);
    if (!match || Number(match[2]) <= 0)
      throw new Error(`SUBGRAPH_TIMEOUTS_MS must look like "ai=30000,orders=8000", got "${part}"`);
    timeouts[match[1]!] = Number(match[2]);
  }
  return timeouts;
}

export function subgraphGuardSettingsFromEnv(): SubgraphGuardSettings {
  const d = DEFAULT_GUARD_SETTINGS;
  const settings = {
    timeoutMs: subgraphTimeoutMs(),
    maxInFlight: envInt("SUBGRAPH_MAX_IN_FLIGHT", d.maxInFlight),
    errorThresholdPercentage: envInt("SUBGRAPH_BREAKER_ERROR_PERCENT", d.errorThresholdPercentage),
    volumeThreshold: envInt("SUBGRAPH_BREAKER_VOLUME", d.volumeThreshold),
    consecutiveFailures: envInt("SUBGRAPH_BREAKER_CONSECUTIVE_FAILURES", d.consecutiveFailures),
    rollingWindowMs: envInt("SUBGRAPH_BREAKER_WINDOW_MS", d.rollingWindowMs),
    resetTimeoutMs: envInt("SUBGRAPH_BREAKER_RESET_MS", d.resetTimeoutMs),
  };
  for (const [name, value] of Object.entries(settings))
    if (value <= 0) throw new Error(`subgraph guard setting ${name} must be positive, got ${value}`);
  return {
    ...settings,
    dedupFetches: envBool("SUBGRAPH_FETCH_DEDUP", d.dedupFetches),
    timeoutMsBySubgraph: parseSubgraphTimeouts(envString("SUBGRAPH_TIMEOUTS_MS", "ai=30000,reports=15000")),
  };
}

/** What `/healthz` shows of one subgraph's guard. */
export interface SubgraphGuardStatus {
  breaker: "closed" | "open" | "halfOpen";
  inFlight: number;
  maxInFlight: number;
  timeoutMs: number;
  /** Fetches answered by joining an identical one in flight, since start (docs/decisions/0053). */
  sharedFetches: number;
}

/**
 * Bounds the gateway's waits on one subgraph: each fetch by a timeout on its own keep-alive pool,
 * all of them by a circuit breaker (opossum) that fails fast while the subgraph is dead, and by a
 * cap on fetches in flight. Only failures to get an answer count against the breaker: a subgraph
 * that answers with GraphQL errors, or 4xx, is up.
 */
export class SubgraphGuard {
  private readonly dispatcher: Dispatcher;
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private inFlight = 0;
  private failuresInARow = 0;

  constructor(
    readonly name: string,
    readonly settings: SubgraphGuardSettings,
    private readonly log: Logger,
  ) {
    // undici checks these on its own coarse timer wheel: no timer or AbortSignal per fetch
    // (AbortSignal.timeout per fetch cost measurable CPU on the hot path).
    this.dispatcher = new Agent({
      headersTimeout: settings.timeoutMs,
      bodyTimeout: settings.timeoutMs,
      connect: { timeout: settings.timeoutMs },
    });
    this.breaker = new CircuitBreaker((work: () => Promise<unknown>) => work(), {
      // The timeouts above bound each fetch; opossum's own would add a timer per call and not cancel the request.
      timeout: false,
      capacity: settings.maxInFlight,
      errorThresholdPercentage: settings.errorThresholdPercentage,
      volumeThreshold: settings.volumeThreshold,
      rollingCountTimeout: settings.rollingWindowMs,
      rollingCountBuckets: 10,
      resetTimeout: settings.resetTimeoutMs,
      // Only "no answer" counts as a failure; a full in-flight bound is load, not a dead subgraph.
      errorFilter: (error: unknown) => !(error instanceof SubgraphFailure),
    });
    // opossum opens on a share of failures in its window, which a frozen subgraph reaches slowly: each
    // failure takes the whole timeout, so with 10 fetches in flight it fails 2 a second while the
    // window still holds the successes from before (the fault bench saw the breaker never open in a
    // 10 s freeze). A run of failures with no answer in between is a dead subgraph: open at once.
    this.breaker.on("success", () => (this.failuresInARow = 0));
    this.breaker.on("failure", () => {
      if (++this.failuresInARow >= settings.consecutiveFailures && !this.breaker.opened) this.breaker.open();
    });
    this.breaker.on("open", () => {
      this.failuresInARow = 0;
      log.warn({ subgraph: name }, "subgraph circuit breaker open: its fields fail fast");
    });
    this.breaker.on("halfOpen", () =>
      log.info({ subgraph: name }, "subgraph circuit breaker half-open: trying one fetch"),
    );
    this.breaker.on("close", () => log.info({ subgraph: name }, "subgraph circuit breaker closed"));
  }

  /** A fetch over this subgraph's bounded pool, for RemoteGraphQLDataSource; transport errors become `SubgraphFailure`s. */
  readonly fetcher = async (
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<FetcherResponse> => {
    let answer: Dispatcher.ResponseData;
    try {
      answer = await request(url, {
        method: (init.method ?? "POST") as Dispatcher.HttpMethod,
        headers: init.headers,
        body: init.body,
        dispatcher: this.dispatcher,
      });
    } catch (error) {
      throw transportFailure(error);
    }
    const { statusCode, headers, body } = answer;
    // A body cut off or stalled is no answer; a body that is not JSON is an answer, and a wrong one (an internal error).
    const read = <T>(reader: () => Promise<T>) =>
      reader().catch((error: unknown) =>
        Promise.reject((error as Error).name === "SyntaxError" ? error : transportFailure(error)),
      );
    // undici's request() hands the bytes over as sent. The gateway asks for no encoding, but a proxy in front of a
    // subgraph may compress anyway: gzip, deflate and br are decoded, anything else is an answer we cannot read.
    const encoding = headers["content-encoding"];
    const decoded = encoding === undefined ? undefined : () => decode(body, encoding);
    return {
      ok: statusCode >= 200 && statusCode < 300,
      status: statusCode,
      statusText: "",
      url,
      headers: {
        get: (name) => {
          const value = headers[name.toLowerCase()];
          return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
        },
      },
      json: () => read(async () => (decoded ? (JSON.parse(await decoded()) as unknown) : body.json())),
      text: () => read(() => (decoded ? decoded() : body.text())),
    };
  };

  /** `fetcher`, with identical anonymous queries in flight at once sent once (docs/decisions/0053). */
  readonly sharedFetcher = shareIdenticalFetches(this.fetcher);

  /** Runs one fetch under the breaker and the in-flight bound; turned away, it throws a `SubgraphFailure`. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return (await this.breaker.fire(work)) as T;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === "EOPENBREAKER") throw new SubgraphFailure("unavailable", "circuit open");
      if (code === "ESEMLOCKED")
        throw new SubgraphFailure("unavailable", `${this.settings.maxInFlight} fetches in flight`);
      throw error;
    } finally {
      this.inFlight--;
    }
  }

  status(): SubgraphGuardStatus {
    const breaker = this.breaker.opened ? "open" : this.breaker.halfOpen ? "halfOpen" : "closed";
    return {
      breaker,
      inFlight: this.inFlight,
      maxInFlight: this.settings.maxInFlight,
      timeoutMs: this.settings.timeoutMs,
      sharedFetches: this.sharedFetcher.joined(),
    };
  }

  async close(): Promise<void> {
    this.breaker.shutdown();
    await this.dispatcher.close();
  }
}

/** One guard per subgraph name, kept across supergraph reloads (a reload must not reset a breaker). */
export class SubgraphGuards {
  private readonly guards = new Map<string, SubgraphGuard>();

  constructor(
    private readonly settings: SubgraphGuardSettings,
    private readonly log: Logger,
  ) {}

  for(name: string): SubgraphGuard {
    let guard = this.guards.get(name);
    if (!guard) {
      const timeoutMs = this.settings.timeoutMsBySubgraph?.[name] ?? this.settings.timeoutMs;
      this.guards.set(name, (guard = new SubgraphGuard(name, { ...this.settings, timeoutMs }, this.log)));
    }
    return guard;
  }

  status(name: string): SubgraphGuardStatus | undefined {
    return this.guards.get(name)?.status();
  }

  async close(): Promise<void> {
    await Promise.all([...this.guards.values()].map((guard) => guard.close()));
  }
}
