import type { DataSource, EntityManager } from "typeorm";
import type { HeldStockLine } from "../catalog/catalog.client";
import { ORDER_COLUMNS } from "../order/order.repository";
import type { RefundRow } from "../order/order.rows";

type Db = DataSource | EntityManager;

export interface NewRefund {
  orderId: string;
  amountMinor: number;
  currency: string;
  includeShipping: boolean;
  lines: { orderLineId: string; quantity: number }[];
  restock: boolean;
  reason: string;
  requestedBy: string | null;
}

/** Refund rows, what is still pending on an order, and where a vendor order's units were allocated. */
export class RefundRepository {
  constructor(private readonly db: DataSource) {}

  async insert(manager: EntityManager, refund: NewRefund): Promise<RefundRow> {
    const [row] = (await manager.query(
      `INSERT INTO orders.refunds (order_id, amount_minor, currency, include_shipping, lines, restock, reason, status, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING', $8) RETURNING ${ORDER_COLUMNS.REFUND}`,
      [
        refund.orderId,
        refund.amountMinor,
        refund.currency,
        refund.includeShipping,
        JSON.stringify(refund.lines),
        refund.restock,
        refund.reason,
        refund.requestedBy,
      ],
    )) as RefundRow[];
    return row!;
  }

  async byId(id: string, db: Db = this.db): Promise<RefundRow | null> {
    const rows: RefundRow[] = await db.query(`SELECT ${ORDER_COLUMNS.REFUND} FROM orders.refunds WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The order a provider's answer is about, by our refund id or the provider's reference. */
  async orderOf(refundId: string | null, providerReference: string): Promise<string | null> {
    const rows: { orderId: string }[] = await this.db.query(
      `SELECT order_id AS "orderId" FROM orders.refunds WHERE id::text = $1 OR provider_reference = $2 LIMIT 1`,
      [refundId ?? "", providerReference],
    );
    return rows[0]?.orderId ?? null;
  }

  async lockFor(manager: EntityManager, refundId: string | null, providerReference: string): Promise<RefundRow | null> {
    const rows: RefundRow[] = await manager.query(
      `SELECT ${ORDER_COLUMNS.REFUND} FROM orders.refunds WHERE id::text = $1 OR provider_reference = $2 LIMIT 1 FOR UPDATE`,
      [refundId ?? "", providerReference],
    );
    return rows[0] ?? null;
  }

  /** What is granted but not settled on the order: its amount, and units per line. */
  async pendingOf(
    manager: EntityManager,
    orderId: string,
  ): Promise<{ amountMinor: number; units: Map<string, number> }> {
    const rows: Pick<RefundRow, "amountMinor" | "lines">[] = await manager.query(
      `SELECT amount_minor::int AS "amountMinor", lines FROM orders.refunds WHERE order_id = $1 AND status = 'PENDING'`,
      [orderId],
    );
    const units = new Map<string, number>();
    for (const line of rows.flatMap((r) => r.lines))
      units.set(line.orderLineId, (units.get(line.orderLineId) ?? 0) + line.quantity);
    return { amountMinor: rows.reduce((sum, r) => sum + r.amountMinor, 0), units };
  }

  async setReference(manager: EntityManager, id: string, reference: string): Promise<void> {
    await manager.query(
      `UPDATE orders.refunds SET provider_reference = $2, updated_at = now() WHERE id = $1 AND provider_reference IS NULL`,
      [id, reference],
    );
  }

  async settle(
    manager: EntityManager,
    refund: RefundRow,
    status: "SUCCEEDED" | "FAILED",
    reference: string | null,
    failureReason: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE orders.refunds SET status = $2, provider_reference = COALESCE(provider_reference, $3), failure_reason = $4,
              updated_at = now() WHERE id = $1`,
      [refund.id, status, reference, failureReason],
    );
    if (status !== "SUCCEEDED") return;
    await manager.query(
      `UPDATE orders.orders SET refunded_minor = refunded_minor + $2, updated_at = now() WHERE id = $1`,
      [refund.orderId, refund.amountMinor],
    );
    await manager.query(
      `UPDATE orders.order_lines o SET quantity_refunded = o.quantity_refunded + l.quantity
         FROM jsonb_to_recordset($2::jsonb) AS l("orderLineId" uuid, quantity int)
        WHERE o.id = l."orderLineId" AND o.order_id = $1`,
      [refund.orderId, JSON.stringify(refund.lines)],
    );
  }

  /** Where each vendor order's units were allocated (null for orders allocated before this was kept). */
  async allocationsOf(vendorOrderIds: readonly string[]): Promise<Map<string, HeldStockLine[] | null>> {
    const rows: { id: string; allocatedStock: HeldStockLine[] | null }[] = await this.db.query(
      `SELECT id, allocated_stock AS "allocatedStock" FROM orders.vendor_orders WHERE id = ANY($1::uuid[])`,
      [[...vendorOrderIds]],
    );
    return new Map(rows.map((r) => [r.id, r.allocatedStock]));
  }
}
