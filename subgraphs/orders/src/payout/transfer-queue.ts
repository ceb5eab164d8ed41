import type { Logger } from "@pawgraph/subgraph-kit";
import type { DataSource, EntityManager } from "typeorm";
import { PaymentProviderError } from "../payment/payment-provider";
import type { PayoutProvider } from "./payout-provider";
import { TRANSFER_COLUMNS } from "./payout.repository";
import type { TransferRow } from "./payout.rows";

export interface TransferQueueSettings {
  /** How often due transfers are looked for besides the wake-up after each fulfilment or refund (ms). */
  pollMs: number;
  /** The longest wait before a transfer that failed for a passing reason is tried again (ms). */
  maxBackoffMs: number;
  /** Attempts before a transfer that keeps failing for a passing reason is marked FAILED. */
  maxAttempts: number;
  /** Transfers sent at once by this process; default 2. */
  concurrency?: number;
}

type Due = TransferRow & { paymentReference: string | null; parentStripeId: string | null; refundId: string | null };

/**
 * Sends the queued transfers and reversals to Stripe, so fulfilment and refunds never wait on it.
 * One row at a time under its lock (`FOR UPDATE SKIP LOCKED`), so replicas share the queue; the row
 * stays locked during the call, so a refund deciding whether it can still shrink the transfer waits
 * for the answer. Each attempt is counted whatever happens: a transfer tried once keeps its amount
 * (Stripe keeps the first parameters of an idempotency key). A reversal waits for its transfer to
 * succeed. A refusal (not retryable) or too many passing failures leave the row FAILED for a
 * platform admin to retry, with the same key.
 */
export class TransferQueue {
  private timer: NodeJS.Timeout | null = null;
  private readonly workers = new Set<Promise<void>>();
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly provider: PayoutProvider,
    private readonly settings: TransferQueueSettings,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.provider.name !== "STRIPE") return;
    this.timer = setInterval(() => this.wake(), this.settings.pollMs);
    this.timer.unref();
    this.wake();
  }

  wake(): void {
    if (this.stopped || this.provider.name !== "STRIPE") return;
    if (this.workers.size >= (this.settings.concurrency ?? 2)) {
      this.again = true;
      return;
    }
    const worker: Promise<void> = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.log.error({ err: error }, "transfer queue failed"))
      .finally(() => {
        this.workers.delete(worker);
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
    this.workers.add(worker);
  }

  /** Sends until nothing is due. Exposed for tests and the benchmark. */
  async drain(): Promise<number> {
    let processed = 0;
    while (!this.stopped && (await this.processOne())) processed++;
    return processed;
  }

  private async processOne(): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const [due] = (await manager.query(
        `SELECT ${TRANSFER_COLUMNS}, o.payment_reference AS "paymentReference", p.stripe_id AS "parentStripeId",
                l.refund_id AS "refundId"
           FROM orders.payout_transfers t
           JOIN orders.orders o ON o.id = t.order_id
           LEFT JOIN orders.payout_transfers p ON p.id = t.parent_id
           LEFT JOIN orders.payout_ledger l ON l.transfer_id = t.id AND t.kind = 'REVERSAL'
          WHERE t.status = 'PENDING' AND t.next_attempt_at <= now()
            AND (t.kind = 'TRANSFER' OR p.status = 'SUCCEEDED')
          ORDER BY t.next_attempt_at, t.created_at, t.id LIMIT 1 FOR UPDATE OF t SKIP LOCKED`,
      )) as Due[];
      if (!due) return false;
      try {
        const result = due.kind === "TRANSFER" ? await this.transfer(due) : await this.reverse(due);
        await manager.query(
          `UPDATE orders.payout_transfers SET status = 'SUCCEEDED', stripe_id = $2, source_transaction = $3,
                  attempts = attempts + 1, last_error = NULL, updated_at = now() WHERE id = $1`,
          [due.id, result.stripeId, result.sourceTransaction],
        );
      } catch (error) {
        await this.failed(manager, due, error);
      }
      return true;
    });
  }

  private async transfer(due: Due): Promise<{ stripeId: string; sourceTransaction: string }> {
    if (!due.paymentReference) throw new PaymentProviderError("The order has no payment to transfer from", false);
    const sourceTransaction = due.sourceTransaction ?? (await this.provider.chargeOf(due.paymentReference));
    if (!sourceTransaction) throw new PaymentProviderError("The order's payment has no charge yet", true);
    const stripeId = await this.provider.createTransfer({
      idempotencyKey: due.idempotencyKey,
      amountMinor: due.amountMinor,
      currency: due.currency,
      destination: due.destination,
      sourceTransaction,
      transferGroup: due.orderId,
      metadata: { orderId: due.orderId, vendorOrderId: due.vendorOrderId, vendorId: due.vendorId },
    });
    return { stripeId, sourceTransaction };
  }

  private async reverse(due: Due): Promise<{ stripeId: string; sourceTransaction: string | null }> {
    const stripeId = await this.provider.createReversal({
      idempotencyKey: due.idempotencyKey,
      transferId: due.parentStripeId!,
      amountMinor: due.amountMinor,
      metadata: { orderId: due.orderId, vendorOrderId: due.vendorOrderId, refundId: due.refundId ?? "" },
    });
    return { stripeId, sourceTransaction: null };
  }

  private async failed(manager: EntityManager, due: Due, error: unknown): Promise<void> {
    const retryable = error instanceof PaymentProviderError ? error.retryable : false;
    const giveUp = !retryable || due.attempts + 1 >= this.settings.maxAttempts;
    const waitMs = Math.min(this.settings.maxBackoffMs, 1000 * 2 ** due.attempts);
    const message = String((error as Error).message ?? error).slice(0, 500);
    this.log.warn(
      { err: error, transferId: due.id, kind: due.kind, attempt: due.attempts + 1, giveUp },
      giveUp ? "payout transfer failed; a platform admin may retry it" : "payout transfer failed; retrying later",
    );
    await manager.query(
      `UPDATE orders.payout_transfers SET attempts = attempts + 1, last_error = $2, updated_at = now(),
              status = CASE WHEN $4 THEN 'FAILED' ELSE status END,
              next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1`,
      [due.id, message, waitMs / 1000, giveUp],
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.workers);
  }
}
