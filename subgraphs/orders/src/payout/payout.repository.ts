import type { DataSource, EntityManager } from "typeorm";
import type { LedgerEntryRow, PayoutAccountRow, PayoutBalanceRow, TransferRow, TransferStatus } from "./payout.rows";

type Db = DataSource | EntityManager;

export const TRANSFER_COLUMNS = `t.id, t.kind, t.parent_id AS "parentId", t.order_id AS "orderId",
  t.vendor_order_id AS "vendorOrderId", t.vendor_id AS "vendorId", t.amount_minor::int AS "amountMinor", t.currency,
  t.destination, t.idempotency_key AS "idempotencyKey", t.status, t.attempts, t.last_error AS "lastError",
  t.source_transaction AS "sourceTransaction", t.stripe_id AS "stripeId", t.created_at AS "createdAt",
  t.updated_at AS "updatedAt"`;

const LEDGER_SELECT = `SELECT l.id, l.seq::text AS seq, l.vendor_id AS "vendorId", l.order_id AS "orderId",
    o.number AS "orderNumber", l.vendor_order_id AS "vendorOrderId", l.refund_id AS "refundId", l.direction,
    l.amount_minor::int AS "amountMinor", l.commission_minor::int AS "commissionMinor", l.currency, l.settlement,
    CASE WHEN l.settlement = 'MANUAL' THEN 'MANUAL' WHEN l.netted OR t.status = 'SKIPPED' THEN 'NETTED'
         ELSE t.status END AS status,
    l.transfer_id AS "transferId", l.created_at AS "createdAt"
  FROM orders.payout_ledger l JOIN orders.orders o ON o.id = l.order_id
  LEFT JOIN orders.payout_transfers t ON t.id = l.transfer_id`;

const ACCOUNT_COLUMNS = `vendor_id AS "vendorId", stripe_account_id AS "stripeAccountId",
  payouts_enabled AS "payoutsEnabled", details_submitted AS "detailsSubmitted", updated_at AS "updatedAt"`;

/** The payout tables: connected accounts, the ledger and the transfer queue's reads. */
export class PayoutRepository {
  constructor(private readonly db: DataSource) {}

  async account(vendorId: string, db: Db = this.db): Promise<PayoutAccountRow | null> {
    const rows: PayoutAccountRow[] = await db.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM orders.payout_accounts WHERE vendor_id = $1`,
      [vendorId],
    );
    return rows[0] ?? null;
  }

  /** Records the vendor's account once; a second caller keeps the first row. */
  async insertAccount(vendorId: string, stripeAccountId: string, createdBy: string): Promise<PayoutAccountRow> {
    await this.db.query(
      `INSERT INTO orders.payout_accounts (vendor_id, stripe_account_id, created_by) VALUES ($1, $2, $3)
       ON CONFLICT (vendor_id) DO NOTHING`,
      [vendorId, stripeAccountId, createdBy],
    );
    return (await this.account(vendorId))!;
  }

  async updateAccount(stripeAccountId: string, payoutsEnabled: boolean, detailsSubmitted: boolean): Promise<boolean> {
    const [, count] = (await this.db.query(
      `UPDATE orders.payout_accounts SET payouts_enabled = $2, details_submitted = $3, updated_at = now()
        WHERE stripe_account_id = $1`,
      [stripeAccountId, payoutsEnabled, detailsSubmitted],
    )) as [unknown, number];
    return count > 0;
  }

  async isKnownAccount(stripeAccountId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM orders.payout_accounts WHERE stripe_account_id = $1`, [
      stripeAccountId,
    ]);
    return rows.length > 0;
  }

  async entry(id: string, db: Db = this.db): Promise<LedgerEntryRow | null> {
    const rows: LedgerEntryRow[] = await db.query(`${LEDGER_SELECT} WHERE l.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** A vendor's ledger, newest first, after the keyset cursor (seq). */
  async pageOfVendor(vendorId: string, limit: number, after: string | null): Promise<LedgerEntryRow[]> {
    return this.db.query(
      `${LEDGER_SELECT} WHERE l.vendor_id = $1 AND ($3::bigint IS NULL OR l.seq < $3::bigint)
        ORDER BY l.seq DESC LIMIT $2`,
      [vendorId, limit, after],
    );
  }

  /**
   * Per currency: the ledger's balance (credits − debits), what Stripe moved (transfers less
   * reversals), the manual balance, and what is queued or failed. balance = transferred − reversed +
   * manual + unsettled, always.
   */
  async balances(vendorId: string): Promise<PayoutBalanceRow[]> {
    return this.db.query(
      `WITH ledger AS (
         SELECT currency,
                sum(CASE WHEN direction = 'CREDIT' THEN amount_minor ELSE -amount_minor END) AS balance,
                sum(CASE WHEN settlement <> 'MANUAL' THEN 0 WHEN direction = 'CREDIT' THEN amount_minor ELSE -amount_minor END) AS manual,
                sum(CASE WHEN direction = 'CREDIT' THEN commission_minor ELSE -commission_minor END) AS commission
           FROM orders.payout_ledger WHERE vendor_id = $1 GROUP BY currency),
       moved AS (
         SELECT currency,
                sum(amount_minor) FILTER (WHERE kind = 'TRANSFER' AND status = 'SUCCEEDED') AS transferred,
                sum(amount_minor) FILTER (WHERE kind = 'REVERSAL' AND status = 'SUCCEEDED') AS reversed,
                sum(CASE WHEN status NOT IN ('PENDING', 'FAILED') THEN 0 WHEN kind = 'TRANSFER' THEN amount_minor ELSE -amount_minor END) AS unsettled
           FROM orders.payout_transfers WHERE vendor_id = $1 GROUP BY currency)
       SELECT l.currency, coalesce(l.balance, 0)::int AS "balanceMinor", coalesce(m.transferred, 0)::int AS "transferredMinor",
              coalesce(m.reversed, 0)::int AS "reversedMinor", coalesce(l.manual, 0)::int AS "manualMinor",
              coalesce(m.unsettled, 0)::int AS "unsettledMinor", coalesce(l.commission, 0)::int AS "commissionMinor"
         FROM ledger l LEFT JOIN moved m USING (currency) ORDER BY l.currency`,
      [vendorId],
    );
  }

  /** Commission withheld on credits less commission returned on debits, by currency, in [from, to). */
  async commission(
    from: Date,
    to: Date,
  ): Promise<{ currency: string; withheldMinor: number; returnedMinor: number; entries: number }[]> {
    return this.db.query(
      `SELECT currency,
              coalesce(sum(commission_minor) FILTER (WHERE direction = 'CREDIT'), 0)::int AS "withheldMinor",
              coalesce(sum(commission_minor) FILTER (WHERE direction = 'DEBIT'), 0)::int AS "returnedMinor",
              count(*)::int AS entries
         FROM orders.payout_ledger WHERE created_at >= $1 AND created_at < $2
        GROUP BY currency ORDER BY currency`,
      [from, to],
    );
  }

  async transfer(id: string, db: Db = this.db): Promise<TransferRow | null> {
    const rows: TransferRow[] = await db.query(
      `SELECT ${TRANSFER_COLUMNS} FROM orders.payout_transfers t WHERE t.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Transfers and reversals in a status, newest first, after the keyset cursor (createdAt, id). */
  async pageOfTransfers(
    statuses: readonly TransferStatus[],
    limit: number,
    after: [Date, string] | null,
  ): Promise<TransferRow[]> {
    return this.db.query(
      `SELECT ${TRANSFER_COLUMNS} FROM orders.payout_transfers t WHERE t.status = ANY($1::text[])
          AND ($3::timestamptz IS NULL OR (t.created_at, t.id) < ($3::timestamptz, $4::uuid))
        ORDER BY t.created_at DESC, t.id DESC LIMIT $2`,
      [[...statuses], limit, after?.[0] ?? null, after?.[1] ?? null],
    );
  }

  /** A FAILED transfer goes back in the queue with the same idempotency key; anything else is left as it is. */
  async requeue(id: string): Promise<void> {
    await this.db.query(
      `UPDATE orders.payout_transfers SET status = 'PENDING', next_attempt_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'FAILED'`,
      [id],
    );
  }
}
