import { z } from "zod";
import { ERASURE_DUE, EXPORT_REQUESTED, readEvent, type EventReader } from "@pawgraph/subgraph-kit";

/**
 * reports' own copy of the events it turns into report facts: only the fields it uses. The contract
 * tests check each against its producer's committed JSON Schema (events/<source>/). Fields a
 * producer added later are optional here, so events written before them still decode (their
 * report columns stay null/zero).
 */
const booking = {
  bookingId: z.string(),
  clinicId: z.string(),
  clinicTimeZone: z.string(),
  serviceId: z.string(),
  petId: z.string().nullable(),
  ownerId: z.string(),
  startsAt: z.string(),
  sequence: z.number().int(),
};
const priced = {
  serviceName: z.string().optional(),
  priceMinor: z.number().int().optional(),
  currency: z.string().optional(),
};

export const BOOKING_CONFIRMED = readEvent({
  source: "bookings",
  name: "booking.confirmed",
  payload: z.object({ ...booking, ...priced }),
});
export const BOOKING_RESCHEDULED = readEvent({
  source: "bookings",
  name: "booking.rescheduled",
  payload: z.object(booking),
});
export const BOOKING_CANCELLED = readEvent({
  source: "bookings",
  name: "booking.cancelled",
  payload: z.object({
    ...booking,
    cancelledBy: z.string().nullable().optional(),
    ...priced,
    cancelledByRole: z.enum(["OWNER", "CLINIC", "PLATFORM"]).optional(),
  }),
});

export const VENDOR_APPROVED = readEvent({
  source: "catalog",
  name: "vendor.approved",
  payload: z.object({ vendorId: z.string(), name: z.string(), clinicId: z.string().nullable().optional() }),
});
export const STOCK_LOW = readEvent({
  source: "catalog",
  name: "stock.low",
  payload: z.object({
    vendorId: z.string(),
    productId: z.string(),
    productTitle: z.string(),
    variantId: z.string(),
    sku: z.string(),
    locationId: z.string(),
    available: z.number().int(),
    lowLevel: z.number().int(),
  }),
});

export const REMINDER_DUE = readEvent({
  source: "ehr",
  name: "reminder.due",
  payload: z.object({
    reminderId: z.string(),
    petId: z.string(),
    code: z.string(),
    title: z.string(),
    dueOn: z.string(),
    // Since reminders name the clinic that set them; absent in earlier events.
    clinicId: z.string().nullable().optional(),
  }),
});

export const MESSAGE_SENT = readEvent({
  source: "messaging",
  name: "message.sent",
  payload: z.object({ senderId: z.string() }),
});

const orderRef = { orderId: z.string(), orderNumber: z.string(), buyerId: z.string() };
export const ORDER_PLACED = readEvent({
  source: "orders",
  name: "order.placed",
  payload: z.object({ ...orderRef, currency: z.string(), totalMinor: z.number().int() }),
});
export const ORDER_PAID = readEvent({
  source: "orders",
  name: "order.paid",
  payload: z.object({
    ...orderRef,
    currency: z.string(),
    amountMinor: z.number().int(),
    vendorOrders: z.array(
      z.object({
        vendorOrderId: z.string(),
        vendorId: z.string(),
        totalMinor: z.number().int(),
        itemsMinor: z.number().int().optional(),
        shippingMinor: z.number().int().optional(),
        commissionMinor: z.number().int().optional(),
        lines: z
          .array(
            z.object({
              productId: z.string(),
              variantId: z.string(),
              title: z.string(),
              quantity: z.number().int(),
              totalMinor: z.number().int(),
            }),
          )
          .optional(),
      }),
    ),
  }),
});
export const ORDER_REFUNDED = readEvent({
  source: "orders",
  name: "order.refunded",
  payload: z.object({ ...orderRef, refundId: z.string(), amountMinor: z.number().int(), currency: z.string() }),
});
export const ORDER_CANCELLED = readEvent({
  source: "orders",
  name: "order.cancelled",
  payload: z.object({ ...orderRef, cancelledBy: z.string().nullable() }),
});

export const BOOKING_NO_SHOW = readEvent({
  source: "bookings",
  name: "booking.no_show",
  payload: z.object({ ...booking, ...priced, markedBy: z.string() }),
});
export const PAYOUT_ENTRY_RECORDED = readEvent({
  source: "orders",
  name: "payout.entry_recorded",
  payload: z.object({
    entryId: z.string(),
    vendorId: z.string(),
    orderId: z.string(),
    vendorOrderId: z.string(),
    direction: z.enum(["CREDIT", "DEBIT"]),
    amountMinor: z.number().int(),
    commissionMinor: z.number().int(),
    currency: z.string(),
    settlement: z.enum(["STRIPE_TRANSFER", "MANUAL"]),
    occurredAt: z.string(),
  }),
});
const carePlan = {
  planId: z.string(),
  ownerId: z.string(),
  petId: z.string(),
  kind: z.enum(["PRODUCTS", "WELLNESS"]),
  clinicId: z.string().nullable(),
};
export const CARE_PLAN_STARTED = readEvent({
  source: "orders",
  name: "care_plan.started",
  payload: z.object({ ...carePlan, currency: z.string(), startedAt: z.string() }),
});
export const CARE_PLAN_CANCELLED = readEvent({
  source: "orders",
  name: "care_plan.cancelled",
  payload: z.object({ ...carePlan, reason: z.enum(["OWNER", "DUNNING", "ADMIN"]), cancelledAt: z.string() }),
});

/** The events the facts consumer turns into report facts. */
export const FACT_EVENTS: readonly EventReader[] = [
  BOOKING_CONFIRMED,
  BOOKING_RESCHEDULED,
  BOOKING_CANCELLED,
  VENDOR_APPROVED,
  STOCK_LOW,
  REMINDER_DUE,
  MESSAGE_SENT,
  ORDER_PLACED,
  ORDER_PAID,
  ORDER_REFUNDED,
  ORDER_CANCELLED,
  BOOKING_NO_SHOW,
  CARE_PLAN_STARTED,
  CARE_PLAN_CANCELLED,
  PAYOUT_ENTRY_RECORDED,
];

/** Every event reports reads, each checked against its producer's committed contract: the facts' and identity's privacy requests. */
export const CONSUMED_EVENTS: readonly EventReader[] = [...FACT_EVENTS, EXPORT_REQUESTED, ERASURE_DUE];
