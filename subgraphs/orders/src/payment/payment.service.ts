import { writeEvent, type Logger } from "@pawgraph/subgraph-kit";
import type { DataSource, EntityManager } from "typeorm";
import type { CatalogClient } from "../catalog/catalog.client";
import { stockCartId, stockKeyOf } from "../checkout/stock-ref";
import { ORDER_NEEDS_ATTENTION, ORDER_PAID, ORDERS_SCHEMA, PAYMENT_FAILED } from "../events";
import { nextStatus, nextVendorStatus } from "../order/order-state";
import type { OrderRepository } from "../order/order.repository";
import { SYSTEM, type Actor, type OrderRow, type VendorOrderRow } from "../order/order.rows";
import type { RefundService } from "../refund/refund.service";
import type { OrdersRealtime } from "../realtime/realtime";
import type { PaymentProvider, ProviderName, ProviderPayment } from "./payment-provider";

export type PaymentProviderName = ProviderName;

/** What a client needs to pay: Stripe's client secret and publishable key, or nothing for offline. */
export interface PaymentSession {
  provider: ProviderName;
  status: ProviderPayment["status"];
  clientSecret: string | null;
  publishableKey: string | null;
  amountMinor: number;
  currency: string;
}

/** Why a stock allocation failed when the payment arrived: the order's needs-attention reason. */
type Allocation = { ok: true } | { ok: false; reason: string };

/**
 * Payments of orders. `finalize` is the one idempotent way a payment is recorded: the webhook and the
 * buyer's "I paid" call both end there. It re-reads the payment from the provider (never trusting
 * the caller), allocates the order's stock in catalog (idempotent by key), then, holding the order's
 * row lock, inserts the payment under its unique provider reference: only the insert that wins moves
 * the order to PAID and writes `order.paid`, so any number or order of deliveries records one
 * payment, one allocation and one event (docs/decisions/0036).
 */
export class PaymentService {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    readonly provider: PaymentProvider,
    private readonly catalog: CatalogClient,
    private readonly refunds: RefundService,
    private readonly realtime: OrdersRealtime,
    private readonly log: Logger,
  ) {}

  private record(order: OrderRow, reference: string) {
    return { reference, orderId: order.id, amountMinor: order.totalMinor, currency: order.currency };
  }

  /**
   * Creates the order's payment with the provider (idempotent: `pi:{orderId}:{amount}:{currency}`), keeps
   * its reference, and extends the stock reservations once for the time the buyer needs to pay. An
   * offline payment is accepted at once and finalised here. `saveFor` (a care plan's first order)
   * keeps the payment method for the plan's off-session charges.
   */
  async start(order: OrderRow, saveFor?: { customerId: string }): Promise<PaymentSession> {
    const payment = await this.provider.createPayment({
      orderId: order.id,
      orderNumber: order.number,
      amountMinor: order.totalMinor,
      currency: order.currency,
      buyerId: order.buyerId,
      ...(saveFor ? { saveFor } : {}),
    });
    await this.orders.setPaymentReference(this.db, order.id, payment.reference);
    await this.extendReservations(order);
    if (payment.status === "SUCCEEDED") await this.finalize(payment.reference);
    return this.session(payment);
  }

  /** The session of a pending payment (the client lost its secret, or pays later). */
  async current(order: OrderRow): Promise<PaymentSession | null> {
    if (!order.paymentReference) return null;
    return this.session(await this.provider.retrievePayment(this.record(order, order.paymentReference)));
  }

  private session(payment: ProviderPayment): PaymentSession {
    return {
      provider: this.provider.name,
      status: payment.status,
      clientSecret: payment.status === "SUCCEEDED" ? null : payment.clientSecret,
      publishableKey: this.provider.publishableKey,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
    };
  }

  private async extendReservations(order: OrderRow): Promise<void> {
    const vendorOrders = await this.orders.vendorOrdersOf([order.id]);
    await Promise.all(
      vendorOrders.map((v) =>
        this.catalog
          .extend(stockCartId(order.cartId, v.vendorId), `${stockKeyOf(order.cartId, v.vendorId, order.stockKey)}:pay`)
          .catch((error: unknown) => this.log.warn({ err: error, orderId: order.id }, "reservation not extended")),
      ),
    );
  }

  /**
   * Records the payment `reference` names, once. Returns the order as it is afterwards (null when no
   * order has this payment). Safe to call any number of times, concurrently, in any order.
   */
  async finalize(reference: string): Promise<OrderRow | null> {
    const order = await this.orders.byPaymentReference(reference);
    if (!order) return null;
    const payment = await this.provider.retrievePayment(this.record(order, reference));
    if (payment.status !== "SUCCEEDED" || (payment.orderId !== null && payment.orderId !== order.id)) return order;
    const already: unknown[] = await this.db.query(`SELECT 1 FROM orders.payments WHERE provider_reference = $1`, [
      reference,
    ]);
    if (already.length > 0) return order;
    const allocation =
      order.status === "PAYMENT_PENDING"
        ? await this.allocate(order)
        : { ok: false as const, reason: `The payment arrived for an order that is ${order.status}.` };
    let refundAll = false;
    await this.db.transaction(async (manager) => {
      const locked = (await this.orders.lock(manager, order.id))!;
      const inserted: unknown[] = await manager.query(
        `INSERT INTO orders.payments (order_id, provider, provider_reference, amount_minor, currency)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (provider_reference) DO NOTHING RETURNING id`,
        [order.id, this.provider.name, reference, payment.amountReceivedMinor || payment.amountMinor, payment.currency],
      );
      if (inserted.length === 0) return; // another delivery recorded it first
      const received = payment.amountReceivedMinor || payment.amountMinor;
      await this.orders.addPaid(manager, order.id, received);
      const vendorOrders = await this.orders.vendorOrdersOf([order.id], manager);
      if (allocation.ok && locked.status === "PAYMENT_PENDING" && received >= locked.totalMinor) {
        await this.markPaid(manager, locked, vendorOrders, received);
      } else {
        const reason = allocation.ok
          ? `Received ${received} of ${locked.totalMinor} minor units.`
          : `${allocation.reason} Refunded in full.`;
        refundAll = !allocation.ok;
        await this.needsAttention(manager, locked, reason);
      }
    });
    if (refundAll) await this.refundUnfulfillable(order, reference);
    this.realtime.orderUpdated(order.id);
    return this.orders.byId(order.id);
  }

  /** Allocates each vendor order's stock; the first refusal is the reason the order needs attention. */
  private async allocate(order: OrderRow): Promise<Allocation> {
    const lines = await this.orders.linesOf([order.id]);
    const vendorIds = [...new Set(lines.map((l) => l.vendorId))];
    for (const vendorId of vendorIds) {
      const answer = await this.catalog.allocate(
        stockCartId(order.cartId, vendorId),
        stockKeyOf(order.cartId, vendorId, order.stockKey),
        lines
          .filter((l) => l.vendorId === vendorId)
          .map((l) => ({ lineId: l.id, variantId: l.variantId, quantity: l.quantity })),
      );
      if (answer.__typename === "StockAllocated")
        // Refunds that restock need the locations; only this answer knows them.
        await this.db.query(
          `UPDATE orders.vendor_orders SET allocated_stock = $3 WHERE order_id = $1 AND vendor_id = $2`,
          [order.id, vendorId, JSON.stringify(answer.lines)],
        );
      if (answer.__typename === "ReservationExpiredError")
        return {
          ok: false,
          reason: `Stock ran out before the payment arrived (${answer.available} of ${answer.requested} units of a variant left).`,
        };
    }
    return { ok: true };
  }

  private async markPaid(
    manager: EntityManager,
    order: OrderRow,
    vendorOrders: VendorOrderRow[],
    received: number,
  ): Promise<void> {
    await this.orders.setStatus(manager, order, nextStatus(order.status, "PAID"), SYSTEM, "Payment received", {
      paidAt: true,
    });
    for (const v of vendorOrders)
      await this.orders.setVendorStatus(
        manager,
        v,
        nextVendorStatus(v.status, "TO_FULFIL"),
        SYSTEM,
        "Payment received",
      );
    await writeEvent(
      manager,
      ORDERS_SCHEMA,
      ORDER_PAID.create(order.id, {
        orderId: order.id,
        orderNumber: order.number,
        buyerId: order.buyerId,
        currency: order.currency,
        amountMinor: received,
        provider: this.provider.name,
        vendorOrders: await this.paidVendorOrders(manager, vendorOrders),
      }),
    );
  }

  /** The vendor orders as `order.paid` reports them: amounts, commission and lines (reports' sales by product). */
  private async paidVendorOrders(manager: EntityManager, vendorOrders: VendorOrderRow[]) {
    const lines: {
      vendorOrderId: string;
      productId: string;
      variantId: string;
      title: string;
      quantity: number;
      totalMinor: number;
    }[] = await manager.query(
      `SELECT vendor_order_id AS "vendorOrderId", product_id AS "productId", variant_id AS "variantId", title,
              quantity, total_minor::int AS "totalMinor"
         FROM orders.order_lines WHERE vendor_order_id = ANY($1::uuid[]) ORDER BY position`,
      [vendorOrders.map((v) => v.id)],
    );
    return vendorOrders.map((v) => {
      const own = lines.filter((l) => l.vendorOrderId === v.id).map(({ vendorOrderId: _vendorOrder, ...line }) => line);
      return {
        vendorOrderId: v.id,
        vendorId: v.vendorId,
        totalMinor: v.totalMinor,
        lineCount: own.length,
        itemsMinor: v.totalMinor - v.shippingMinor,
        shippingMinor: v.shippingMinor,
        commissionMinor: v.commissionMinor,
        lines: own,
      };
    });
  }

  async needsAttention(manager: EntityManager, order: OrderRow, reason: string, actor: Actor = SYSTEM): Promise<void> {
    if (order.status !== "NEEDS_ATTENTION")
      await this.orders.setStatus(manager, order, nextStatus(order.status, "NEEDS_ATTENTION"), actor, reason, {
        attentionReason: reason,
      });
    await writeEvent(
      manager,
      ORDERS_SCHEMA,
      ORDER_NEEDS_ATTENTION.create(order.id, {
        orderId: order.id,
        orderNumber: order.number,
        buyerId: order.buyerId,
        reason,
      }),
    );
  }

  /**
   * The stated policy when a payment arrives and the stock is gone (or the order was cancelled
   * meanwhile): refund it in full, never allocate part of it silently. RefundService records the
   * refund before the provider is asked (key `refund:{refundId}`), so a crash in between is retried,
   * not repeated.
   */
  private async refundUnfulfillable(order: OrderRow, reference: string): Promise<void> {
    const refund = await this.db.transaction(async (manager) => {
      const locked = (await this.orders.lock(manager, order.id))!;
      const { left } = await this.refunds.refundable(manager, locked);
      if (left <= 0) return null;
      return this.refunds.grant(manager, {
        orderId: order.id,
        amountMinor: left,
        currency: order.currency,
        includeShipping: true,
        lines: [],
        restock: false,
        reason: "Stock was gone when the payment arrived",
        requestedBy: null,
      });
    });
    if (refund) await this.refunds.send(refund, { ...order, paymentReference: reference });
  }

  /** A declined or failed payment: the buyer is told once per provider event. */
  async failed(manager: EntityManager, reference: string, reason: string): Promise<void> {
    const order = await this.orders.byPaymentReference(reference, manager);
    if (!order || order.status !== "PAYMENT_PENDING") return;
    await writeEvent(
      manager,
      ORDERS_SCHEMA,
      PAYMENT_FAILED.create(order.id, {
        orderId: order.id,
        orderNumber: order.number,
        buyerId: order.buyerId,
        paymentReference: reference,
        reason,
      }),
    );
  }
}
