import {
  BadUserInputError,
  DomainError,
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
import { ORDER_DELIVERED, ORDER_SHIPPED, ORDERS_SCHEMA } from "../events";
import { nextVendorStatus, type VendorOrderStatus } from "../order/order-state";
import type { OrderRepository } from "../order/order.repository";
import type { Actor, OrderRow, VendorOrderRow } from "../order/order.rows";
import type { PayoutHooks } from "../payout/payout-ledger";
import type { OrdersRealtime } from "../realtime/realtime";
import { progressOrder } from "./order-progress";

export interface MarkShippedRequest {
  vendorOrderId: string;
  carrier: string;
  trackingNumber: string;
  lines: { orderLineId: string; quantity: number }[];
}

const SHIPPABLE: readonly VendorOrderStatus[] = ["TO_FULFIL", "PARTIALLY_SHIPPED"];

/**
 * Vendor staff fulfil their vendor orders: parcels shipped with tracking, then delivered. Each change
 * runs in one transaction holding the order's and the vendor order's row locks, moves both through
 * the state machine, records history as VENDOR and writes its event; live subscribers hear of it
 * after the commit.
 */
export class FulfilmentService {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    private readonly catalog: CatalogClient,
    private readonly realtime: OrdersRealtime,
    private readonly log: Logger,
    /** Credits the vendor when its vendor order is fulfilled (docs/decisions/0039); none in tests of fulfilment alone. */
    private readonly payouts: PayoutHooks | null = null,
  ) {}

  /** The vendor order, if the viewer is one of its vendor's people; anyone else gets NOT_FOUND. */
  private async ofVendor(ctx: BaseContext, id: string): Promise<{ order: OrderRow; vendorOrder: VendorOrderRow }> {
    const viewer = requireViewer(ctx.viewer);
    const vendorOrder = isUuid(id) ? await this.orders.vendorOrder(id) : null;
    if (!vendorOrder || !isVendorMember(viewer, vendorOrder.vendorId))
      throw new NotFoundError("Vendor order", "input.vendorOrderId");
    return { order: (await this.orders.byId(vendorOrder.orderId))!, vendorOrder };
  }

  /**
   * Records a parcel. Stock is then settled in catalog (`shipStock`, idempotent by key): catalog sells
   * the vendor order's whole allocation at its first shipment, so later shipments of the same vendor
   * order replay that call, which also makes good a first call that failed.
   */
  async markShipped(ctx: BaseContext, input: MarkShippedRequest): Promise<VendorOrderRow> {
    const { order, vendorOrder } = await this.ofVendor(ctx, input.vendorOrderId);
    const actor: Actor = { id: ctx.viewer!.userId, role: "VENDOR" };
    const carrier = input.carrier.trim();
    const tracking = input.trackingNumber.trim();
    if (carrier.length < 1 || carrier.length > 60) throw new BadUserInputError("input.carrier", "1 to 60 characters");
    if (tracking.length < 1 || tracking.length > 80)
      throw new BadUserInputError("input.trackingNumber", "1 to 80 characters");
    if (input.lines.length === 0) throw new BadUserInputError("input.lines", "A shipment holds at least one line");
    await this.db.transaction(async (manager) => {
      const locked = (await this.orders.lock(manager, order.id))!;
      const current = (await this.orders.lockVendorOrder(manager, vendorOrder.id))!;
      if (!SHIPPABLE.includes(current.status))
        throw new DomainError("INVALID_STATE", `A vendor order that is ${current.status} cannot ship`, undefined, {
          from: current.status,
        });
      const lines = (await this.orders.linesOf([order.id], manager)).filter((l) => l.vendorOrderId === current.id);
      const seen = new Set<string>();
      const shipped = input.lines.map((r, i) => {
        const line = lines.find((l) => l.id === r.orderLineId);
        // Another vendor order's line is not the caller's to name: NOT_FOUND, as for no line.
        if (!line) throw new NotFoundError("Order line", `input.lines.${i}.orderLineId`);
        if (seen.has(line.id)) throw new BadUserInputError(`input.lines.${i}.orderLineId`, "This line is given twice");
        seen.add(line.id);
        const left = line.quantity - line.quantityShipped;
        if (!Number.isInteger(r.quantity) || r.quantity < 1 || r.quantity > left)
          throw new BadUserInputError(`input.lines.${i}.quantity`, `Between 1 and ${left}: the units not yet shipped`);
        return { line, quantity: r.quantity };
      });
      const [{ id: shipmentId }] = (await manager.query(
        `INSERT INTO orders.shipments (vendor_order_id, carrier, tracking_number, lines, shipped_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [
          current.id,
          carrier,
          tracking,
          JSON.stringify(shipped.map((s) => ({ orderLineId: s.line.id, quantity: s.quantity }))),
          actor.id,
        ],
      )) as [{ id: string }];
      await manager.query(
        `UPDATE orders.order_lines o SET quantity_shipped = o.quantity_shipped + l.quantity
           FROM jsonb_to_recordset($2::jsonb) AS l("orderLineId" uuid, quantity int)
          WHERE o.id = l."orderLineId" AND o.vendor_order_id = $1`,
        [current.id, JSON.stringify(shipped.map((s) => ({ orderLineId: s.line.id, quantity: s.quantity })))],
      );
      const complete = lines.every(
        (l) => l.quantity - l.quantityShipped === (shipped.find((s) => s.line.id === l.id)?.quantity ?? 0),
      );
      const to: VendorOrderStatus = complete ? "SHIPPED" : "PARTIALLY_SHIPPED";
      if (to !== current.status)
        await this.orders.setVendorStatus(manager, current, nextVendorStatus(current.status, to), actor, null);
      await this.progress(manager, locked, current.id, to, actor);
      if (to === "SHIPPED") await this.payouts?.vendorOrderFulfilled(manager, order.id, current.id);
      await writeEvent(
        manager,
        ORDERS_SCHEMA,
        ORDER_SHIPPED.create(order.id, {
          orderId: order.id,
          orderNumber: order.number,
          buyerId: order.buyerId,
          vendorOrderId: current.id,
          vendorId: current.vendorId,
          shipmentId,
          carrier,
          trackingNumber: tracking,
          lines: shipped.map(({ line, quantity }) => ({
            orderLineId: line.id,
            productId: line.productId,
            variantId: line.variantId,
            quantity,
            petId: line.petId,
            prescriptionId: line.prescriptionId,
          })),
        }),
      );
    });
    await this.catalog
      .ship(
        stockCartId(order.cartId, vendorOrder.vendorId),
        `${stockKeyOf(order.cartId, vendorOrder.vendorId, order.stockKey)}:ship`,
      )
      .catch((error: unknown) =>
        this.log.error({ err: error, vendorOrderId: vendorOrder.id }, "stock not settled; the next shipment retries"),
      );
    this.payouts?.wake();
    this.realtime.orderUpdated(order.id);
    return (await this.orders.vendorOrder(vendorOrder.id))!;
  }

  /**
   * Marks one shipment (or all) delivered. The vendor order is DELIVERED once it has shipped in full
   * and every shipment is delivered; `order.delivered` is written at that transition, so once.
   */
  async markDelivered(
    ctx: BaseContext,
    input: { vendorOrderId: string; shipmentId?: string | null },
  ): Promise<VendorOrderRow> {
    const { order, vendorOrder } = await this.ofVendor(ctx, input.vendorOrderId);
    const actor: Actor = { id: ctx.viewer!.userId, role: "VENDOR" };
    await this.db.transaction(async (manager) => {
      const locked = (await this.orders.lock(manager, order.id))!;
      const current = (await this.orders.lockVendorOrder(manager, vendorOrder.id))!;
      if (current.status !== "PARTIALLY_SHIPPED" && current.status !== "SHIPPED")
        throw new DomainError("INVALID_STATE", `A vendor order that is ${current.status} cannot be delivered`);
      const shipments = await this.orders.shipmentsOf([current.id], manager);
      if (input.shipmentId && !shipments.some((s) => s.id === input.shipmentId))
        throw new NotFoundError("Shipment", "input.shipmentId");
      await manager.query(
        `UPDATE orders.shipments SET delivered_at = now()
          WHERE vendor_order_id = $1 AND ($2::uuid IS NULL OR id = $2) AND delivered_at IS NULL`,
        [current.id, input.shipmentId ?? null],
      );
      const undelivered = input.shipmentId ? shipments.filter((s) => !s.deliveredAt && s.id !== input.shipmentId) : [];
      if (current.status !== "SHIPPED" || undelivered.length > 0) return;
      await this.orders.setVendorStatus(manager, current, nextVendorStatus(current.status, "DELIVERED"), actor, null);
      await this.progress(manager, locked, current.id, "DELIVERED", actor);
      // Credited when it shipped in full; asked again here, which changes nothing unless that was missed.
      await this.payouts?.vendorOrderFulfilled(manager, order.id, current.id);
      const lines = (await this.orders.linesOf([order.id], manager)).filter((l) => l.vendorOrderId === current.id);
      await writeEvent(
        manager,
        ORDERS_SCHEMA,
        ORDER_DELIVERED.create(order.id, {
          orderId: order.id,
          orderNumber: order.number,
          buyerId: order.buyerId,
          vendorOrderId: current.id,
          vendorId: current.vendorId,
          deliveredAt: new Date().toISOString(),
          productIds: [...new Set(lines.map((l) => l.productId))],
        }),
      );
    });
    this.payouts?.wake();
    this.realtime.orderUpdated(order.id);
    return (await this.orders.vendorOrder(vendorOrder.id))!;
  }

  /** The order's status after one of its vendor orders became `to`. */
  private async progress(
    manager: EntityManager,
    order: OrderRow,
    vendorOrderId: string,
    to: VendorOrderStatus,
    actor: Actor,
  ): Promise<void> {
    const all = await this.orders.vendorOrdersOf([order.id], manager);
    await progressOrder(
      manager,
      this.orders,
      order,
      all.map((v) => (v.id === vendorOrderId ? to : v.status)),
      actor,
      null,
    );
  }
}
