import {
  BadUserInputError,
  DomainError,
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
import type { CatalogClient } from "../catalog/catalog.client";
import { stockCartId, stockKeyOf } from "../checkout/stock-ref";
import { ORDER_CANCELLED, ORDERS_SCHEMA } from "../events";
import { nextStatus, nextVendorStatus } from "../order/order-state";
import { seesOrder } from "../order/order-access";
import type { OrderRepository } from "../order/order.repository";
import type { Actor, OrderRow, RefundRow, VendorOrderRow } from "../order/order.rows";
import type { PaymentProvider } from "../payment/payment-provider";
import type { OrdersRealtime } from "../realtime/realtime";
import { lineShare } from "../refund/refund-amount";
import type { RefundService } from "../refund/refund.service";
import { progressOrder } from "./order-progress";

/** What a committed cancellation still has to do outside the database. */
interface Cancelled {
  order: OrderRow;
  vendorOrders: VendorOrderRow[];
  refund: RefundRow | null;
}

const UNSHIPPED = new Set(["AWAITING_PAYMENT", "TO_FULFIL"]);

function checkReason(reason: string | null | undefined, required: boolean): string | null {
  const text = reason?.trim() ?? "";
  if (text.length === 0 && required) throw new BadUserInputError("input.reason", "Say why (1 to 500 characters)");
  if (text.length > 500) throw new BadUserInputError("input.reason", "At most 500 characters");
  return text || null;
}

/**
 * Cancelling before shipment: the buyer within `windowMinutes` of placing the order, platform admins
 * any time (with a reason), a vendor's people their own part (with a reason). In one transaction
 * under the order's lock: vendor orders CANCELLED, the order's status through the state machine,
 * the refund of what was paid for the cancelled part granted as PENDING, `order.cancelled` written.
 * After the commit: stock given back in catalog (reservation released, or allocation cancelled;
 * idempotent keys), Stripe's pending PaymentIntent cancelled, the refund sent.
 */
export class CancellationService {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    private readonly refunds: RefundService,
    private readonly catalog: CatalogClient,
    private readonly provider: PaymentProvider,
    private readonly realtime: OrdersRealtime,
    private readonly log: Logger,
    private readonly windowMinutes: number,
  ) {}

  async cancelOrder(ctx: BaseContext, input: { orderId: string; reason?: string | null }): Promise<OrderRow> {
    const viewer = requireViewer(ctx.viewer);
    const order = isUuid(input.orderId) ? await this.orders.byId(input.orderId) : null;
    if (!order || !seesOrder(viewer, order)) throw new NotFoundError("Order", "input.orderId");
    const asBuyer = viewer.userId === order.buyerId;
    const actor: Actor = { id: viewer.userId, role: asBuyer ? "BUYER" : "PLATFORM_ADMIN" };
    const reason = checkReason(input.reason, !asBuyer);
    if (asBuyer && !isPlatformAdmin(viewer) && Date.now() - order.placedAt.getTime() > this.windowMinutes * 60_000)
      throw new DomainError(
        "INVALID_STATE",
        `Orders can be cancelled within ${this.windowMinutes} minutes of placing them; ask the vendor`,
      );
    const done = await this.db.transaction(async (manager) => {
      const locked = (await this.orders.lock(manager, order.id))!;
      const all = await this.orders.vendorOrdersOf([order.id], manager);
      if (all.some((v) => !UNSHIPPED.has(v.status) && v.status !== "CANCELLED"))
        throw new DomainError("INVALID_STATE", "Part of this order has shipped; it can no longer be cancelled");
      nextStatus(locked.status, "CANCELLED");
      const live = all.filter((v) => v.status !== "CANCELLED");
      return this.cancel(manager, locked, all, live, actor, reason, null);
    });
    await this.afterCommit(done);
    return (await this.orders.byId(order.id))!;
  }

  async cancelVendorOrder(ctx: BaseContext, input: { vendorOrderId: string; reason: string }): Promise<VendorOrderRow> {
    const viewer = requireViewer(ctx.viewer);
    const vendorOrder = isUuid(input.vendorOrderId) ? await this.orders.vendorOrder(input.vendorOrderId) : null;
    if (!vendorOrder || !isVendorMember(viewer, vendorOrder.vendorId))
      throw new NotFoundError("Vendor order", "input.vendorOrderId");
    const reason = checkReason(input.reason, true);
    const actor: Actor = { id: viewer.userId, role: "VENDOR" };
    const done = await this.db.transaction(async (manager) => {
      const locked = (await this.orders.lock(manager, vendorOrder.orderId))!;
      const all = await this.orders.vendorOrdersOf([locked.id], manager);
      const current = all.find((v) => v.id === vendorOrder.id)!;
      // While the payment is pending the buyer pays one amount for all parts: cancel the whole order instead.
      if (current.status === "AWAITING_PAYMENT")
        throw new DomainError("INVALID_STATE", "The order is not paid yet; the buyer or a platform admin cancels it");
      return this.cancel(manager, locked, all, [current], actor, reason, current);
    });
    await this.afterCommit(done);
    return (await this.orders.vendorOrder(vendorOrder.id))!;
  }

  /** `cancelled` are the vendor orders to cancel; `part` is set when only one vendor's part goes. */
  private async cancel(
    manager: EntityManager,
    order: OrderRow,
    all: VendorOrderRow[],
    cancelled: VendorOrderRow[],
    actor: Actor,
    reason: string | null,
    part: VendorOrderRow | null,
  ): Promise<Cancelled> {
    for (const v of cancelled)
      await this.orders.setVendorStatus(manager, v, nextVendorStatus(v.status, "CANCELLED"), actor, reason);
    const ids = new Set(cancelled.map((v) => v.id));
    await progressOrder(
      manager,
      this.orders,
      order,
      all.map((v) => (ids.has(v.id) ? "CANCELLED" : v.status)),
      actor,
      reason,
    );
    const { left, units } = await this.refunds.refundable(manager, order);
    const lines = (await this.orders.linesOf([order.id], manager))
      .filter((l) => ids.has(l.vendorOrderId))
      .map((l) => ({ line: l, quantity: l.quantity - l.quantityRefunded - (units.get(l.id) ?? 0) }))
      .filter((l) => l.quantity > 0);
    // A vendor's part: its total less what was refunded of it already; the whole order: all that is left.
    const owed = part
      ? part.totalMinor -
        (await this.orders.linesOf([order.id], manager))
          .filter((l) => l.vendorOrderId === part.id)
          .reduce((sum, l) => sum + lineShare(l, l.quantityRefunded + (units.get(l.id) ?? 0)), 0)
      : left;
    const amount = Math.min(owed, left);
    const refund =
      amount > 0
        ? await this.refunds.grant(manager, {
            orderId: order.id,
            amountMinor: amount,
            currency: order.currency,
            includeShipping: true,
            lines: lines.map((l) => ({ orderLineId: l.line.id, quantity: l.quantity })),
            restock: false,
            reason: reason ?? "Cancelled by the buyer",
            requestedBy: actor.id,
          })
        : null;
    await writeEvent(
      manager,
      ORDERS_SCHEMA,
      ORDER_CANCELLED.create(order.id, {
        orderId: order.id,
        orderNumber: order.number,
        buyerId: order.buyerId,
        cancelledBy: actor.id,
        actorRole: actor.role,
        reason,
        refundMinor: refund?.amountMinor ?? 0,
        currency: order.currency,
      }),
    );
    return { order, vendorOrders: cancelled, refund };
  }

  private async afterCommit({ order, vendorOrders, refund }: Cancelled): Promise<void> {
    for (const v of vendorOrders) {
      const cartId = stockCartId(order.cartId, v.vendorId);
      const key = stockKeyOf(order.cartId, v.vendorId, order.stockKey);
      const giveBack =
        v.status === "AWAITING_PAYMENT"
          ? this.catalog.release(cartId, `${key}:release`)
          : this.catalog.cancelAllocation(cartId, `${key}:cancel`);
      await giveBack.catch((error: unknown) =>
        this.log.error({ err: error, vendorOrderId: v.id }, "stock not given back; retry with the same key"),
      );
    }
    if (order.status === "PAYMENT_PENDING" && order.paymentProvider === "STRIPE" && order.paymentReference)
      await this.provider
        .cancelPayment({
          reference: order.paymentReference,
          orderId: order.id,
          amountMinor: order.totalMinor,
          currency: order.currency,
        })
        .catch((error: unknown) => this.log.error({ err: error, orderId: order.id }, "payment not cancelled"));
    if (refund) await this.refunds.send(refund, order);
    this.realtime.orderUpdated(order.id);
  }
}
