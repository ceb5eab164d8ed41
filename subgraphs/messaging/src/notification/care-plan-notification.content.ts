import { isUuid, type EventLike } from "@pawgraph/subgraph-kit";
import {
  CARE_PLAN_CANCELLED,
  CARE_PLAN_LINE_SKIPPED,
  CARE_PLAN_PAST_DUE,
  CARE_PLAN_PAYMENT_ACTION_REQUIRED,
  CARE_PLAN_PAYMENT_FAILED,
  CARE_PLAN_RUN_UPCOMING,
} from "../consumed-events";

/**
 * What orders' care plan events say to the plan's owner, and a line left out for want of a refill to
 * the prescribing clinic's staff. Pure: no I/O. Kept apart from notification.content.ts as the
 * orders notices are.
 */
export const CARE_PLAN_NOTIFICATION_TYPES = [
  "CARE_PLAN_RUN_UPCOMING",
  "CARE_PLAN_PAYMENT_FAILED",
  "CARE_PLAN_PAYMENT_ACTION_REQUIRED",
  "CARE_PLAN_PAST_DUE",
  "CARE_PLAN_CANCELLED",
  "CARE_PLAN_PRESCRIPTION_EXHAUSTED",
] as const;
export type CarePlanNotificationKind = (typeof CARE_PLAN_NOTIFICATION_TYPES)[number];

export interface CarePlanNotice {
  userId: string;
  type: CarePlanNotificationKind;
  title: string;
  body: string;
  petId: string;
  clinicId: string | null;
}

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const on = (iso: string) => day.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));

/** The clinic whose staff the plan needs (a line left out for want of a refill), if any. */
export function carePlanClinicIdOf(event: EventLike): string | null {
  if (event.type !== CARE_PLAN_LINE_SKIPPED.type) return null;
  const clinicId = event.payload.clinicId;
  return typeof clinicId === "string" && isUuid(clinicId) ? clinicId : null;
}

/** Who hears about a care plan event, and what they read. `petName` names the pet when pets knows it. */
export function planCarePlanNotifications(
  event: EventLike,
  petName: string | null,
  clinicStaff: readonly string[] = [],
): CarePlanNotice[] {
  const pet = petName ?? "your pet";
  const owner = (ownerId: string, petId: string, type: CarePlanNotificationKind, title: string, body: string) =>
    isUuid(ownerId) ? [{ userId: ownerId, type, title, body, petId, clinicId: null }] : [];
  switch (event.type) {
    case CARE_PLAN_RUN_UPCOMING.type: {
      const e = CARE_PLAN_RUN_UPCOMING.decode(event);
      return owner(
        e.ownerId,
        e.petId,
        "CARE_PLAN_RUN_UPCOMING",
        `${pet}'s care plan orders on ${on(e.runOn)}`,
        `The next order of ${pet}'s care plan is placed on ${on(e.runOn)}. Not needed this time? Skip it: ${e.skipUrl}`,
      );
    }
    case CARE_PLAN_PAYMENT_FAILED.type: {
      const e = CARE_PLAN_PAYMENT_FAILED.decode(event);
      const next = e.nextAttemptAt
        ? `We will try again on ${on(e.nextAttemptAt)}.`
        : "We will not try again: update your payment in the app.";
      return owner(
        e.ownerId,
        e.petId,
        "CARE_PLAN_PAYMENT_FAILED",
        `Payment for ${pet}'s care plan failed`,
        `${e.reason.trim().replace(/[.!?]?$/, ".")} ${next}`,
      );
    }
    case CARE_PLAN_PAYMENT_ACTION_REQUIRED.type: {
      const e = CARE_PLAN_PAYMENT_ACTION_REQUIRED.decode(event);
      return owner(
        e.ownerId,
        e.petId,
        "CARE_PLAN_PAYMENT_ACTION_REQUIRED",
        `Confirm the payment for ${pet}'s care plan`,
        `Your bank asks you to confirm this payment. Open the care plan in the app to confirm it.`,
      );
    }
    case CARE_PLAN_PAST_DUE.type: {
      const e = CARE_PLAN_PAST_DUE.decode(event);
      return owner(
        e.ownerId,
        e.petId,
        "CARE_PLAN_PAST_DUE",
        `${pet}'s care plan is on hold`,
        `We could not take the payment for ${pet}'s care plan. It is on hold and will be cancelled on ${on(e.cancelsAt)} unless the payment is settled in the app.`,
      );
    }
    case CARE_PLAN_CANCELLED.type: {
      const e = CARE_PLAN_CANCELLED.decode(event);
      const why =
        e.reason === "DUNNING"
          ? "because its payment could not be taken"
          : e.reason === "ADMIN"
            ? "by Pawgraph"
            : "at your request";
      return owner(
        e.ownerId,
        e.petId,
        "CARE_PLAN_CANCELLED",
        `${pet}'s care plan was cancelled`,
        `${pet}'s care plan was cancelled ${why}. No further orders will be placed.`,
      );
    }
    case CARE_PLAN_LINE_SKIPPED.type: {
      const e = CARE_PLAN_LINE_SKIPPED.decode(event);
      const toOwner = owner(
        e.ownerId,
        e.petId,
        "CARE_PLAN_PRESCRIPTION_EXHAUSTED",
        `${e.title} left out of ${pet}'s order`,
        `${e.title} needs a prescription with refills left; it was not ordered or charged. Ask your vet to renew it.`,
      ).map((n) => ({ ...n, clinicId: e.clinicId }));
      const toClinic = clinicStaff
        .filter((id) => id !== e.ownerId)
        .map((userId) => ({
          userId,
          type: "CARE_PLAN_PRESCRIPTION_EXHAUSTED" as const,
          title: `Prescription renewal needed: ${e.title}`,
          body: `${petName ?? "A patient"}'s care plan could not order ${e.title}: the prescription has no refills left.`,
          petId: e.petId,
          clinicId: e.clinicId,
        }));
      return [...toOwner, ...toClinic];
    }
    default:
      return [];
  }
}
