import { isUnavailableError, type Logger } from "@pawgraph/subgraph-kit";
import type { AccountDeletionService } from "./account-deletion.service";

/**
 * Starts erasures whose grace period has passed, every `pollMs` (safe with any number of instances:
 * deletions are claimed with SKIP LOCKED). Unref'd: the process ends when its servers do.
 */
export class PrivacyScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly deletions: AccountDeletionService,
    private readonly pollMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.timer) return;
    const loop = () => {
      this.running = this.deletions
        .startDue()
        .catch((error: unknown) =>
          this.log[isUnavailableError(error) ? "warn" : "error"]({ err: error }, "starting due erasures failed"),
        )
        .finally(() => {
          this.running = null;
          if (this.timer) this.timer = setTimeout(loop, this.pollMs).unref();
        });
    };
    this.timer = setTimeout(loop, this.pollMs).unref();
  }

  /** Stops the loop, letting a tick in progress finish. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
