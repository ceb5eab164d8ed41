import type Stripe from "stripe";

/** A webhook delivery whose signature is missing, wrong, or too old: answer 400, never process it. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Checks a Stripe webhook delivery against our endpoint's signing secret and returns its event.
 * `rawBody` must be the bytes as received: re-serialised JSON no longer matches the signature.
 * A timestamp older than `toleranceSeconds` is refused, so a captured delivery cannot be replayed later.
 */
export function verifyStripeWebhook(
  stripe: Stripe,
  rawBody: Buffer,
  signature: string | undefined,
  secret: string,
  toleranceSeconds = 300,
): Stripe.Event {
  if (!signature) throw new WebhookSignatureError("Missing Stripe-Signature header");
  try {
    return stripe.webhooks.constructEvent(rawBody, signature, secret, toleranceSeconds);
  } catch (error) {
    if (error instanceof SyntaxError) throw new WebhookSignatureError("Webhook body is not JSON");
    // stripe-node's message says which check failed (no signature matches, timestamp outside tolerance).
    throw new WebhookSignatureError(error instanceof Error ? error.message : "Invalid webhook signature");
  }
}

/**
 * What an event asks of orders. Events only say *that* something changed: the handler re-reads the
 * payment or refund from the provider before acting, so a delayed or reordered delivery cannot move
 * an order backwards.
 */
export type PaymentEvent =
  | { kind: "payment"; eventId: string; paymentIntentId: string }
  /** refundReference is null for charge.refunded: reconcile every open refund of the payment. */
  | { kind: "refund"; eventId: string; refundReference: string | null; paymentIntentId: string | null }
  | { kind: "ignored"; eventId: string; type: string };

const PAYMENT_EVENTS = new Set([
  "payment_intent.succeeded",
  "payment_intent.processing",
  "payment_intent.payment_failed",
  "payment_intent.canceled",
]);
const REFUND_EVENTS = new Set(["refund.created", "refund.updated", "refund.failed", "charge.refund.updated"]);

/** Sorts the event types orders cares about; everything else is acknowledged and ignored. */
export function paymentEventOf(event: Stripe.Event): PaymentEvent {
  const object = event.data.object as unknown as Record<string, unknown>;
  const id = typeof object.id === "string" ? object.id : null;
  if (PAYMENT_EVENTS.has(event.type) && id !== null) return { kind: "payment", eventId: event.id, paymentIntentId: id };
  if (REFUND_EVENTS.has(event.type) && id !== null)
    return { kind: "refund", eventId: event.id, refundReference: id, paymentIntentId: idOf(object.payment_intent) };
  if (event.type === "charge.refunded")
    return { kind: "refund", eventId: event.id, refundReference: null, paymentIntentId: idOf(object.payment_intent) };
  return { kind: "ignored", eventId: event.id, type: event.type };
}

/** An expandable field is an id, an object with an id, or null. */
function idOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string")
    return (value as { id: string }).id;
  return null;
}
