import type { Logger } from "@pawgraph/subgraph-kit";
import type Stripe from "stripe";
import type { DataSource, EntityManager } from "typeorm";
import type { PaymentService } from "./payment.service";
import { paymentEventOf } from "./stripe-webhook";

/** What settles refunds from the provider's word (the refund service). */
export interface RefundSettler {
  /** A refund event: the refund by its provider reference, or every open refund of the payment when null. */
  settleFromProvider(refundReference: string | null, paymentReference: string | null): Promise<void>;
}

/** What keeps vendors' Stripe Connect accounts current (payouts, docs/decisions/0039). */
export interface AccountSettler {
  /** `account.updated`: re-read the connected account and keep whether payouts are enabled. */
  accountUpdated(stripeAccountId: string): Promise<void>;
}

interface StoredEvent {
  id: string;
  type: string;
  payload: Stripe.Event;
  attempts: number;
}

export interface WebhookProcessorSettings {
  /** How often stored events are looked for besides the wake-up after each delivery (ms). */
  pollMs: number;
  /** The longest wait before an event that failed is tried again (ms); the wait doubles per attempt up to it. */
  maxBackoffMs: number;
  /** Events processed at once by this process (each takes its own row lock); default 4. */
  concurrency?: number;
}

/**
 * Processes Stripe's events from `webhook_events`, where the endpoint stored each one once (by its id)
 * before answering 2xx. One event at a time per row lock (`FOR UPDATE SKIP LOCKED`), so replicas share
 * the queue; a failure is retried with a growing wait, never dropped. Payment events end in the one
 * idempotent `finalizePayment`; a declined payment tells the buyer once per event.
 */
export class WebhookProcessor {
  private timer: NodeJS.Timeout | null = null;
  private readonly workers = new Set<Promise<void>>();
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly payments: PaymentService,
    private readonly refunds: RefundSettler | null,
    private readonly settings: WebhookProcessorSettings,
    private readonly log: Logger,
    private readonly accounts: AccountSettler | null = null,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.wake(), this.settings.pollMs);
    this.timer.unref();
    this.wake();
  }

  /**
   * Runs the queue now (after a delivery): up to `concurrency` workers, each taking the next due
   * event under its own lock. A call while all are busy makes them look again when one finishes.
   */
  wake(): void {
    if (this.stopped) return;
    if (this.workers.size >= (this.settings.concurrency ?? 4)) {
      this.again = true;
      return;
    }
    const worker: Promise<void> = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.log.error({ err: error }, "webhook queue failed"))
      .finally(() => {
        this.workers.delete(worker);
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
    this.workers.add(worker);
  }

  /** Processes until nothing is due. Exposed for tests and the benchmark. */
  async drain(): Promise<number> {
    let processed = 0;
    while (!this.stopped && (await this.processOne())) processed++;
    return processed;
  }

  private async processOne(): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const [event] = (await manager.query(
        `SELECT id, type, payload, attempts FROM orders.webhook_events
          WHERE processed_at IS NULL AND next_attempt_at <= now()
          ORDER BY received_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      )) as StoredEvent[];
      if (!event) return false;
      try {
        await manager.query("SAVEPOINT webhook_event");
        await this.handle(manager, event);
        await manager.query(
          `UPDATE orders.webhook_events SET processed_at = now(), attempts = attempts + 1 WHERE id = $1`,
          [event.id],
        );
      } catch (error) {
        await manager.query("ROLLBACK TO SAVEPOINT webhook_event");
        const waitMs = Math.min(this.settings.maxBackoffMs, 1000 * 2 ** event.attempts);
        this.log.warn(
          { err: error, eventId: event.id, type: event.type, attempt: event.attempts + 1 },
          "webhook event failed; retrying later",
        );
        await manager.query(
          `UPDATE orders.webhook_events SET attempts = attempts + 1, last_error = $2,
                  next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1`,
          [event.id, String((error as Error).message ?? error).slice(0, 500), waitMs / 1000],
        );
      }
      return true;
    });
  }

  private async handle(manager: EntityManager, stored: StoredEvent): Promise<void> {
    if (stored.type === "account.updated") {
      const account = stored.payload.data.object as { id?: unknown };
      if (typeof account.id === "string") await this.accounts?.accountUpdated(account.id);
      return;
    }
    const event = paymentEventOf(stored.payload);
    if (event.kind === "payment") {
      if (stored.type === "payment_intent.payment_failed") {
        const object = stored.payload.data.object as { last_payment_error?: { message?: string } | null };
        await this.payments.failed(
          manager,
          event.paymentIntentId,
          object.last_payment_error?.message ?? "The payment was declined.",
        );
      }
      // Whatever the event says, the PaymentIntent is re-read: events may arrive in any order.
      await this.payments.finalize(event.paymentIntentId);
    } else if (event.kind === "refund") {
      await this.refunds?.settleFromProvider(event.refundReference, event.paymentIntentId);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.workers);
  }
}
