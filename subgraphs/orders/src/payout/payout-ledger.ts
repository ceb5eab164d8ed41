import { writeEvent } from "@pawgraph/subgraph-kit";
import type { EntityManager } from "typeorm";
import { ORDERS_SCHEMA, PAYOUT_ENTRY_RECORDED } from "../events";
import type { RefundRow } from "../order/order.rows";
import {
  capDebit,
  creditOf,
  refundSplit,
  type SplitLine,
  type SplitVendorOrder,
  type VendorDebit,
} from "./payout-split";
import type { PayoutProvider } from "./payout-provider";
import type { PayoutSettlement } from "./payout.rows";

/** What fulfilment and refunds tell payouts, inside their own transactions (docs/decisions/0039). */
export interface PayoutHooks {
  /** A vendor order shipped in full (or was delivered): credit its vendor once. */
  vendorOrderFulfilled(manager: EntityManager, orderId: string, vendorOrderId: string): Promise<void>;
  /** A refund succeeded: debit each credited vendor its share once. */
  refundSucceeded(manager: EntityManager, refund: Pick<RefundRow, "id" | "orderId">): Promise<void>;
  /** The caller's transaction committed: the transfer queue looks for new work. */
  wake(): void;
}

interface OrderFacts {
  id: string;
  number: string;
  currency: string;
  paymentProvider: "STRIPE" | "OFFLINE";
  vendorOrders: (SplitVendorOrder & { vendorId: string })[];
  lines: SplitLine[];
}

interface CreditEntry {
  id: string;
  amountMinor: number;
  commissionMinor: number;
  settlement: PayoutSettlement;
  transferId: string | null;
}

/**
 * Writes the payout ledger in the caller's transaction, which holds the order's row lock: one credit
 * per fulfilled vendor order (with its transfer queued, or MANUAL), one debit per refund and
 * credited vendor order, and `payout.entry_recorded` for each. Unique keys make every call safe to
 * repeat. A debit against a transfer not yet sent is taken off it (NETTED); against one already sent
 * it queues a reversal, which waits for the transfer to succeed.
 */
export class PayoutLedger implements PayoutHooks {
  constructor(
    private readonly provider: PayoutProvider,
    private readonly onCommit: () => void,
  ) {}

  wake(): void {
    this.onCommit();
  }

  async vendorOrderFulfilled(manager: EntityManager, orderId: string, vendorOrderId: string): Promise<void> {
    const facts = await this.facts(manager, orderId);
    const vendorOrder = facts.vendorOrders.find((v) => v.id === vendorOrderId);
    if (!vendorOrder) return;
    const existing = await this.creditOf(manager, vendorOrderId);
    if (existing) return;
    const credit = creditOf(vendorOrder, facts.lines);
    const destination = await this.destinationFor(manager, facts, vendorOrder.vendorId);
    let transferId: string | null = null;
    if (destination) {
      const [row] = (await manager.query(
        `INSERT INTO orders.payout_transfers (kind, order_id, vendor_order_id, vendor_id, amount_minor, currency,
                destination, idempotency_key, status)
         VALUES ('TRANSFER', $1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (idempotency_key) DO UPDATE SET updated_at = orders.payout_transfers.updated_at RETURNING id`,
        [
          facts.id,
          vendorOrderId,
          vendorOrder.vendorId,
          credit.amountMinor,
          facts.currency,
          destination,
          `transfer:${facts.id}:${vendorOrder.vendorId}`,
          credit.amountMinor > 0 ? "PENDING" : "SKIPPED",
        ],
      )) as [{ id: string }];
      transferId = row.id;
    }
    const settlement: PayoutSettlement = destination ? "STRIPE_TRANSFER" : "MANUAL";
    const inserted = await this.insertEntry(manager, facts, vendorOrder, null, {
      direction: "CREDIT",
      amountMinor: credit.amountMinor,
      commissionMinor: credit.commissionMinor,
      settlement,
      netted: false,
      transferId,
    });
    if (!inserted) return;
    // Refunds that succeeded before the vendor order was fulfilled are taken off its credit now.
    const refunds: { id: string }[] = await manager.query(
      `SELECT id FROM orders.refunds WHERE order_id = $1 AND status = 'SUCCEEDED' ORDER BY created_at, id`,
      [facts.id],
    );
    for (const refund of refunds) await this.debit(manager, facts, refund.id, vendorOrderId);
  }

  async refundSucceeded(manager: EntityManager, refund: Pick<RefundRow, "id" | "orderId">): Promise<void> {
    const facts = await this.facts(manager, refund.orderId);
    for (const vendorOrder of facts.vendorOrders) await this.debit(manager, facts, refund.id, vendorOrder.id);
  }

  /** The vendor order's share of the refund, if it has a credit and the refund touches it. */
  private async debit(manager: EntityManager, facts: OrderFacts, refundId: string, vendorOrderId: string) {
    const credit = await this.creditOf(manager, vendorOrderId);
    if (!credit) return;
    const [refund] = (await manager.query(
      `SELECT amount_minor::int AS "amountMinor", include_shipping AS "includeShipping", lines
         FROM orders.refunds WHERE id = $1`,
      [refundId],
    )) as { amountMinor: number; includeShipping: boolean; lines: { orderLineId: string; quantity: number }[] }[];
    const share = refundSplit(refund!, facts.vendorOrders, facts.lines).find((d) => d.vendorOrderId === vendorOrderId);
    if (!share) return;
    const [taken] = (await manager.query(
      `SELECT coalesce(sum(amount_minor), 0)::int AS "amountMinor", coalesce(sum(commission_minor), 0)::int AS "commissionMinor"
         FROM orders.payout_ledger WHERE vendor_order_id = $1 AND direction = 'DEBIT'`,
      [vendorOrderId],
    )) as { amountMinor: number; commissionMinor: number }[];
    const debit: VendorDebit = capDebit(share, {
      amountMinor: credit.amountMinor - taken!.amountMinor,
      commissionMinor: credit.commissionMinor - taken!.commissionMinor,
    });
    if (debit.grossMinor === 0) return;
    const vendorOrder = facts.vendorOrders.find((v) => v.id === vendorOrderId)!;
    if (credit.settlement === "MANUAL" || credit.transferId === null) {
      await this.insertEntry(manager, facts, vendorOrder, refundId, {
        direction: "DEBIT",
        ...debit,
        settlement: "MANUAL",
        netted: false,
        transferId: null,
      });
      return;
    }
    const [transfer] = (await manager.query(
      `SELECT id, status, attempts, amount_minor::int AS "amountMinor", destination FROM orders.payout_transfers
        WHERE id = $1 FOR UPDATE`,
      [credit.transferId],
    )) as { id: string; status: string; attempts: number; amountMinor: number; destination: string }[];
    const unsent = transfer!.status === "SKIPPED" || (transfer!.status === "PENDING" && transfer!.attempts === 0);
    let transferId = transfer!.id;
    if (unsent) {
      // Never asked of Stripe yet: the transfer is simply made smaller (a key sent once keeps its amount).
      await manager.query(
        `UPDATE orders.payout_transfers SET amount_minor = amount_minor - $2, updated_at = now(),
                status = CASE WHEN amount_minor - $2 = 0 THEN 'SKIPPED' ELSE status END
          WHERE id = $1`,
        [transfer!.id, debit.amountMinor],
      );
    } else if (debit.amountMinor > 0) {
      const [reversal] = (await manager.query(
        `INSERT INTO orders.payout_transfers (kind, parent_id, order_id, vendor_order_id, vendor_id, amount_minor,
                currency, destination, idempotency_key, status)
         VALUES ('REVERSAL', $1, $2, $3, $4, $5, $6, $7, $8, 'PENDING') RETURNING id`,
        [
          transfer!.id,
          facts.id,
          vendorOrderId,
          vendorOrder.vendorId,
          debit.amountMinor,
          facts.currency,
          transfer!.destination,
          `reversal:${refundId}:${vendorOrder.vendorId}`,
        ],
      )) as [{ id: string }];
      transferId = reversal.id;
    }
    await this.insertEntry(manager, facts, vendorOrder, refundId, {
      direction: "DEBIT",
      ...debit,
      settlement: "STRIPE_TRANSFER",
      netted: unsent || debit.amountMinor === 0,
      transferId,
    });
  }

  /** Stripe's account id when this credit goes by transfer: Stripe payouts, a Stripe payment, payouts enabled. */
  private async destinationFor(manager: EntityManager, facts: OrderFacts, vendorId: string): Promise<string | null> {
    if (this.provider.name !== "STRIPE" || facts.paymentProvider !== "STRIPE") return null;
    const rows: { id: string }[] = await manager.query(
      `SELECT stripe_account_id AS id FROM orders.payout_accounts WHERE vendor_id = $1 AND payouts_enabled`,
      [vendorId],
    );
    return rows[0]?.id ?? null;
  }

  private async creditOf(manager: EntityManager, vendorOrderId: string): Promise<CreditEntry | null> {
    const rows: CreditEntry[] = await manager.query(
      `SELECT id, amount_minor::int AS "amountMinor", commission_minor::int AS "commissionMinor", settlement,
              transfer_id AS "transferId"
         FROM orders.payout_ledger WHERE vendor_order_id = $1 AND direction = 'CREDIT'`,
      [vendorOrderId],
    );
    return rows[0] ?? null;
  }

  private async insertEntry(
    manager: EntityManager,
    facts: OrderFacts,
    vendorOrder: OrderFacts["vendorOrders"][number],
    refundId: string | null,
    entry: {
      direction: "CREDIT" | "DEBIT";
      amountMinor: number;
      commissionMinor: number;
      settlement: PayoutSettlement;
      netted: boolean;
      transferId: string | null;
    },
  ): Promise<boolean> {
    const rows: { id: string; createdAt: Date }[] = await manager.query(
      `INSERT INTO orders.payout_ledger (vendor_id, order_id, vendor_order_id, refund_id, direction, amount_minor,
              commission_minor, currency, settlement, netted, transfer_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING
       RETURNING id, created_at AS "createdAt"`,
      [
        vendorOrder.vendorId,
        facts.id,
        vendorOrder.id,
        refundId,
        entry.direction,
        entry.amountMinor,
        entry.commissionMinor,
        facts.currency,
        entry.settlement,
        entry.netted,
        entry.transferId,
      ],
    );
    const row = rows[0];
    if (!row) return false;
    await writeEvent(
      manager,
      ORDERS_SCHEMA,
      PAYOUT_ENTRY_RECORDED.create(facts.id, {
        entryId: row.id,
        vendorId: vendorOrder.vendorId,
        orderId: facts.id,
        orderNumber: facts.number,
        vendorOrderId: vendorOrder.id,
        direction: entry.direction,
        amountMinor: entry.amountMinor,
        commissionMinor: entry.commissionMinor,
        currency: facts.currency,
        settlement: entry.settlement,
        occurredAt: new Date(row.createdAt).toISOString(),
      }),
    );
    return true;
  }

  private async facts(manager: EntityManager, orderId: string): Promise<OrderFacts> {
    const [order] = (await manager.query(
      `SELECT id, number, currency, payment_provider AS "paymentProvider" FROM orders.orders WHERE id = $1`,
      [orderId],
    )) as Omit<OrderFacts, "vendorOrders" | "lines">[];
    const vendorOrders: OrderFacts["vendorOrders"] = await manager.query(
      `SELECT id, vendor_id AS "vendorId", total_minor::int AS "totalMinor", shipping_minor::int AS "shippingMinor"
         FROM orders.vendor_orders WHERE order_id = $1 ORDER BY id`,
      [orderId],
    );
    const lines: SplitLine[] = await manager.query(
      `SELECT id, vendor_order_id AS "vendorOrderId", quantity, total_minor::int AS "totalMinor",
              commission_minor::int AS "commissionMinor"
         FROM orders.order_lines WHERE order_id = $1 ORDER BY position`,
      [orderId],
    );
    return { ...order!, vendorOrders, lines };
  }
}
