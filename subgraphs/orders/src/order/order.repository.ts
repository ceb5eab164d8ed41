import type { DataSource, EntityManager } from "typeorm";
import type { OrderStatus, VendorOrderStatus } from "./order-state";
import type {
  Actor,
  OrderHistoryRow,
  OrderLineRow,
  OrderRow,
  RefundRow,
  ShipmentRow,
  VendorOrderRow,
} from "./order.rows";

const ORDER = `id, number, buyer_id AS "buyerId", cart_id AS "cartId", stock_key AS "stockKey", status, currency,
  prices_include_tax AS "pricesIncludeTax", subtotal_minor::int AS "subtotalMinor", discount_minor::int AS "discountMinor",
  shipping_minor::int AS "shippingMinor", tax_minor::int AS "taxMinor", total_minor::int AS "totalMinor",
  paid_minor::int AS "paidMinor", refunded_minor::int AS "refundedMinor", shipping_address AS "shippingAddress",
  coupon_codes AS "couponCodes", payment_provider AS "paymentProvider", payment_reference AS "paymentReference",
  attention_reason AS "attentionReason", placed_at AS "placedAt", paid_at AS "paidAt", cancelled_at AS "cancelledAt",
  updated_at AS "updatedAt"`;
const VENDOR_ORDER = `id, order_id AS "orderId", vendor_id AS "vendorId", status, currency,
  subtotal_minor::int AS "subtotalMinor", discount_minor::int AS "discountMinor", shipping_minor::int AS "shippingMinor",
  tax_minor::int AS "taxMinor", total_minor::int AS "totalMinor", commission_minor::int AS "commissionMinor",
  shipping_method AS "shippingMethod", placed_at AS "placedAt", updated_at AS "updatedAt"`;
const LINE = `id, order_id AS "orderId", vendor_order_id AS "vendorOrderId", position, variant_id AS "variantId",
  product_id AS "productId", vendor_id AS "vendorId", sku, title, pet_id AS "petId", prescription_id AS "prescriptionId",
  quantity, currency, unit_price_minor::int AS "unitPriceMinor", subtotal_minor::int AS "subtotalMinor",
  discount_minor::int AS "discountMinor", tax_minor::int AS "taxMinor", tax_rate_bps AS "taxRateBps",
  total_minor::int AS "totalMinor", commission_minor::int AS "commissionMinor", commission_rule AS "commissionRule",
  quantity_shipped AS "quantityShipped", quantity_refunded AS "quantityRefunded"`;
const HISTORY = `id::text, order_id AS "orderId", vendor_order_id AS "vendorOrderId", from_status AS "fromStatus",
  to_status AS "toStatus", actor_id AS "actorId", actor_role AS "actorRole", reason, at`;
const SHIPMENT = `id, vendor_order_id AS "vendorOrderId", carrier, tracking_number AS "trackingNumber", lines,
  shipped_by AS "shippedBy", shipped_at AS "shippedAt", delivered_at AS "deliveredAt"`;
const REFUND = `id, order_id AS "orderId", amount_minor::int AS "amountMinor", currency, include_shipping AS "includeShipping",
  lines, restock, reason, status, provider_reference AS "providerReference", failure_reason AS "failureReason",
  requested_by AS "requestedBy", created_at AS "createdAt", updated_at AS "updatedAt"`;

type Db = DataSource | EntityManager;

export type NewOrder = Omit<
  OrderRow,
  | "id"
  | "number"
  | "status"
  | "paidMinor"
  | "refundedMinor"
  | "paymentReference"
  | "attentionReason"
  | "placedAt"
  | "paidAt"
  | "cancelledAt"
  | "updatedAt"
>;
export type NewVendorOrder = Omit<VendorOrderRow, "id" | "orderId" | "status" | "placedAt" | "updatedAt">;
export type NewOrderLine = Omit<
  OrderLineRow,
  "id" | "orderId" | "vendorOrderId" | "quantityShipped" | "quantityRefunded"
>;

/** Orders, their vendor orders, lines, history, shipments and refunds. */
export class OrderRepository {
  constructor(private readonly db: DataSource) {}

  /** Writes a placed order in one go (the caller's transaction); its vendor orders await payment. */
  async insert(
    manager: EntityManager,
    order: NewOrder,
    vendorOrders: { vendorOrder: NewVendorOrder; lines: NewOrderLine[] }[],
  ): Promise<OrderRow> {
    const [row] = (await manager.query(
      `INSERT INTO orders.orders (buyer_id, cart_id, stock_key, status, currency, prices_include_tax, subtotal_minor,
         discount_minor, shipping_minor, tax_minor, total_minor, shipping_address, coupon_codes, payment_provider)
       VALUES ($1, $2, $3, 'PAYMENT_PENDING', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${ORDER}`,
      [
        order.buyerId,
        order.cartId,
        order.stockKey,
        order.currency,
        order.pricesIncludeTax,
        order.subtotalMinor,
        order.discountMinor,
        order.shippingMinor,
        order.taxMinor,
        order.totalMinor,
        JSON.stringify(order.shippingAddress),
        order.couponCodes,
        order.paymentProvider,
      ],
    )) as OrderRow[];
    for (const { vendorOrder: v, lines } of vendorOrders) {
      const [{ id: vendorOrderId }] = (await manager.query(
        `INSERT INTO orders.vendor_orders (order_id, vendor_id, status, currency, subtotal_minor, discount_minor,
           shipping_minor, tax_minor, total_minor, commission_minor, shipping_method)
         VALUES ($1, $2, 'AWAITING_PAYMENT', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          row!.id,
          v.vendorId,
          v.currency,
          v.subtotalMinor,
          v.discountMinor,
          v.shippingMinor,
          v.taxMinor,
          v.totalMinor,
          v.commissionMinor,
          v.shippingMethod ? JSON.stringify(v.shippingMethod) : null,
        ],
      )) as [{ id: string }];
      await manager.query(
        `INSERT INTO orders.order_lines (order_id, vendor_order_id, position, variant_id, product_id, vendor_id, sku, title,
           pet_id, prescription_id, quantity, currency, unit_price_minor, subtotal_minor, discount_minor, tax_minor,
           tax_rate_bps, total_minor, commission_minor, commission_rule)
         SELECT $1, $2, l.position, l."variantId", l."productId", l."vendorId", l.sku, l.title, l."petId", l."prescriptionId",
                l.quantity, l.currency, l."unitPriceMinor", l."subtotalMinor", l."discountMinor", l."taxMinor",
                l."taxRateBps", l."totalMinor", l."commissionMinor", l."commissionRule"
           FROM jsonb_to_recordset($3::jsonb) AS l(position int, "variantId" uuid, "productId" uuid, "vendorId" uuid,
                sku text, title text, "petId" uuid, "prescriptionId" text, quantity int, currency text,
                "unitPriceMinor" bigint, "subtotalMinor" bigint, "discountMinor" bigint, "taxMinor" bigint,
                "taxRateBps" int, "totalMinor" bigint, "commissionMinor" bigint, "commissionRule" jsonb)`,
        [row!.id, vendorOrderId, JSON.stringify(lines)],
      );
    }
    return row!;
  }

  async byId(id: string, db: Db = this.db): Promise<OrderRow | null> {
    const rows: OrderRow[] = await db.query(`SELECT ${ORDER} FROM orders.orders WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async byIds(ids: readonly string[]): Promise<OrderRow[]> {
    return this.db.query(`SELECT ${ORDER} FROM orders.orders WHERE id = ANY($1::uuid[])`, [[...ids]]);
  }

  async byCart(cartId: string, db: Db = this.db): Promise<OrderRow | null> {
    const rows: OrderRow[] = await db.query(`SELECT ${ORDER} FROM orders.orders WHERE cart_id = $1`, [cartId]);
    return rows[0] ?? null;
  }

  async byPaymentReference(reference: string, db: Db = this.db): Promise<OrderRow | null> {
    const rows: OrderRow[] = await db.query(`SELECT ${ORDER} FROM orders.orders WHERE payment_reference = $1`, [
      reference,
    ]);
    return rows[0] ?? null;
  }

  /** Locks the order row for the rest of the transaction: every change to one order is serialised. */
  async lock(manager: EntityManager, id: string): Promise<OrderRow | null> {
    const rows: OrderRow[] = await manager.query(`SELECT ${ORDER} FROM orders.orders WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  /** One page of a buyer's orders, newest first, after the keyset cursor (placedAt, id). */
  async pageOfBuyer(buyerId: string, limit: number, after: [Date, string] | null): Promise<OrderRow[]> {
    return this.db.query(
      `SELECT ${ORDER} FROM orders.orders WHERE buyer_id = $1
          AND ($3::timestamptz IS NULL OR (placed_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY placed_at DESC, id DESC LIMIT $2`,
      [buyerId, limit, after?.[0] ?? null, after?.[1] ?? null],
    );
  }

  async setPaymentReference(manager: Db, orderId: string, reference: string): Promise<void> {
    await manager.query(
      `UPDATE orders.orders SET payment_reference = $2, updated_at = now() WHERE id = $1 AND payment_reference IS DISTINCT FROM $2`,
      [orderId, reference],
    );
  }

  /** Sets the order's status and records the change with who and why. */
  async setStatus(
    manager: EntityManager,
    order: Pick<OrderRow, "id" | "status">,
    to: OrderStatus,
    actor: Actor,
    reason: string | null,
    extra: { paidAt?: boolean; cancelledAt?: boolean; attentionReason?: string | null } = {},
  ): Promise<void> {
    await manager.query(
      `UPDATE orders.orders SET status = $2, updated_at = now(),
              paid_at = CASE WHEN $3 THEN now() ELSE paid_at END,
              cancelled_at = CASE WHEN $4 THEN now() ELSE cancelled_at END,
              attention_reason = CASE WHEN $5 THEN $6 ELSE attention_reason END
        WHERE id = $1`,
      [
        order.id,
        to,
        !!extra.paidAt,
        !!extra.cancelledAt,
        extra.attentionReason !== undefined,
        extra.attentionReason ?? null,
      ],
    );
    await this.record(manager, order.id, null, order.status, to, actor, reason);
  }

  async setVendorStatus(
    manager: EntityManager,
    vendorOrder: Pick<VendorOrderRow, "id" | "orderId" | "status">,
    to: VendorOrderStatus,
    actor: Actor,
    reason: string | null,
  ): Promise<void> {
    await manager.query(`UPDATE orders.vendor_orders SET status = $2, updated_at = now() WHERE id = $1`, [
      vendorOrder.id,
      to,
    ]);
    await this.record(manager, vendorOrder.orderId, vendorOrder.id, vendorOrder.status, to, actor, reason);
  }

  async record(
    manager: EntityManager,
    orderId: string,
    vendorOrderId: string | null,
    from: string | null,
    to: string,
    actor: Actor,
    reason: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO orders.order_history (order_id, vendor_order_id, from_status, to_status, actor_id, actor_role, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [orderId, vendorOrderId, from, to, actor.id, actor.role, reason],
    );
  }

  async addPaid(manager: EntityManager, orderId: string, amountMinor: number): Promise<void> {
    await manager.query(`UPDATE orders.orders SET paid_minor = paid_minor + $2, updated_at = now() WHERE id = $1`, [
      orderId,
      amountMinor,
    ]);
  }

  async vendorOrdersOf(orderIds: readonly string[], db: Db = this.db): Promise<VendorOrderRow[]> {
    return db.query(
      `SELECT ${VENDOR_ORDER} FROM orders.vendor_orders WHERE order_id = ANY($1::uuid[]) ORDER BY placed_at, id`,
      [[...orderIds]],
    );
  }

  async vendorOrder(id: string, db: Db = this.db): Promise<VendorOrderRow | null> {
    const rows: VendorOrderRow[] = await db.query(`SELECT ${VENDOR_ORDER} FROM orders.vendor_orders WHERE id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  async lockVendorOrder(manager: EntityManager, id: string): Promise<VendorOrderRow | null> {
    const rows: VendorOrderRow[] = await manager.query(
      `SELECT ${VENDOR_ORDER} FROM orders.vendor_orders WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** One page of a vendor's orders, newest first, optionally of one status. */
  async pageOfVendor(
    vendorId: string,
    status: VendorOrderStatus | null,
    limit: number,
    after: [Date, string] | null,
  ): Promise<VendorOrderRow[]> {
    return this.db.query(
      `SELECT ${VENDOR_ORDER} FROM orders.vendor_orders WHERE vendor_id = $1 AND ($5::text IS NULL OR status = $5)
          AND ($3::timestamptz IS NULL OR (placed_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY placed_at DESC, id DESC LIMIT $2`,
      [vendorId, limit, after?.[0] ?? null, after?.[1] ?? null, status],
    );
  }

  async linesOf(orderIds: readonly string[], db: Db = this.db): Promise<OrderLineRow[]> {
    return db.query(
      `SELECT ${LINE} FROM orders.order_lines WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, position`,
      [[...orderIds]],
    );
  }

  async historyOf(orderIds: readonly string[]): Promise<OrderHistoryRow[]> {
    return this.db.query(
      `SELECT ${HISTORY} FROM orders.order_history WHERE order_id = ANY($1::uuid[]) ORDER BY order_history.id`,
      [[...orderIds]],
    );
  }

  async shipmentsOf(vendorOrderIds: readonly string[], db: Db = this.db): Promise<ShipmentRow[]> {
    return db.query(
      `SELECT ${SHIPMENT} FROM orders.shipments WHERE vendor_order_id = ANY($1::uuid[]) ORDER BY shipped_at, id`,
      [[...vendorOrderIds]],
    );
  }

  async refundsOf(orderIds: readonly string[], db: Db = this.db): Promise<RefundRow[]> {
    return db.query(`SELECT ${REFUND} FROM orders.refunds WHERE order_id = ANY($1::uuid[]) ORDER BY created_at, id`, [
      [...orderIds],
    ]);
  }
}

export const ORDER_COLUMNS = { ORDER, VENDOR_ORDER, LINE, SHIPMENT, REFUND };
