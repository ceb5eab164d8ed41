import type { CarePlanRow, CarePlanRunRow } from "./care-plan.repository";
import {
  CarePlanIntervalUnitValue,
  CarePlanKindValue,
  CarePlanRunStatusValue,
  CarePlanStatusValue,
  type CarePlan,
  type CarePlanRun,
} from "./care-plan.types";

const RUNS_SHOWN = 24;

export function toCarePlanRun(row: CarePlanRunRow): CarePlanRun {
  const pending = ["CLAIMED", "ORDERED", "PAYMENT_FAILED", "REQUIRES_ACTION"].includes(row.status);
  return {
    id: row.id,
    periodStart: row.periodStart,
    runKey: row.runKey,
    status: row.status as CarePlanRunStatusValue,
    orderId: row.orderId,
    failedAttempts: row.attempts,
    nextAttemptAt: pending ? row.nextAttemptAt : null,
    clientSecret: row.status === "REQUIRES_ACTION" ? row.clientSecret : null,
    lastError: row.lastError,
    skippedLines: row.skippedLines.map((s) => ({ variant: { id: s.variantId }, title: s.title, reason: s.reason })),
  };
}

/** A plan as its owner sees it, with its latest runs (`runs` may hold other plans' runs: filtered here). */
export function toCarePlan(row: CarePlanRow, runs: CarePlanRunRow[]): CarePlan {
  return {
    id: row.id,
    kind: row.kind as CarePlanKindValue,
    status: row.status as CarePlanStatusValue,
    pet: { id: row.petId },
    clinic: row.clinicId ? { id: row.clinicId } : null,
    wellnessOfferId: row.wellnessOfferId,
    currency: row.currency,
    interval: { unit: row.intervalUnit as CarePlanIntervalUnitValue, count: row.intervalCount },
    nextRunOn: row.nextRunOn,
    lines: row.lines.map((l) => ({ variant: { id: l.variantId }, quantity: l.quantity })),
    shippingAddress: row.shippingAddress,
    shippingMethods: Object.entries(row.shippingChoices).map(([vendorId, shippingMethodId]) => ({
      vendor: { id: vendorId },
      shippingMethodId,
    })),
    payOnDelivery: row.payOnDelivery,
    paymentMethodSaved: row.paymentMethod !== null,
    pastDueAt: row.pastDueAt,
    cancelledAt: row.cancelledAt,
    createdAt: row.createdAt,
    runs: runs
      .filter((r) => r.planId === row.id)
      .slice(0, RUNS_SHOWN)
      .map(toCarePlanRun),
  };
}
