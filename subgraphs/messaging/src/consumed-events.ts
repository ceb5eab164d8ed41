import { z } from "zod";
import { ERASURE_DUE, EXPORT_REQUESTED, readEvent } from "@pawgraph/subgraph-kit";

/**
 * messaging's own copy of the events it reads: only the fields it uses, optional where events
 * written before a field existed lack it. The contract tests check each against its producer's
 * committed JSON Schema (events/<source>/).
 */
export const EMAIL_VERIFICATION_REQUESTED = readEvent({
  source: "identity",
  name: "user.email_verification_requested",
  payload: z.object({
    userId: z.string(),
    email: z.string(),
    displayName: z.string(),
    token: z.string(),
    expiresAt: z.string(),
  }),
});

export const REGISTRATION_ATTEMPTED = readEvent({
  source: "identity",
  name: "user.registration_attempted",
  payload: z.object({ userId: z.string(), email: z.string(), displayName: z.string() }),
});

export const PASSWORD_RESET_REQUESTED = readEvent({
  source: "identity",
  name: "user.password_reset_requested",
  payload: z.object({
    userId: z.string(),
    email: z.string(),
    displayName: z.string(),
    token: z.string(),
    expiresAt: z.string(),
  }),
});

/** A person's data export is assembled: they get its link by email and a notice in the app. */
export const DATA_EXPORT_READY = readEvent({
  source: "identity",
  name: "privacy.export_ready",
  payload: z.object({
    exportId: z.string(),
    userId: z.string(),
    email: z.string(),
    displayName: z.string(),
    downloadUrl: z.string(),
    linkExpiresAt: z.string(),
    availableUntil: z.string(),
  }),
});

/** A person asked for their account to be deleted: they hear when, and how to stop it. */
export const ACCOUNT_DELETION_SCHEDULED = readEvent({
  source: "identity",
  name: "privacy.account_deletion_scheduled",
  payload: z.object({
    deletionId: z.string(),
    userId: z.string(),
    email: z.string(),
    displayName: z.string(),
    erasureDueAt: z.string(),
  }),
});

const booking = z.object({
  bookingId: z.string(),
  clinicId: z.string(),
  // Since bookings started sending them; older events are worded without a name, in UTC.
  clinicName: z.string().optional(),
  clinicTimeZone: z.string().optional(),
  vetId: z.string(),
  ownerId: z.string(),
  petId: z.string().nullable(),
  startsAt: z.string(),
});

export const BOOKING_CONFIRMED = readEvent({ source: "bookings", name: "booking.confirmed", payload: booking });
export const BOOKING_CANCELLED = readEvent({ source: "bookings", name: "booking.cancelled", payload: booking });
export const BOOKING_RESCHEDULED = readEvent({ source: "bookings", name: "booking.rescheduled", payload: booking });
export const BOOKING_EVENTS = [BOOKING_CONFIRMED, BOOKING_CANCELLED, BOOKING_RESCHEDULED];

export const REMINDER_DUE = readEvent({
  source: "ehr",
  name: "reminder.due",
  payload: z.object({ petId: z.string(), title: z.string(), dueOn: z.string() }),
});

export const VACCINATION_RECORDED = readEvent({
  source: "ehr",
  name: "vaccination.recorded",
  payload: z.object({
    petId: z.string(),
    clinicId: z.string(),
    vaccine: z.string(),
    givenAt: z.string(),
    nextDueOn: z.string().nullable(),
  }),
});

/**
 * messaging's own event, read as written over time: `senderSide` came with MESSAGE_RECEIVED, and
 * older events are told apart by comparing the sender with the owner.
 */
export const MESSAGE_SENT_READER = readEvent({
  source: "messaging",
  name: "message.sent",
  payload: z.object({
    messageId: z.string(),
    conversationId: z.string(),
    senderId: z.string(),
    senderSide: z.enum(["OWNER", "CLINIC"]).optional(),
  }),
});

/** catalog approved a vendor: its applicant hears so. */
export const VENDOR_APPROVED = readEvent({
  source: "catalog",
  name: "vendor.approved",
  payload: z.object({ vendorId: z.string(), name: z.string(), appliedBy: z.string() }),
});

/** catalog turned a vendor's application down: its applicant hears why. */
export const VENDOR_REJECTED = readEvent({
  source: "catalog",
  name: "vendor.rejected",
  payload: z.object({ vendorId: z.string(), name: z.string(), appliedBy: z.string(), reason: z.string() }),
});

/** A product variant's stock at one location fell to its low level: the vendor's admins hear so. */
export const STOCK_LOW = readEvent({
  source: "catalog",
  name: "stock.low",
  payload: z.object({
    vendorId: z.string(),
    vendorName: z.string(),
    productTitle: z.string(),
    sku: z.string(),
    available: z.number().int(),
    lowLevel: z.number().int(),
  }),
});

export const CATALOG_EVENTS = [VENDOR_APPROVED, VENDOR_REJECTED, STOCK_LOW];

/** What every orders event names: the order, as its buyer knows it, and the buyer. */
const order = { orderId: z.string(), orderNumber: z.string(), buyerId: z.string() };

/** A buyer placed an order: they hear it arrived. */
export const ORDER_PLACED = readEvent({
  source: "orders",
  name: "order.placed",
  payload: z.object({ ...order, currency: z.string(), totalMinor: z.number().int() }),
});

/** An order was paid: the buyer hears so, and each vendor's staff hear they have an order to fulfil. */
export const ORDER_PAID = readEvent({
  source: "orders",
  name: "order.paid",
  payload: z.object({
    ...order,
    currency: z.string(),
    amountMinor: z.number().int(),
    vendorOrders: z.array(
      z.object({ vendorId: z.string(), totalMinor: z.number().int(), lineCount: z.number().int() }),
    ),
  }),
});

/** Some of an order left a vendor: the buyer hears with whom, and the tracking number. */
export const ORDER_SHIPPED = readEvent({
  source: "orders",
  name: "order.shipped",
  payload: z.object({ ...order, carrier: z.string(), trackingNumber: z.string() }),
});

export const ORDER_DELIVERED = readEvent({ source: "orders", name: "order.delivered", payload: z.object(order) });

/** An order was cancelled: the buyer hears by whom, why and what is refunded. */
export const ORDER_CANCELLED = readEvent({
  source: "orders",
  name: "order.cancelled",
  payload: z.object({
    ...order,
    // A string, not orders' enum: a role added there is worded neutrally here instead of failing the event.
    actorRole: z.string(),
    reason: z.string().nullable(),
    refundMinor: z.number().int(),
    currency: z.string(),
  }),
});

export const ORDER_REFUNDED = readEvent({
  source: "orders",
  name: "order.refunded",
  payload: z.object({ ...order, amountMinor: z.number().int(), currency: z.string(), reason: z.string() }),
});

export const ORDER_NEEDS_ATTENTION = readEvent({
  source: "orders",
  name: "order.needs_attention",
  payload: z.object({ ...order, reason: z.string() }),
});

export const PAYMENT_FAILED = readEvent({
  source: "orders",
  name: "payment.failed",
  payload: z.object({ ...order, reason: z.string() }),
});

export const ORDER_EVENTS = [
  ORDER_PLACED,
  ORDER_PAID,
  ORDER_SHIPPED,
  ORDER_DELIVERED,
  ORDER_CANCELLED,
  ORDER_REFUNDED,
  ORDER_NEEDS_ATTENTION,
  PAYMENT_FAILED,
];

/** What every care plan event names: the plan, its owner and pet. */
const plan = { planId: z.string(), ownerId: z.string(), petId: z.string() };

/** A plan's next order is placed in a few days: the owner may skip it. */
export const CARE_PLAN_RUN_UPCOMING = readEvent({
  source: "orders",
  name: "care_plan.run_upcoming",
  payload: z.object({ ...plan, runOn: z.string(), skipUrl: z.string() }),
});

/** A run's charge failed: the owner hears when it is tried again. */
export const CARE_PLAN_PAYMENT_FAILED = readEvent({
  source: "orders",
  name: "care_plan.payment_failed",
  payload: z.object({ ...plan, attempt: z.number().int(), nextAttemptAt: z.string().nullable(), reason: z.string() }),
});

/** The bank wants the owner to confirm a run's payment in the app. */
export const CARE_PLAN_PAYMENT_ACTION_REQUIRED = readEvent({
  source: "orders",
  name: "care_plan.payment_action_required",
  payload: z.object({ ...plan, orderId: z.string() }),
});

/** Every retry failed: the plan is stopped until paid. */
export const CARE_PLAN_PAST_DUE = readEvent({
  source: "orders",
  name: "care_plan.past_due",
  payload: z.object({ ...plan, cancelsAt: z.string() }),
});

/** A plan ended; the owner hears why. */
export const CARE_PLAN_CANCELLED = readEvent({
  source: "orders",
  name: "care_plan.cancelled",
  payload: z.object({ ...plan, reason: z.string() }),
});

/** A prescription-only line was left out of a run: the owner and the prescribing clinic hear so. */
export const CARE_PLAN_LINE_SKIPPED = readEvent({
  source: "orders",
  name: "care_plan.line_skipped",
  payload: z.object({ ...plan, title: z.string(), clinicId: z.string().nullable() }),
});

export const CARE_PLAN_EVENTS = [
  CARE_PLAN_RUN_UPCOMING,
  CARE_PLAN_PAYMENT_FAILED,
  CARE_PLAN_PAYMENT_ACTION_REQUIRED,
  CARE_PLAN_PAST_DUE,
  CARE_PLAN_CANCELLED,
  CARE_PLAN_LINE_SKIPPED,
];

export const CONSUMED_EVENTS = [
  EMAIL_VERIFICATION_REQUESTED,
  REGISTRATION_ATTEMPTED,
  PASSWORD_RESET_REQUESTED,
  DATA_EXPORT_READY,
  ACCOUNT_DELETION_SCHEDULED,
  // The kit's readers: messaging's share of privacy requests (the `privacy` option of startEventConsumers in app.ts).
  EXPORT_REQUESTED,
  ERASURE_DUE,
  ...BOOKING_EVENTS,
  REMINDER_DUE,
  VACCINATION_RECORDED,
  MESSAGE_SENT_READER,
  ...CATALOG_EVENTS,
  ...ORDER_EVENTS,
  ...CARE_PLAN_EVENTS,
];
