import { planNotifications, revealsHealth } from "./notification.content";
import { carePlanClinicIdOf } from "./care-plan-notification.content";

const ownerId = "2c4e6a8b-0d2f-4b6d-8f1a-3c5e7a9b1d66";
const petId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c01";
const clinicId = "4d5e6f70-8192-4a3b-9c4d-5e6f70819201";
const vetId = "5e6f7081-92a3-4b4c-8d5e-6f7081920a01";
const plan = { planId: "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e01", ownerId, petId };
const pets = new Map([[petId, { name: "Rex", ownerIds: [ownerId] }]]);
const plan$ = (type: string, payload: Record<string, unknown>, clinicStaff: string[] = []) =>
  planNotifications({ type, payload: { ...plan, ...payload } }, pets, new Map(), clinicStaff).map((n) => [
    n.userId,
    n.type,
    n.title,
    n.body,
  ]);

describe("care plan notifications", () => {
  it("remind the owner with the skip link, by the pet's name", () => {
    expect(
      plan$("care_plan.run_upcoming", {
        runOn: "2027-03-31",
        skipUrl: "https://app.test/care-plans/x?skip=2027-03-31",
      }),
    ).toEqual([
      [
        ownerId,
        "CARE_PLAN_RUN_UPCOMING",
        "Rex's care plan orders on 31 Mar 2027",
        "The next order of Rex's care plan is placed on 31 Mar 2027. Not needed this time? Skip it: https://app.test/care-plans/x?skip=2027-03-31",
      ],
    ]);
  });

  it("say when a failed payment is tried again, and when it will not be", () => {
    const failed = (nextAttemptAt: string | null) =>
      plan$("care_plan.payment_failed", {
        runKey: "k",
        orderId: "o",
        attempt: 1,
        nextAttemptAt,
        reason: "Your card was declined",
      })[0]![3];
    expect(failed("2027-04-01T06:00:00.000Z")).toBe("Your card was declined. We will try again on 1 Apr 2027.");
    expect(failed(null)).toBe("Your card was declined. We will not try again: update your payment in the app.");
  });

  it("tell why a plan ended", () => {
    expect(plan$("care_plan.cancelled", { reason: "DUNNING" })[0]![3]).toContain(
      "because its payment could not be taken",
    );
    expect(plan$("care_plan.cancelled", { reason: "OWNER" })[0]![3]).toContain("at your request");
  });

  it("tell the owner and the prescribing clinic's staff of a line left out, health data emailed to verified addresses only", () => {
    const event = {
      type: "care_plan.line_skipped",
      payload: { ...plan, runKey: "k", variantId: "v", title: "Carprofen 50 mg", clinicId, prescriptionId: "p" },
    };
    expect(carePlanClinicIdOf(event)).toBe(clinicId);
    expect(plan$(event.type, event.payload, [vetId, ownerId]).map(([userId, type]) => [userId, type])).toEqual([
      [ownerId, "CARE_PLAN_PRESCRIPTION_EXHAUSTED"],
      [vetId, "CARE_PLAN_PRESCRIPTION_EXHAUSTED"],
    ]);
    expect(revealsHealth("CARE_PLAN_PRESCRIPTION_EXHAUSTED")).toBe(true);
  });

  it("plan nothing for an owner id that is no account of ours", () => {
    expect(
      planNotifications(
        { type: "care_plan.past_due", payload: { ...plan, ownerId: "external", runKey: "k", cancelsAt: "2027-04-14" } },
        pets,
      ),
    ).toEqual([]);
  });
});
