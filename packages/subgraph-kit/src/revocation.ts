import type { Logger } from "pino";
import { envInt, envString } from "./config";
import { GATEWAY_SECRET_HEADER, gatewaySecretFromEnv } from "./gateway-secret";

/**
 * One revocation as identity records it (docs/decisions/0014-revocation.md). Either a session (a
 * refresh-token family, the `sid` claim) ended, or a user's tokens below a session version (`ver`)
 * stopped counting. Entries live only as long as the access tokens they could concern.
 */
export interface RevocationEntry {
  /** Position in identity's log: the cursor pollers resume from (a bigint, as a string). */
  id: string;
  userId: string;
  /** Every token of this session is revoked. */
  sessionId?: string | null;
  /** The user's tokens with `ver` below this are revoked. */
  minVersion?: number | null;
  /** When every token the entry could concern has expired (ISO 8601). */
  expiresAt: string;
}

/** One answer of identity's revocation log: entries after the cursor, in order. */
export interface RevocationPage {
  entries: RevocationEntry[];
  /** Resume from here next time. */
  cursor: string | null;
  /** More entries wait after `cursor`: ask again now. */
  more: boolean;
  /** The log restarted (a new database): forget what you knew and take `entries` as the whole list. */
  reset: boolean;
}

/** Reads identity's log after a cursor (null: every live entry). Over HTTP in the gateway and subgraphs, from its own tables in identity. */
export type RevocationSource = (after: string | null) => Promise<RevocationPage>;

/** What a token says about its session: enough to decide whether it was revoked. */
export interface TokenSession {
  userId: string;
  sessionId?: string;
  sessionVersion?: number;
}

/** Where and how often to read the list; see `revocationSettingsFromEnv`. */
export interface RevocationSettings {
  /** identity's `GET /internal/revocations`. */
  url: string;
  pollMs: number;
  /** Bound on one poll; a slow identity must not stack requests up. */
  timeoutMs: number;
  /** Sent in `x-gateway-secret` (identity serves the log only to Pawgraph's own processes). */
  gatewaySecret: string;
}

/** identity's revocation log path; any identity URL (with or without `/graphql`) points at it. */
export const REVOCATIONS_PATH = "/internal/revocations";

/** `IDENTITY_URL` (default http://localhost:4001), `REVOCATION_POLL_MS` (1000), `GATEWAY_SECRET`. */
export function revocationSettingsFromEnv(): RevocationSettings {
  return revocationSettingsFor(envString("IDENTITY_URL", "http://localhost:4001"), gatewaySecretFromEnv().secret);
}

/** The log of the identity at `identityUrl` (any URL of it: its base, `/graphql`, its JWKS), polled every `REVOCATION_POLL_MS`. */
export function revocationSettingsFor(identityUrl: string, gatewaySecret: string): RevocationSettings {
  const pollMs = envInt("REVOCATION_POLL_MS", 1_000);
  return {
    url: new URL(REVOCATIONS_PATH, identityUrl).toString(),
    pollMs,
    timeoutMs: Math.max(1_000, Math.min(pollMs * 2, 5_000)),
    gatewaySecret,
  };
}

/** Reads the log from identity over HTTP, bounded by `timeoutMs`. */
export function httpRevocationSource(settings: RevocationSettings): RevocationSource {
  return async (after) => {
    const url = new URL(settings.url);
    if (after !== null) url.searchParams.set("after", after);
    const response = await fetch(url, {
      headers: { [GATEWAY_SECRET_HEADER]: settings.gatewaySecret },
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const page = (await response.json()) as Partial<RevocationPage>;
    if (!Array.isArray(page.entries)) throw new Error("not a revocation page");
    return {
      entries: page.entries,
      cursor: page.cursor ?? after,
      more: page.more === true,
      reset: page.reset === true,
    };
  };
}

/** How long the first load may hold start-up: after that the process serves and keeps trying. */
const STARTUP_WAIT_MS = 3_000;

/**
 * The revoked sessions and users this process knows of, kept current by polling identity's log
 * every `pollMs` (docs/decisions/0014-revocation.md). `isRevoked` is two Map lookups, cheap enough
 * for every request. When identity cannot be reached the last known list stays in force and
 * polling goes on; revocations are written only by identity, so an unreachable identity is also
 * one that is revoking nothing new for us to miss, bar a network split.
 */
export class RevocationList {
  /** Revoked session id → when its tokens have all expired (ms). */
  private readonly sessions = new Map<string, number>();
  /** User id → lowest session version still valid, and when the entry can go. */
  private readonly users = new Map<string, { minVersion: number; expiresAt: number }>();
  private readonly listeners = new Set<(userIds: ReadonlySet<string>) => void>();
  private cursor: string | null = null;
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;
  private stopped = false;
  private failing = false;
  /** A poll has succeeded at least once: the list is known, not merely empty. */
  private loaded = false;

  constructor(
    private readonly source: RevocationSource,
    private readonly pollMs: number,
    private readonly log: Logger,
  ) {}

  static overHttp(settings: RevocationSettings, log: Logger): RevocationList {
    return new RevocationList(httpRevocationSource(settings), settings.pollMs, log);
  }

  /** Revoked, by its session or by the user's version? Tokens without `ver` count as version 0. */
  isRevoked(token: TokenSession): boolean {
    if (token.sessionId !== undefined && this.sessions.has(token.sessionId)) return true;
    const user = this.users.get(token.userId);
    return user !== undefined && (token.sessionVersion ?? 0) < user.minVersion;
  }

  /** Called with the users some new entries concern (e.g. to end their open subscriptions). */
  onRevoked(listener: (userIds: ReadonlySet<string>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Loads the list, retrying for at most a few seconds (identity may be starting beside us, as in
   * `npm start`; a down identity must not block start-up), then polls.
   */
  async start(): Promise<void> {
    this.stopped = false;
    const deadline = Date.now() + STARTUP_WAIT_MS;
    while (!this.loaded && !this.stopped && Date.now() < deadline) {
      await pause(deadline - Date.now(), this.refresh());
      if (!this.loaded) await pause(Math.min(250, deadline - Date.now()));
    }
    if (!this.loaded)
      this.log.warn(
        "revocation list not loaded yet: identity cannot be reached; serving, and retrying in the background",
      );
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Reads the log now, e.g. right after identity revoked something itself; resolves once applied. */
  async refresh(): Promise<void> {
    // A poll already under way may have read before the caller's write: wait for it, then read again.
    await this.inFlight;
    this.inFlight ??= this.poll().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.refresh().finally(() => this.schedule()), this.pollMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    try {
      const touched = new Set<string>();
      for (;;) {
        const page = await this.source(this.cursor);
        if (page.reset) {
          this.sessions.clear();
          this.users.clear();
        }
        for (const entry of page.entries) this.apply(entry, touched);
        this.cursor = page.cursor;
        if (!page.more) break;
      }
      this.prune();
      if (this.failing && this.loaded) this.log.info("revocation list reachable again");
      this.failing = false;
      this.loaded = true;
      if (touched.size) this.tell(touched);
    } catch (error) {
      // Logged once per outage, not once per second; before the first load, `start` speaks.
      if (!this.failing && this.loaded)
        this.log.warn({ err: error }, "cannot read the revocation list; keeping the last one and retrying");
      this.failing = true;
    }
  }

  private tell(userIds: ReadonlySet<string>): void {
    for (const listener of this.listeners) {
      try {
        listener(userIds);
      } catch (error) {
        this.log.error({ err: error }, "a revocation listener failed");
      }
    }
  }

  private apply(entry: RevocationEntry, touched: Set<string>): void {
    const expiresAt = Date.parse(entry.expiresAt);
    if (!(expiresAt > Date.now())) return;
    if (entry.sessionId)
      this.sessions.set(entry.sessionId, Math.max(expiresAt, this.sessions.get(entry.sessionId) ?? 0));
    if (typeof entry.minVersion === "number") {
      const known = this.users.get(entry.userId);
      if (!known || entry.minVersion >= known.minVersion) {
        this.users.set(entry.userId, {
          minVersion: entry.minVersion,
          expiresAt: Math.max(expiresAt, known?.expiresAt ?? 0),
        });
      }
    }
    touched.add(entry.userId);
  }

  /** Entries whose tokens have all expired protect nothing any more. */
  private prune(): void {
    const now = Date.now();
    for (const [id, expiresAt] of this.sessions) if (expiresAt <= now) this.sessions.delete(id);
    for (const [id, user] of this.users) if (user.expiresAt <= now) this.users.delete(id);
  }
}

/**
 * Waits `ms`, or less when `until` settles first. The timer keeps the process alive: during start-up
 * it may be the only thing pending (a gateway without Redis, identity down), and an unref'd one let
 * such a process exit 0 silently before it ever listened. It is cleared as soon as the wait is over.
 */
async function pause(ms: number, until?: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race(
      [new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, ms)))), until?.catch(() => undefined)].filter(
        Boolean,
      ),
    );
  } finally {
    clearTimeout(timer);
  }
}
