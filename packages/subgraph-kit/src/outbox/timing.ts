/**
 * A sleep that a notification can end early: loops wait "poll interval or NOTIFY, whichever comes
 * first". A wake that arrives while the loop is busy is remembered, so it is never lost.
 */
export class Waiter {
  private pending: { finish: () => void; wakeable: boolean } | undefined;
  private woken = false;
  private recovered = false;

  /**
   * Resolves after `ms`; a wakeable wait also ends on `wake()` (or at once if one came meanwhile),
   * and any wait, backoff included, on `recover()`.
   */
  wait(ms: number, wakeable = true): Promise<void> {
    if (this.recovered || (wakeable && this.woken)) {
      this.recovered = false;
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.pending = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.pending = { finish, wakeable };
    });
  }

  /** New work may be waiting. Backoff waits ignore it: a notification must not hammer a failing bus. */
  wake(): void {
    if (this.pending?.wakeable) this.pending.finish();
    else this.woken = true;
  }

  /**
   * The dependency that failed is reachable again (Redis 'ready', a LISTEN connection back): ends
   * any wait, backoff included, or the next one if the loop is busy. The backoff protects a failing
   * dependency from retries; once it is back, waiting out a 30 s backoff only delays delivery.
   */
  recover(): void {
    if (this.pending) this.pending.finish();
    else this.recovered = true;
  }

  /** Ends any wait at once (used by stop). */
  cancel(): void {
    this.pending?.finish();
  }
}

/**
 * The longest wait before retrying a handler that failed because something it needs is unreachable
 * (its database, another subgraph: `isUnavailableError`). Such a failure ends by itself and nothing
 * announces it to the consumer, so it retries about once a second instead of backing off to 30 s;
 * a handler that fails for other reasons (a bug, a poison event) still backs off in full.
 */
export const OUTAGE_RETRY_MS = 1_000;

/** Exponential backoff with jitter, so instances that failed together do not retry in lockstep. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 20));
  return Math.round(ceiling * (0.5 + Math.random() / 2));
}

/** The error's message for a log line, whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
