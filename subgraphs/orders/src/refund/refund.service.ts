import {
  BadUserInputError,
  ForbiddenError,
  isPlatformAdmin,
  isUuid,
  isVendorMember,
  NotFoundError,
  requireViewer,
  writeEvent,
  type BaseContext,
  type Logger,
} from "@pawgraph/subgraph-kit";
import type { DataSource, EntityManager } from "typeorm";
import type { CatalogClient, HeldStockLine } from "../catalog/catalog.client";
import { ORDER_REFUNDED, ORDERS_SCHEMA } from "../events";
import type { OrderRepository } from "../order/order.repository";
import type { OrderLineRow, OrderRow, RefundRow } from "../order/order.rows";
import { PaymentProviderError, type PaymentProvider, type ProviderRefund } from "../payment/payment-provider";
import type { PayoutHooks } from "../payout/payout-ledger";
import type { OrdersRealtime } from "../realtime/realtime";
import { checkRefundLines, refundAmountOf, type RefundLineRequest } from "./refund-amount";
import type { NewRefund, RefundRepository } from "./refund.repository";

export interface RefundOrderRequest {
  orderId: string;
  lines?: RefundLineRequest[] | null;
  amountMinor?: number | null;
  includeShipping: boolean;
  reason: string;
  restock: boolean;
}

/** Vendor orders whose allocation catalog has settled (the first shipment sells all of it). */
const SHIPPED = new Set(["PARTIALLY_SHIPPED", "SHIPPED", "DELIVERED"]);

/**
 * Paying money back. A refund is granted under the order's row lock (never more than was paid and
 * not yet refunded or pending) and committed as PENDING before the provider is asked, with the key
 * `refund:{refundId}`: a crash in between leaves a PENDING refund to send again, never a second
 * payout. The provider's answer, now or later by webhook, settles it once (`applyProviderAnswer`).
 */
export class RefundService {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    private readonly refunds: RefundRepository,
    private readonly provider: PaymentProvider,
    private readonly catalog: CatalogClient,
    private readonly realtime: OrdersRealtime,
    private readonly log: Logger,
    /** Debits the vendors' share of each succeeded refund (docs/decisions/0039). */
    private readonly payouts: PayoutHooks | null = null,
  ) {}

  /** `refundOrder`: platform admins any of the order; a vendor's people their vendor order's lines. */
  async refundOrder(ctx: BaseContext, input: RefundOrderRequest): Promise<RefundRow> {
    const viewer = requireViewer(ctx.viewer);
    const order = isUuid(input.orderId) ? await this.orders.byId(input.orderId) : null;
    if (!order) throw new NotFoundError("Order", "input.orderId");
    const admin = isPlatformAdmin(viewer);
    const vendorOrders = await this.orders.vendorOrdersOf([order.id]);
    const own = vendorOrders.filter((v) => isVendorMember(viewer, v.vendorId));
    if (!admin && own.length === 0) {
      if (viewer.userId === order.buyerId)
        throw new ForbiddenError("Refunds are granted by the vendor or the platform");
      throw new NotFoundError("Order", "input.orderId");
    }
    if (!admin && !input.lines?.length)
      throw new BadUserInputError("input.lines", "Name the lines of your vendor order to refund");
    const reason = input.reason.trim();
    if (reason.length < 1 || reason.length > 500)
      throw new BadUserInputError("input.reason", "Between 1 and 500 characters");
    const mayRefund = (line: OrderLineRow) => admin || own.some((v) => v.id === line.vendorOrderId);
    const refund = await this.db.transaction(async (manager) => {
      const locked = (await this.orders.lock(manager, order.id))!;
      const pending = await this.refunds.pendingOf(manager, order.id);
      const lines = await this.orders.linesOf([order.id], manager);
      const picked = checkRefundLines(input.lines ?? [], lines, pending.units, mayRefund);
      const share = refundAmountOf(picked, admin ? vendorOrders : own, input.includeShipping);
      const amount = input.amountMinor ?? share;
      const left = locked.paidMinor - locked.refundedMinor - pending.amountMinor;
      // A vendor's people pay back at most what their lines (and shipping) cost.
      const most = admin ? left : Math.min(left, share);
      if (!Number.isSafeInteger(amount) || amount <= 0 || amount > most)
        throw new BadUserInputError("input.amountMinor", `Between 1 and ${most}: what was paid and not yet refunded`);
      return this.grant(manager, {
        orderId: order.id,
        amountMinor: amount,
        currency: order.currency,
        includeShipping: input.includeShipping,
        lines: picked.map((p) => ({ orderLineId: p.line.id, quantity: p.quantity })),
        restock: input.restock,
        reason,
        requestedBy: viewer.userId,
      });
    });
    return this.send(refund, order);
  }

  /**
   * Records a PENDING refund in the caller's transaction, which holds the order's lock and has
   * checked the amount. The caller sends it (`send`) after its transaction committed.
   */
  grant(manager: EntityManager, refund: NewRefund): Promise<RefundRow> {
    return this.refunds.insert(manager, refund);
  }

  /** What may still be granted on a locked order: paid, less refunded, less pending. */
  async refundable(manager: EntityManager, order: OrderRow): Promise<{ left: number; units: Map<string, number> }> {
    const pending = await this.refunds.pendingOf(manager, order.id);
    return { left: order.paidMinor - order.refundedMinor - pending.amountMinor, units: pending.units };
  }

  /**
   * Asks the provider to pay a granted refund back (idempotent by `refund:{refundId}`) and applies its
   * answer. A provider that cannot be reached leaves the refund PENDING to send again; one that
   * refuses it for good makes it FAILED.
   */
  async send(refund: RefundRow, order: OrderRow): Promise<RefundRow> {
    if (!order.paymentReference) throw new Error(`order ${order.id} has no payment to refund`);
    let answer: ProviderRefund;
    try {
      answer = await this.provider.refund({
        refundId: refund.id,
        orderId: order.id,
        paymentReference: order.paymentReference,
        amountMinor: refund.amountMinor,
        currency: refund.currency,
        reason: refund.reason,
      });
    } catch (error) {
      if (error instanceof PaymentProviderError && !error.retryable) {
        answer = { ...this.asAnswer(refund, order.paymentReference), status: "FAILED", failureReason: error.message };
      } else {
        this.log.error({ err: error, orderId: order.id, refundId: refund.id }, "refund not sent; left PENDING");
        return refund;
      }
    }
    return (await this.applyProviderAnswer(answer)) ?? refund;
  }

  private asAnswer(refund: RefundRow, paymentReference: string): ProviderRefund {
    return {
      reference: refund.providerReference ?? "",
      status: "PENDING",
      amountMinor: refund.amountMinor,
      currency: refund.currency,
      paymentReference,
      refundId: refund.id,
      failureReason: null,
    };
  }

  /**
   * A refund event from the provider's webhook: the refund it names (or, for `charge.refunded`, every
   * PENDING refund of that payment) is re-read from the provider and its answer applied once. The
   * event's own body is not trusted: events say only that something changed.
   */
  async settleFromProvider(refundReference: string | null, paymentReference: string | null): Promise<void> {
    const open: (RefundRow & { paymentReference: string })[] = await this.db.query(
      `SELECT r.id, r.provider_reference AS "providerReference", r.amount_minor::int AS "amountMinor", r.currency,
              o.payment_reference AS "paymentReference"
         FROM orders.refunds r JOIN orders.orders o ON o.id = r.order_id
        WHERE r.status = 'PENDING' AND r.provider_reference IS NOT NULL
          AND (r.provider_reference = $1 OR ($1::text IS NULL AND o.payment_reference = $2))`,
      [refundReference, paymentReference],
    );
    for (const refund of open)
      await this.applyProviderAnswer(
        await this.provider.retrieveRefund({
          reference: refund.providerReference!,
          refundId: refund.id,
          paymentReference: refund.paymentReference,
          amountMinor: refund.amountMinor,
          currency: refund.currency,
        }),
      );
  }

  /**
   * Settles a PENDING refund from the provider's answer, found by our refund id or the provider's
   * reference; the Stripe webhook calls this too. Once only: a refund that is no longer PENDING is
   * left as it is, so repeated or reordered deliveries change nothing. On success: the order's
   * refunded amount and the lines' refunded units go up, `order.refunded` is written, and with
   * `restock` the units go back on hand in catalog. Returns the refund as it is afterwards.
   */
  async applyProviderAnswer(answer: ProviderRefund): Promise<RefundRow | null> {
    const orderId = await this.refunds.orderOf(answer.refundId, answer.reference);
    if (!orderId) return null;
    const outcome = await this.db.transaction(async (manager) => {
      const order = (await this.orders.lock(manager, orderId))!;
      const refund = await this.refunds.lockFor(manager, answer.refundId, answer.reference);
      if (!refund || refund.status !== "PENDING") return { refund, settled: false };
      if (answer.status === "PENDING") {
        if (answer.reference) await this.refunds.setReference(manager, refund.id, answer.reference);
        return { refund, settled: false };
      }
      await this.refunds.settle(manager, refund, answer.status, answer.reference || null, answer.failureReason);
      if (answer.status === "SUCCEEDED")
        await writeEvent(
          manager,
          ORDERS_SCHEMA,
          ORDER_REFUNDED.create(order.id, {
            orderId: order.id,
            orderNumber: order.number,
            buyerId: order.buyerId,
            refundId: refund.id,
            amountMinor: refund.amountMinor,
            currency: refund.currency,
            reason: refund.reason,
          }),
        );
      if (answer.status === "SUCCEEDED") await this.payouts?.refundSucceeded(manager, refund);
      return { refund, settled: true };
    });
    if (!outcome.refund) return null;
    if (outcome.settled) {
      this.payouts?.wake();
      if (answer.status === "SUCCEEDED" && outcome.refund.restock) await this.restock(outcome.refund);
      this.realtime.orderUpdated(orderId);
    }
    return this.refunds.byId(outcome.refund.id);
  }

  /**
   * Puts refunded units back on hand at the locations they were allocated from. Only for vendor
   * orders that shipped: before that the units are still allocated in catalog, and cancelling the
   * vendor order (cancelStockAllocation) is what frees them.
   */
  private async restock(refund: RefundRow): Promise<void> {
    const lines = await this.orders.linesOf([refund.orderId]);
    const vendorOrders = await this.orders.vendorOrdersOf([refund.orderId]);
    const allocations = await this.refunds.allocationsOf(vendorOrders.map((v) => v.id));
    const back: HeldStockLine[] = [];
    for (const r of refund.lines) {
      const line = lines.find((l) => l.id === r.orderLineId);
      const vendorOrder = vendorOrders.find((v) => v.id === line?.vendorOrderId);
      if (!line || !vendorOrder || !SHIPPED.has(vendorOrder.status)) continue;
      let units = r.quantity;
      for (const held of allocations.get(vendorOrder.id) ?? []) {
        if (held.variantId !== line.variantId || units === 0) continue;
        const quantity = Math.min(units, held.quantity);
        back.push({ variantId: held.variantId, locationId: held.locationId, quantity });
        units -= quantity;
      }
      if (units > 0) this.log.warn({ refundId: refund.id, orderLineId: line.id }, "restock: allocation not known");
    }
    if (back.length === 0) return;
    await this.catalog
      .restock(`refund:${refund.id}:restock`, back, `Refund ${refund.id}`)
      .catch((error: unknown) =>
        this.log.error({ err: error, refundId: refund.id }, "restock failed; retry with the same key"),
      );
  }
}
