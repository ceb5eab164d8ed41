import { z } from "zod";
import { defineEvent } from "@pawgraph/subgraph-kit";

/**
 * The events of care plans, published through orders' outbox (listed in PUBLISHED_EVENTS). `started`
 * and `cancelled` feed the reports subgraph (plan churn); the others are notifications through
 * messaging. Kept apart from src/events.ts, which re-exports them, so orders' own file stays small.
 */
const SOURCE = "orders";

const id = (what: string) => z.string().describe(what);
const planRef = {
  planId: id("The care plan (CarePlan.id)."),
  ownerId: id("The pet's owner who holds the plan (User.id)."),
  petId: id("The pet the plan is for (Pet.id)."),
};
const kind = z.enum(["PRODUCTS", "WELLNESS"]).describe("PRODUCTS: recurring shop orders; WELLNESS: a clinic's plan.");
const clinicId = z.string().nullable().describe("The clinic offering a WELLNESS plan; null for PRODUCTS.");
const example = {
  planId: "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e01",
  ownerId: "2c4e6a8b-0d2f-4b6d-8f1a-3c5e7a9b1d66",
  petId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c01",
};
const runKey = z.string().describe("The run's unique key, careplan:{planId}:{periodStart}.");
const exampleKey = `careplan:${example.planId}:2027-03-31`;

export const CARE_PLAN_STARTED = defineEvent({
  source: SOURCE,
  name: "care_plan.started",
  description: "An owner started a care plan (its first order was placed).",
  payload: z.strictObject({
    ...planRef,
    kind,
    clinicId,
    currency: z.string().describe("ISO 4217 currency of the plan's orders."),
    startedAt: z.string().describe("When the plan was created (ISO 8601)."),
  }),
  example: { ...example, kind: "PRODUCTS", clinicId: null, currency: "USD", startedAt: "2027-01-31T09:00:00.000Z" },
});

export const CARE_PLAN_CANCELLED = defineEvent({
  source: SOURCE,
  name: "care_plan.cancelled",
  description: "A care plan ended: its owner cancelled it, dunning gave up, or a platform admin ended it.",
  payload: z.strictObject({
    ...planRef,
    kind,
    clinicId,
    reason: z.enum(["OWNER", "DUNNING", "ADMIN"]).describe("Who or what ended it."),
    cancelledAt: z.string().describe("When (ISO 8601)."),
  }),
  example: { ...example, kind: "PRODUCTS", clinicId: null, reason: "OWNER", cancelledAt: "2027-05-01T09:00:00.000Z" },
});

export const CARE_PLAN_RUN_UPCOMING = defineEvent({
  source: SOURCE,
  name: "care_plan.run_upcoming",
  description: "A plan's next order is placed in a few days: its owner may still skip it (once per run).",
  payload: z.strictObject({
    ...planRef,
    runOn: z.string().describe("The day the order will be placed (YYYY-MM-DD)."),
    skipUrl: z.string().describe("The app link that skips this run."),
  }),
  example: { ...example, runOn: "2027-03-31", skipUrl: "https://app.pawgraph.test/care-plans/x?skip=2027-03-31" },
});

export const CARE_PLAN_PAYMENT_FAILED = defineEvent({
  source: SOURCE,
  name: "care_plan.payment_failed",
  description: "A run's off-session charge failed; it is retried after 1, 3 and 7 days (nextAttemptAt).",
  payload: z.strictObject({
    ...planRef,
    runKey,
    orderId: id("The run's order (Order.id)."),
    attempt: z.number().int().positive().describe("How many attempts have failed so far."),
    nextAttemptAt: z.string().nullable().describe("When it is tried again (ISO 8601); null when it will not be."),
    reason: z.string().describe("The provider's message, safe to show the owner."),
  }),
  example: {
    ...example,
    runKey: exampleKey,
    orderId: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c01",
    attempt: 1,
    nextAttemptAt: "2027-04-01T06:00:00.000Z",
    reason: "Your card was declined.",
  },
});

export const CARE_PLAN_PAYMENT_ACTION_REQUIRED = defineEvent({
  source: SOURCE,
  name: "care_plan.payment_action_required",
  description: "The bank asks the owner to confirm a run's payment in the app (authentication_required).",
  payload: z.strictObject({ ...planRef, runKey, orderId: id("The run's order (Order.id).") }),
  example: { ...example, runKey: exampleKey, orderId: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c01" },
});

export const CARE_PLAN_PAST_DUE = defineEvent({
  source: SOURCE,
  name: "care_plan.past_due",
  description: "Every retry of a run's charge failed: the plan stops until paid, and is cancelled at cancelsAt.",
  payload: z.strictObject({
    ...planRef,
    runKey,
    cancelsAt: z.string().describe("When the plan is cancelled unless the payment is settled (ISO 8601)."),
  }),
  example: { ...example, runKey: exampleKey, cancelsAt: "2027-04-14T06:00:00.000Z" },
});

export const CARE_PLAN_LINE_SKIPPED = defineEvent({
  source: SOURCE,
  name: "care_plan.line_skipped",
  description:
    "A prescription-only line of a run was left out (not charged): its prescription has no refills left. The owner and the prescribing clinic are told.",
  payload: z.strictObject({
    ...planRef,
    runKey,
    variantId: id("The product variant left out (ProductVariant.id)."),
    title: z.string().describe("The product as the owner knows it."),
    clinicId: z.string().nullable().describe("The clinic that wrote the last prescription; null when none is known."),
    prescriptionId: z.string().nullable().describe("The prescription that ran out (Medication.id); null when none."),
  }),
  example: {
    ...example,
    runKey: exampleKey,
    variantId: "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d01",
    title: "Apoquel 16 mg",
    clinicId: "4d5e6f70-8192-4a3b-9c4d-5e6f70819201",
    prescriptionId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01",
  },
});

export const CARE_PLAN_EVENTS = [
  CARE_PLAN_STARTED,
  CARE_PLAN_CANCELLED,
  CARE_PLAN_RUN_UPCOMING,
  CARE_PLAN_PAYMENT_FAILED,
  CARE_PLAN_PAYMENT_ACTION_REQUIRED,
  CARE_PLAN_PAST_DUE,
  CARE_PLAN_LINE_SKIPPED,
];
