import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType, Money } from "@pawgraph/subgraph-kit";
import { Refund } from "../refund/refund.types";
import { ShippingAddress } from "../shared/address.type";
import { Clinic, Pet, Product, ProductVariant, User, Vendor } from "../shared/references";

export enum OrderStatusValue {
  PAYMENT_PENDING = "PAYMENT_PENDING",
  PAID = "PAID",
  PARTIALLY_FULFILLED = "PARTIALLY_FULFILLED",
  FULFILLED = "FULFILLED",
  COMPLETED = "COMPLETED",
  CANCELLED = "CANCELLED",
  NEEDS_ATTENTION = "NEEDS_ATTENTION",
}
registerEnumType(OrderStatusValue, {
  name: "OrderStatus",
  description:
    "Where an order is: paid, fulfilled by its vendors, delivered; or cancelled, or waiting for a platform admin.",
  valuesConfig: {
    PAYMENT_PENDING: { description: "Placed; the payment has not arrived yet." },
    PAID: { description: "Paid and its stock allocated: the vendors fulfil it." },
    PARTIALLY_FULFILLED: { description: "Some of it has shipped." },
    FULFILLED: { description: "All of it has shipped." },
    COMPLETED: { description: "All of it was delivered." },
    CANCELLED: { description: "Cancelled before shipment; stock released and payments refunded." },
    NEEDS_ATTENTION: { description: "Cannot proceed as placed (see `attentionReason`); platform admins act." },
  },
});

export enum VendorOrderStatusValue {
  AWAITING_PAYMENT = "AWAITING_PAYMENT",
  TO_FULFIL = "TO_FULFIL",
  PARTIALLY_SHIPPED = "PARTIALLY_SHIPPED",
  SHIPPED = "SHIPPED",
  DELIVERED = "DELIVERED",
  CANCELLED = "CANCELLED",
}
registerEnumType(VendorOrderStatusValue, {
  name: "VendorOrderStatus",
  description: "Where a vendor's part of an order is.",
  valuesConfig: {
    AWAITING_PAYMENT: { description: "Placed; the order's payment has not arrived." },
    TO_FULFIL: { description: "Paid: the vendor packs and ships it." },
    PARTIALLY_SHIPPED: { description: "Some of its lines have shipped." },
    SHIPPED: { description: "All of it has shipped." },
    DELIVERED: { description: "Delivered to the buyer." },
    CANCELLED: { description: "Cancelled before it shipped." },
  },
});

export enum PaymentStatusValue {
  NONE = "NONE",
  PARTIAL = "PARTIAL",
  FULL = "FULL",
  OVERCHARGED = "OVERCHARGED",
}
registerEnumType(PaymentStatusValue, {
  name: "PaymentStatus",
  description: "What was received against the order's total (derived from its payments).",
  valuesConfig: {
    NONE: { description: "Nothing received yet." },
    PARTIAL: { description: "Less than the total received." },
    FULL: { description: "The total received." },
    OVERCHARGED: { description: "More than the total received (a platform admin refunds the difference)." },
  },
});

export enum RefundStatusValue {
  NONE = "NONE",
  PENDING = "PENDING",
  PARTIAL = "PARTIAL",
  FULL = "FULL",
}
registerEnumType(RefundStatusValue, {
  name: "OrderRefundStatus",
  description: "What was refunded against what was paid (derived from the order's refunds).",
  valuesConfig: {
    NONE: { description: "Nothing refunded." },
    PENDING: { description: "A refund is on its way (the provider has not confirmed it yet)." },
    PARTIAL: { description: "Part of what was paid was refunded." },
    FULL: { description: "Everything paid was refunded." },
  },
});

export enum PaymentProviderValue {
  STRIPE = "STRIPE",
  OFFLINE = "OFFLINE",
}
registerEnumType(PaymentProviderValue, {
  name: "PaymentProviderName",
  description: "Who takes the money.",
  valuesConfig: {
    STRIPE: { description: "Card and wallet payments through Stripe, confirmed by the client with `clientSecret`." },
    OFFLINE: {
      description: "Pay at the clinic or on delivery: Pawgraph accepts the order and the vendor collects the money.",
    },
  },
});

@ObjectType({ description: "The platform's commission on an order line, frozen when the order was placed." })
export class Commission {
  @Field(() => Money, { description: "The commission." })
  amount!: Money;

  @Field(() => String, { description: "Which rule gave it (product, category, vendor or the platform default)." })
  rule!: string;
}

@ObjectType({ description: "A line of an order, priced as it was placed." })
export class OrderLine {
  @Field(() => ID, { description: "Stable unique id of the line." })
  id!: string;

  @Field(() => ProductVariant, { nullable: true, description: "What was bought." })
  variant!: ProductVariant;

  @Field(() => Product, { nullable: true, description: "Its product." })
  product!: Product;

  @Field(() => String, { description: "The title as it was when ordered." })
  title!: string;

  @Field(() => String, { description: "The SKU as it was when ordered." })
  sku!: string;

  @Field(() => Pet, { nullable: true, description: "The pet a prescription-only line is for." })
  pet!: Pet | null;

  @Field(() => Int, { description: "Units ordered." })
  quantity!: number;

  @Field(() => Int, { description: "Units shipped so far." })
  quantityShipped!: number;

  @Field(() => Int, { description: "Units refunded so far." })
  quantityRefunded!: number;

  @Field(() => Money, { description: "Unit price." })
  unitPrice!: Money;

  @Field(() => Money, { description: "Unit price times quantity." })
  subtotal!: Money;

  @Field(() => Money, { description: "Discounts on the line." })
  discount!: Money;

  @Field(() => Money, { description: "Tax on the line." })
  tax!: Money;

  @Field(() => Money, { description: "What the line cost." })
  total!: Money;

  @Field(() => Commission, {
    nullable: true,
    description: "The platform's commission: vendors' people and platform admins only (null for others).",
  })
  commission!: Commission | null;
}

@ObjectType({ description: "A parcel a vendor sent." })
export class Shipment {
  @Field(() => ID, { description: "Stable unique id of the shipment." })
  id!: string;

  @Field(() => String, { description: "The carrier." })
  carrier!: string;

  @Field(() => String, { description: "The carrier's tracking number." })
  trackingNumber!: string;

  @Field(() => Date, { description: "When it was handed to the carrier." })
  shippedAt!: Date;

  @Field(() => Date, { nullable: true, description: "When it was delivered." })
  deliveredAt!: Date | null;

  @Field(() => [ShipmentLine], { description: "What it holds." })
  lines!: ShipmentLine[];
}

@ObjectType({ description: "Units of one order line in a shipment." })
export class ShipmentLine {
  @Field(() => ID, { description: "The order line." })
  orderLineId!: string;

  @Field(() => Int, { description: "Units." })
  quantity!: number;
}

@ObjectType({ description: "A vendor's part of an order: shipped and fulfilled by that vendor." })
export class VendorOrder {
  @Field(() => ID, { description: "Stable unique id of the vendor order." })
  id!: string;

  @Field(() => ID, { description: "The order it is part of." })
  orderId!: string;

  @Field(() => String, { description: "The order's number." })
  orderNumber!: string;

  @Field(() => Vendor, { nullable: true, description: "The vendor." })
  vendor!: Vendor;

  @Field(() => VendorOrderStatusValue, { description: "Where it is." })
  status!: VendorOrderStatusValue;

  @Field(() => [OrderLine], { description: "Its lines." })
  lines!: OrderLine[];

  @Field(() => String, { nullable: true, description: "The shipping method chosen." })
  shippingMethodName!: string | null;

  @Field(() => Clinic, { nullable: true, description: "Where a local-pickup order is collected." })
  pickupClinic!: Clinic | null;

  @Field(() => ShippingAddress, { description: "Where it ships to." })
  shippingAddress!: ShippingAddress;

  @Field(() => [Shipment], { description: "Parcels sent so far, with tracking." })
  shipments!: Shipment[];

  @Field(() => Money, { description: "Lines before discounts." })
  subtotal!: Money;

  @Field(() => Money, { description: "Discounts." })
  discount!: Money;

  @Field(() => Money, { description: "Shipping." })
  shipping!: Money;

  @Field(() => Money, { description: "Tax." })
  tax!: Money;

  @Field(() => Money, { description: "What this part cost the buyer." })
  total!: Money;

  @Field(() => Money, {
    nullable: true,
    description: "The platform's commission: vendors' people and platform admins only.",
  })
  commission!: Money | null;

  @Field(() => Date, { description: "When the order was placed." })
  placedAt!: Date;
}

@ObjectType({ description: "A change of an order's (or a vendor order's) status, with who and why." })
export class OrderHistoryEntry {
  @Field(() => String, { nullable: true, description: "The status before; null when the order was placed." })
  from!: string | null;

  @Field(() => String, { description: "The status after." })
  to!: string;

  @Field(() => ID, { nullable: true, description: "The vendor order it concerns; null for the whole order." })
  vendorOrderId!: string | null;

  @Field(() => String, { description: "In which capacity it was changed: BUYER, VENDOR, PLATFORM_ADMIN or SYSTEM." })
  actorRole!: string;

  @Field(() => String, { nullable: true, description: "Why, as written." })
  reason!: string | null;

  @Field(() => Date, { description: "When." })
  at!: Date;
}

@ObjectType({ description: "What a client needs to collect an order's payment." })
export class PaymentSession {
  @Field(() => PaymentProviderValue, { description: "Who takes the money." })
  provider!: PaymentProviderValue;

  @Field(() => String, {
    description: "The provider's status: REQUIRES_ACTION, PROCESSING, SUCCEEDED, CANCELED or FAILED.",
  })
  status!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Stripe: confirm the payment with this (Stripe.js / the mobile SDKs). Null when nothing is to be confirmed.",
  })
  clientSecret!: string | null;

  @Field(() => String, { nullable: true, description: "Stripe: the publishable key to initialise Stripe with." })
  publishableKey!: string | null;

  @Field(() => Money, { description: "The amount to pay." })
  amount!: Money;
}

@ObjectType({ description: "An order: one checkout, one payment, one vendor order per vendor." })
export class Order {
  @Field(() => ID, { description: "Stable unique id of the order." })
  id!: string;

  @Field(() => String, { description: "The order number shown to people, e.g. PG-100042." })
  number!: string;

  @Field(() => OrderStatusValue, { description: "Where the order is." })
  status!: OrderStatusValue;

  @Field(() => PaymentStatusValue, { description: "What was received against the total." })
  paymentStatus!: PaymentStatusValue;

  @Field(() => RefundStatusValue, { description: "What was refunded against what was paid." })
  refundStatus!: RefundStatusValue;

  @Field(() => PaymentProviderValue, { description: "Who takes the money." })
  paymentProvider!: PaymentProviderValue;

  @Field(() => User, { nullable: true, description: "The buyer." })
  buyer!: User;

  @Field(() => String, { description: "ISO 4217 currency of every amount." })
  currency!: string;

  @Field(() => Boolean, { description: "Whether prices included tax." })
  pricesIncludeTax!: boolean;

  @Field(() => Money, { description: "Lines before discounts." })
  subtotal!: Money;

  @Field(() => Money, { description: "Discounts." })
  discount!: Money;

  @Field(() => Money, { description: "Shipping." })
  shipping!: Money;

  @Field(() => Money, { description: "Tax." })
  tax!: Money;

  @Field(() => Money, { description: "What the order costs." })
  total!: Money;

  @Field(() => Money, { description: "What was received." })
  paid!: Money;

  @Field(() => Money, { description: "What was refunded." })
  refunded!: Money;

  @Field(() => [String], { description: "Coupon codes applied." })
  couponCodes!: string[];

  @Field(() => ShippingAddress, { description: "Where it ships to." })
  shippingAddress!: ShippingAddress;

  @Field(() => [VendorOrder], { description: "Its parts, one per vendor." })
  vendorOrders!: VendorOrder[];

  @Field(() => [Refund], { description: "Money paid back on it, oldest first." })
  refunds!: Refund[];

  @Field(() => String, { nullable: true, description: "Why it needs attention, while it does." })
  attentionReason!: string | null;

  @Field(() => Date, { description: "When it was placed." })
  placedAt!: Date;

  @Field(() => Date, { nullable: true, description: "When its payment arrived." })
  paidAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When it was cancelled." })
  cancelledAt!: Date | null;
}

export const OrderConnection = connectionType(Order, "Order", "order");
export type OrderConnection = InstanceType<typeof OrderConnection>;
export const VendorOrderConnection = connectionType(VendorOrder, "VendorOrder", "vendor order");
export type VendorOrderConnection = InstanceType<typeof VendorOrderConnection>;
