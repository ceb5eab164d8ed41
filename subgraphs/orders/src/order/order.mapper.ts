import type { Money, Viewer } from "@pawgraph/subgraph-kit";
import { toRefund } from "../refund/refund.mapper";
import { seesCommission } from "./order-access";
import { paymentStatusOf, refundStatusOf } from "./order-state";
import type { OrderLineRow, OrderRow, RefundRow, ShipmentRow, VendorOrderRow } from "./order.rows";
import {
  OrderStatusValue,
  PaymentProviderValue,
  PaymentStatusValue,
  RefundStatusValue,
  VendorOrderStatusValue,
  type Order,
  type OrderLine,
  type VendorOrder,
} from "./order.types";

/** Everything an order's view needs, read in a few statements for a whole page of orders. */
export interface OrderParts {
  vendorOrders: VendorOrderRow[];
  lines: OrderLineRow[];
  shipments: ShipmentRow[];
  refunds: RefundRow[];
}

const money = (amountMinor: number, currency: string): Money => ({ amountMinor, currency });

function toLine(row: OrderLineRow, viewer: Viewer | null): OrderLine {
  const m = (v: number) => money(v, row.currency);
  return {
    id: row.id,
    variant: { id: row.variantId },
    product: { id: row.productId },
    title: row.title,
    sku: row.sku,
    pet: row.petId ? { id: row.petId } : null,
    quantity: row.quantity,
    quantityShipped: row.quantityShipped,
    quantityRefunded: row.quantityRefunded,
    unitPrice: m(row.unitPriceMinor),
    subtotal: m(row.subtotalMinor),
    discount: m(row.discountMinor),
    tax: m(row.taxMinor),
    total: m(row.totalMinor),
    commission: seesCommission(viewer, row.vendorId)
      ? { amount: m(row.commissionMinor), rule: row.commissionRule.description }
      : null,
  };
}

export function toVendorOrder(
  order: OrderRow,
  row: VendorOrderRow,
  parts: OrderParts,
  viewer: Viewer | null,
): VendorOrder {
  const m = (v: number) => money(v, row.currency);
  return {
    id: row.id,
    orderId: order.id,
    orderNumber: order.number,
    vendor: { id: row.vendorId },
    status: row.status as VendorOrderStatusValue,
    lines: parts.lines.filter((l) => l.vendorOrderId === row.id).map((l) => toLine(l, viewer)),
    shippingMethodName: row.shippingMethod?.name ?? null,
    pickupClinic: row.shippingMethod?.clinicId ? { id: row.shippingMethod.clinicId } : null,
    shippingAddress: order.shippingAddress,
    shipments: parts.shipments
      .filter((s) => s.vendorOrderId === row.id)
      .map((s) => ({
        id: s.id,
        carrier: s.carrier,
        trackingNumber: s.trackingNumber,
        shippedAt: s.shippedAt,
        deliveredAt: s.deliveredAt,
        lines: s.lines,
      })),
    subtotal: m(row.subtotalMinor),
    discount: m(row.discountMinor),
    shipping: m(row.shippingMinor),
    tax: m(row.taxMinor),
    total: m(row.totalMinor),
    commission: seesCommission(viewer, row.vendorId) ? m(row.commissionMinor) : null,
    placedAt: row.placedAt,
  };
}

export function toOrder(row: OrderRow, parts: OrderParts, viewer: Viewer | null): Order {
  const m = (v: number) => money(v, row.currency);
  const refunds = parts.refunds.filter((r) => r.orderId === row.id);
  return {
    id: row.id,
    number: row.number,
    status: row.status as OrderStatusValue,
    paymentStatus: paymentStatusOf(row.paidMinor, row.totalMinor) as PaymentStatusValue,
    refundStatus: refundStatusOf(refunds, row.paidMinor) as RefundStatusValue,
    paymentProvider: row.paymentProvider as PaymentProviderValue,
    buyer: { id: row.buyerId },
    currency: row.currency,
    pricesIncludeTax: row.pricesIncludeTax,
    subtotal: m(row.subtotalMinor),
    discount: m(row.discountMinor),
    shipping: m(row.shippingMinor),
    tax: m(row.taxMinor),
    total: m(row.totalMinor),
    paid: m(row.paidMinor),
    refunded: m(row.refundedMinor),
    couponCodes: row.couponCodes,
    shippingAddress: row.shippingAddress,
    vendorOrders: parts.vendorOrders
      .filter((v) => v.orderId === row.id)
      .map((v) => toVendorOrder(row, v, parts, viewer)),
    refunds: refunds.map(toRefund),
    attentionReason: row.status === "NEEDS_ATTENTION" ? row.attentionReason : null,
    placedAt: row.placedAt,
    paidAt: row.paidAt,
    cancelledAt: row.cancelledAt,
  };
}
