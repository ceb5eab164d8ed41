import {
  isUuid,
  isVendorMember,
  isPlatformAdmin,
  NotFoundError,
  paginate,
  keyset,
  requireViewer,
  type BaseContext,
} from "@pawgraph/subgraph-kit";
import type { Order, OrderConnection, VendorOrder, VendorOrderConnection } from "./order.types";
import { seesOrder, seesVendorOrder } from "./order-access";
import { toOrder, toVendorOrder, type OrderParts } from "./order.mapper";
import type { OrderRepository } from "./order.repository";
import type { OrderRow, VendorOrderRow } from "./order.rows";
import type { VendorOrderStatus } from "./order-state";

const ORDER_PAGE = keyset("date", "uuid").of((o: OrderRow) => [o.placedAt, o.id]);
const VENDOR_ORDER_PAGE = keyset("date", "uuid").of((o: VendorOrderRow) => [o.placedAt, o.id]);

/** Reading orders as the viewer may see them; every list is read in a fixed number of statements. */
export class OrderService {
  constructor(private readonly orders: OrderRepository) {}

  /** The parts of these orders: vendor orders, lines, shipments, refunds (four statements). */
  async parts(orderIds: readonly string[]): Promise<OrderParts> {
    const [vendorOrders, lines, refunds] = await Promise.all([
      this.orders.vendorOrdersOf(orderIds),
      this.orders.linesOf(orderIds),
      this.orders.refundsOf(orderIds),
    ]);
    const shipments = await this.orders.shipmentsOf(vendorOrders.map((v) => v.id));
    return { vendorOrders, lines, shipments, refunds };
  }

  async view(ctx: BaseContext, row: OrderRow): Promise<Order> {
    return toOrder(row, await this.parts([row.id]), ctx.viewer);
  }

  /** An order the viewer may see (the buyer, platform admins), else NOT_FOUND on `field`. */
  async visible(ctx: BaseContext, id: string, field = "id"): Promise<OrderRow> {
    requireViewer(ctx.viewer);
    const row = isUuid(id) ? await this.orders.byId(id) : null;
    if (!row || !seesOrder(ctx.viewer, row)) throw new NotFoundError("Order", field);
    return row;
  }

  byPaymentReference(reference: string): Promise<OrderRow | null> {
    return this.orders.byPaymentReference(reference);
  }

  async order(ctx: BaseContext, id: string): Promise<Order> {
    return this.view(ctx, await this.visible(ctx, id));
  }

  async myOrders(ctx: BaseContext, args: { first?: number | null; after?: string | null }): Promise<OrderConnection> {
    const viewer = requireViewer(ctx.viewer);
    const connection = await paginate(args, {
      keyset: ORDER_PAGE,
      fetch: ({ limit, after }) => this.orders.pageOfBuyer(viewer.userId, limit, after ?? null),
    });
    const parts = await this.parts(connection.edges.map((e) => e.node.id));
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: toOrder(e.node, parts, ctx.viewer) })),
    };
  }

  /** A vendor order its vendor's people, the buyer or platform admins may see; else NOT_FOUND. */
  async visibleVendorOrder(
    ctx: BaseContext,
    id: string,
    field = "id",
  ): Promise<{ order: OrderRow; vendorOrder: VendorOrderRow }> {
    requireViewer(ctx.viewer);
    const vendorOrder = isUuid(id) ? await this.orders.vendorOrder(id) : null;
    const order = vendorOrder ? await this.orders.byId(vendorOrder.orderId) : null;
    if (!vendorOrder || !order || !seesVendorOrder(ctx.viewer, order, vendorOrder))
      throw new NotFoundError("Vendor order", field);
    return { order, vendorOrder };
  }

  async vendorOrder(ctx: BaseContext, id: string): Promise<VendorOrder> {
    const { order, vendorOrder } = await this.visibleVendorOrder(ctx, id);
    return toVendorOrder(order, vendorOrder, await this.parts([order.id]), ctx.viewer);
  }

  /** A vendor's orders, newest first: its people and platform admins only. */
  async vendorOrders(
    ctx: BaseContext,
    vendorId: string,
    status: VendorOrderStatus | null,
    args: { first?: number | null; after?: string | null },
  ): Promise<VendorOrderConnection> {
    const viewer = requireViewer(ctx.viewer);
    if (!isUuid(vendorId) || !(isVendorMember(viewer, vendorId) || isPlatformAdmin(viewer)))
      throw new NotFoundError("Vendor", "vendorId");
    const connection = await paginate(args, {
      keyset: VENDOR_ORDER_PAGE,
      fetch: ({ limit, after }) => this.orders.pageOfVendor(vendorId, status, limit, after ?? null),
    });
    const orderIds = [...new Set(connection.edges.map((e) => e.node.orderId))];
    const [orders, parts] = await Promise.all([this.orders.byIds(orderIds), this.parts(orderIds)]);
    const byId = new Map(orders.map((o) => [o.id, o]));
    return {
      ...connection,
      edges: connection.edges.map((e) => ({
        cursor: e.cursor,
        node: toVendorOrder(byId.get(e.node.orderId)!, e.node, parts, ctx.viewer),
      })),
    };
  }
}
