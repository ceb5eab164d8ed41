import { z } from "zod";
import { defineEvent, privacyAnswersOf } from "@pawgraph/subgraph-kit";
import { CARE_PLAN_EVENTS } from "./care-plan/care-plan.events";

/** The domain events orders publishes through its outbox: name, version, payload schema and example. */
export const ORDERS_SCHEMA = "orders";

const id = (what: string) => z.string().describe(what);
const minor = (what: string) => z.number().int().nonnegative().describe(`${what}, in the currency's minor units.`);

const orderRef = {
  orderId: id("The order (Order.id)."),
  orderNumber: z.string().describe("The order's number as the buyer sees it, e.g. PG-100042."),
  buyerId: id("The buyer (User.id)."),
};
const vendorOrderRef = z.strictObject({
  vendorOrderId: id("The vendor's part of the order (VendorOrder.id)."),
  vendorId: id("The vendor (Vendor.id)."),
  totalMinor: minor("What the vendor's part costs the buyer"),
  lineCount: z.number().int().positive().describe("How many lines the vendor's part has."),
});
const shippedLine = z.strictObject({
  orderLineId: id("The order line."),
  productId: id("The product (Product.id)."),
  variantId: id("The variant (ProductVariant.id)."),
  quantity: z.number().int().positive().describe("Units in this shipment."),
  petId: z.string().nullable().describe("The pet a prescription-only line is for; null otherwise."),
  prescriptionId: z
    .string()
    .nullable()
    .describe("ehr's prescription (Medication.id) the line was checked against; null unless prescription-only."),
});

const examples = {
  orderId: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c01",
  orderNumber: "PG-100042",
  buyerId: "2c4e6a8b-0d2f-4b6d-8f1a-3c5e7a9b1d66",
};
const exampleVendorOrder = {
  vendorOrderId: "8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d02",
  vendorId: "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e01",
};

export const ORDER_PLACED = defineEvent({
  source: ORDERS_SCHEMA,
  name: "order.placed",
  description: "A buyer placed an order (payment may still be pending); one vendor order per vendor.",
  payload: z.strictObject({
    ...orderRef,
    currency: z.string().describe("ISO 4217 currency of every amount."),
    totalMinor: minor("The order's total"),
    vendorOrders: z.array(vendorOrderRef).describe("The order's parts, one per vendor."),
  }),
  example: {
    ...examples,
    currency: "USD",
    totalMinor: 21450,
    vendorOrders: [{ ...exampleVendorOrder, totalMinor: 21450, lineCount: 2 }],
  },
});

/** A vendor order as `order.paid` reports it: the ref plus what reports needs (amounts and lines). */
const paidVendorOrder = vendorOrderRef.extend({
  itemsMinor: minor("The vendor's lines after discounts, with tax (the total without shipping)"),
  shippingMinor: minor("The vendor's shipping"),
  commissionMinor: minor("The platform's commission on the vendor's lines"),
  lines: z
    .array(
      z.strictObject({
        productId: id("The product (Product.id)."),
        variantId: id("The variant (ProductVariant.id)."),
        title: z.string().describe("The product's title as ordered."),
        quantity: z.number().int().positive().describe("Units ordered."),
        totalMinor: minor("What the line costs the buyer (after discounts, with tax)"),
      }),
    )
    .describe("The vendor's lines, in order."),
});

export const ORDER_PAID = defineEvent({
  source: ORDERS_SCHEMA,
  name: "order.paid",
  description:
    "The order's payment arrived (once per order, however often the provider told us) and its stock is allocated.",
  payload: z.strictObject({
    ...orderRef,
    currency: z.string().describe("ISO 4217 currency."),
    amountMinor: minor("What was paid"),
    provider: z.enum(["STRIPE", "OFFLINE"]).describe("Who took the payment."),
    vendorOrders: z.array(paidVendorOrder).describe("The order's parts, one per vendor: their staff fulfil them."),
  }),
  example: {
    ...examples,
    currency: "USD",
    amountMinor: 21450,
    provider: "STRIPE",
    vendorOrders: [
      {
        ...exampleVendorOrder,
        totalMinor: 21450,
        lineCount: 2,
        itemsMinor: 20950,
        shippingMinor: 500,
        commissionMinor: 2095,
        lines: [
          {
            productId: "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e02",
            variantId: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c03",
            title: "Grain-free chicken kibble for adult dogs",
            quantity: 2,
            totalMinor: 20950,
          },
        ],
      },
    ],
  },
});

export const ORDER_SHIPPED = defineEvent({
  source: ORDERS_SCHEMA,
  name: "order.shipped",
  description:
    "Vendor staff shipped (some of) a vendor order. Prescription-only lines carry the prescription they dispense.",
  payload: z.strictObject({
    ...orderRef,
    ...{ vendorOrderId: id("The vendor order."), vendorId: id("The vendor.") },
    shipmentId: id("The shipment."),
    carrier: z.string().describe("The carrier, as vendor staff wrote it."),
    trackingNumber: z.string().describe("The carrier's tracking number."),
    lines: z.array(shippedLine).describe("What this shipment holds."),
  }),
  example: {
    ...examples,
    ...exampleVendorOrder,
    shipmentId: "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e03",
    carrier: "DHL",
    trackingNumber: "00340434161094015902",
    lines: [
      {
        orderLineId: "0d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f04",
        productId: "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e02",
        variantId: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c03",
        quantity: 1,
        petId: "4f5a6b7c-8d9e-4f0a-8b1c-2d3e4f5a6b05",
        prescriptionId: "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a06",
      },
    ],
  },
});

export const ORDER_DELIVERED = defineEvent({
  source: ORDERS_SCHEMA,
  name: "order.delivered",
  description: "A vendor order was delivered to the buyer: its products may now be reviewed by the buyer.",
  payload: z.strictObject({
    ...orderRef,
    ...{ vendorOrderId: id("The vendor order."), vendorId: id("The vendor.") },
    deliveredAt: z.string().describe("When, ISO 8601."),
    productIds: z.array(z.string()).describe("The delivered products (Product.id), each once."),
  }),
  example: {
    ...examples,
    ...exampleVendorOrder,
    deliveredAt: "2026-12-02T10:15:00.000Z",
    productIds: ["5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e02"],
  },
});

export const ORDER_CANCELLED = defineEvent({
  source: ORDERS_SCHEMA,
  name: "order.cancelled",
  description: "An order was cancelled before shipment; its stock is released and what was paid is refunded.",
  payload: z.strictObject({
    ...orderRef,
    cancelledBy: z.string().nullable().describe("Who cancelled (User.id); null when the platform did."),
    actorRole: z.enum(["BUYER", "VENDOR", "PLATFORM_ADMIN", "SYSTEM"]).describe("In which capacity."),
    reason: z.string().nullable().describe("Why, as written; required of vendors and admins."),
    refundMinor: minor("What is refunded"),
    currency: z.string().describe("ISO 4217 currency."),
  }),
  example: {
    ...examples,
    cancelledBy: examples.buyerId,
    actorRole: "BUYER",
    reason: null,
    refundMinor: 21450,
    currency: "USD",
  },
});

export const ORDER_REFUNDED = defineEvent({
  source: ORDERS_SCHEMA,
  name: "order.refunded",
  description: "A refund on the order succeeded (the money is on its way back to the buyer).",
  payload: z.strictObject({
    ...orderRef,
    refundId: id("The refund."),
    amountMinor: minor("What was refunded"),
    currency: z.string().describe("ISO 4217 currency."),
    reason: z.string().describe("Why, as written."),
  }),
  example: {
    ...examples,
    refundId: "1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a07",
    amountMinor: 2599,
    currency: "USD",
    reason: "One bag arrived torn.",
  },
});

export const ORDER_NEEDS_ATTENTION = defineEvent({
  source: ORDERS_SCHEMA,
  name: "order.needs_attention",
  description:
    "An order cannot proceed as placed (e.g. paid after its stock reservation lapsed and the stock was gone); platform admins act.",
  payload: z.strictObject({
    ...orderRef,
    reason: z.string().describe("What went wrong and what was done (e.g. refunded in full)."),
  }),
  example: { ...examples, reason: "Stock for 1 line was gone when the payment arrived; refunded in full." },
});

export const PAYMENT_FAILED = defineEvent({
  source: ORDERS_SCHEMA,
  name: "payment.failed",
  description: "The provider refused the order's payment; the buyer may try again until the checkout lapses.",
  payload: z.strictObject({
    ...orderRef,
    paymentReference: z.string().describe("The provider's reference (a Stripe PaymentIntent id)."),
    reason: z.string().describe("The provider's message, safe to show the buyer."),
  }),
  example: { ...examples, paymentReference: "pi_3Q0abc", reason: "Your card was declined." },
});

export const PAYOUT_ENTRY_RECORDED = defineEvent({
  source: ORDERS_SCHEMA,
  name: "payout.entry_recorded",
  description:
    "A vendor's payout ledger gained an entry: a CREDIT when a vendor order was fulfilled, a DEBIT when a refund took back the vendor's share (docs/decisions/0039).",
  payload: z.strictObject({
    entryId: id("The ledger entry (PayoutLedgerEntry.id)."),
    vendorId: id("The vendor (Vendor.id)."),
    orderId: id("The order (Order.id)."),
    orderNumber: z.string().describe("The order's number as the buyer sees it, e.g. PG-100042."),
    vendorOrderId: id("The vendor's part of the order (VendorOrder.id)."),
    direction: z.enum(["CREDIT", "DEBIT"]).describe("CREDIT: owed to the vendor; DEBIT: taken back from the vendor."),
    amountMinor: minor("What the vendor gets (CREDIT) or gives back (DEBIT)"),
    commissionMinor: minor("The commission withheld on a CREDIT or returned to the vendor's side on a DEBIT"),
    currency: z.string().describe("ISO 4217 currency of both amounts."),
    settlement: z
      .enum(["STRIPE_TRANSFER", "MANUAL"])
      .describe("STRIPE_TRANSFER: moved by a Stripe transfer or reversal; MANUAL: to be settled manually."),
    occurredAt: z.string().describe("When the entry was recorded, ISO 8601."),
  }),
  example: {
    entryId: "2f3a4b5c-6d7e-4f8a-9b0c-1d2e3f4a5b08",
    vendorId: exampleVendorOrder.vendorId,
    orderId: examples.orderId,
    orderNumber: examples.orderNumber,
    vendorOrderId: exampleVendorOrder.vendorOrderId,
    direction: "CREDIT",
    amountMinor: 19305,
    commissionMinor: 2145,
    currency: "USD",
    settlement: "STRIPE_TRANSFER",
    occurredAt: "2026-12-02T10:15:00.000Z",
  },
});

/** Every event orders publishes; `npm run generate` writes each one's JSON Schema under events/orders/. */
export const PUBLISHED_EVENTS = [
  ORDER_PLACED,
  ORDER_PAID,
  ORDER_SHIPPED,
  ORDER_DELIVERED,
  ORDER_CANCELLED,
  ORDER_REFUNDED,
  ORDER_NEEDS_ATTENTION,
  PAYMENT_FAILED,
  ...CARE_PLAN_EVENTS,
  PAYOUT_ENTRY_RECORDED,
  // Its answers to identity's privacy requests (docs/decisions/0048).
  ...Object.values(privacyAnswersOf("orders")),
];
