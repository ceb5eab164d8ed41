import type { AddressRow } from "../cart/cart.repository";
import type { OrderStatus, VendorOrderStatus } from "./order-state";

export interface OrderRow {
  id: string;
  number: string;
  buyerId: string;
  cartId: string;
  stockKey: string;
  status: OrderStatus;
  currency: string;
  pricesIncludeTax: boolean;
  subtotalMinor: number;
  discountMinor: number;
  shippingMinor: number;
  taxMinor: number;
  totalMinor: number;
  paidMinor: number;
  refundedMinor: number;
  shippingAddress: AddressRow;
  couponCodes: string[];
  paymentProvider: "STRIPE" | "OFFLINE";
  paymentReference: string | null;
  attentionReason: string | null;
  placedAt: Date;
  paidAt: Date | null;
  cancelledAt: Date | null;
  updatedAt: Date;
}

export interface FrozenShippingMethod {
  id: string;
  name: string;
  kind: string;
  clinicId: string | null;
}

export interface VendorOrderRow {
  id: string;
  orderId: string;
  vendorId: string;
  status: VendorOrderStatus;
  currency: string;
  subtotalMinor: number;
  discountMinor: number;
  shippingMinor: number;
  taxMinor: number;
  totalMinor: number;
  commissionMinor: number;
  shippingMethod: FrozenShippingMethod | null;
  placedAt: Date;
  updatedAt: Date;
}

export interface CommissionFrozen {
  ruleId: string | null;
  scope: string;
  description: string;
}

export interface OrderLineRow {
  id: string;
  orderId: string;
  vendorOrderId: string;
  position: number;
  variantId: string;
  productId: string;
  vendorId: string;
  sku: string;
  title: string;
  petId: string | null;
  prescriptionId: string | null;
  quantity: number;
  currency: string;
  unitPriceMinor: number;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  taxRateBps: number;
  totalMinor: number;
  commissionMinor: number;
  commissionRule: CommissionFrozen;
  quantityShipped: number;
  quantityRefunded: number;
}

export interface OrderHistoryRow {
  id: string;
  orderId: string;
  vendorOrderId: string | null;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorRole: string;
  reason: string | null;
  at: Date;
}

export interface ShipmentRow {
  id: string;
  vendorOrderId: string;
  carrier: string;
  trackingNumber: string;
  lines: { orderLineId: string; quantity: number }[];
  shippedBy: string;
  shippedAt: Date;
  deliveredAt: Date | null;
}

export interface RefundRow {
  id: string;
  orderId: string;
  amountMinor: number;
  currency: string;
  includeShipping: boolean;
  lines: { orderLineId: string; quantity: number }[];
  restock: boolean;
  reason: string;
  status: "PENDING" | "SUCCEEDED" | "FAILED";
  providerReference: string | null;
  failureReason: string | null;
  requestedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Who made a change, for the order's history. */
export interface Actor {
  id: string | null;
  role: "BUYER" | "VENDOR" | "PLATFORM_ADMIN" | "SYSTEM";
}

export const SYSTEM: Actor = { id: null, role: "SYSTEM" };
