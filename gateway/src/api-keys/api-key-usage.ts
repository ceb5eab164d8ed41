import type { Logger } from "@pawgraph/subgraph-kit/src/edge";
import { GATEWAY_SECRET_HEADER } from "@pawgraph/subgraph-kit/src/edge";
import type { ApiKeySettings } from "./api-key-settings";

/** Distinct (key, day) counts held while identity cannot be reached; past it, new keys' counts are dropped (and logged). */
const MAX_PENDING = 50_000;

/**
 * Counts requests per API key and day (UTC) in memory and sends the sums to identity every
 * `flushMs` in one call, which adds them in one statement (docs/decisions/0046): a request costs a
 * Map increment, not a write. A failed send keeps the counts for the next one; a crash loses at most
 * one interval's counts, acceptable for a usage chart (billing would need the outbox).
 */
export class ApiKeyUsageRecorder {
  private pending = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private sending?: Promise<void>;
  private dropped = false;

  constructor(
    private readonly settings: ApiKeySettings,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.settings.flushMs);
    this.timer.unref();
  }

  count(keyId: string, now = new Date()): void {
    const slot = `${keyId}|${now.toISOString().slice(0, 10)}`;
    const known = this.pending.get(slot);
    if (known === undefined && this.pending.size >= MAX_PENDING) {
      if (!this.dropped) this.log.warn("API key usage not reaching identity; dropping counts of further keys");
      this.dropped = true;
      return;
    }
    this.pending.set(slot, (known ?? 0) + 1);
  }

  /** Sends what was counted; resolves when sent (or failed and kept). */
  async flush(): Promise<void> {
    await this.sending;
    if (!this.pending.size) return;
    const batch = this.pending;
    this.pending = new Map();
    this.sending = this.send(batch).finally(() => (this.sending = undefined));
    return this.sending;
  }

  /** Stops the timer and sends the last counts. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async send(batch: Map<string, number>): Promise<void> {
    const usage = [...batch].map(([slot, requests]) => {
      const [keyId, day] = slot.split("|");
      return { keyId, day, requests };
    });
    try {
      const response = await fetch(this.settings.usageUrl, {
        method: "POST",
        headers: { "content-type": "application/json", [GATEWAY_SECRET_HEADER]: this.settings.gatewaySecret },
        body: JSON.stringify({ usage }),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.dropped = false;
    } catch (error) {
      this.log.warn({ err: error, slots: batch.size }, "cannot report API key usage; keeping the counts");
      for (const [slot, requests] of batch) {
        const known = this.pending.get(slot);
        if (known !== undefined || this.pending.size < MAX_PENDING) this.pending.set(slot, (known ?? 0) + requests);
      }
    }
  }
}
