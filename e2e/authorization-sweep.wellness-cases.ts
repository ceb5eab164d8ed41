import { m, q, type SweepCase } from "./authorization-sweep.case";

const offer = { name: "B's plan" };

/**
 * Wellness plans in the authorization sweep (e2e/authorization-sweep.e2e.test.ts): A's clinic's
 * offers, its shop's product and its services, as B (the admin of another clinic).
 */
export const WELLNESS_CASES: Record<string, SweepCase> = {
  "Query.wellnessOffers clinicId": q(
    `query($id: ID!) { wellnessOffers(clinicId: $id) { id name } }`,
    (f) => ({ id: f.a.wellnessClinicId }),
    "PUBLIC_PLAN",
  ),
  "Query.wellnessOffer id": q(`query($id: ID!) { wellnessOffer(id: $id) { name } }`, (f) => ({
    id: f.a.archivedWellnessOfferId,
  })),
  "Mutation.createWellnessOffer input.clinicId": m("createWellnessOffer", "CreateWellnessOfferInput", (f) => ({
    ...offer,
    clinicId: f.a.wellnessClinicId,
    lines: [{ variantId: f.b.variantId, quantity: 1 }],
    serviceCredits: [],
  })),
  "Mutation.createWellnessOffer input.lines.variantId": m("createWellnessOffer", "CreateWellnessOfferInput", (f) => ({
    ...offer,
    clinicId: f.b.clinicId,
    lines: [{ variantId: f.a.wellnessVariantId, quantity: 1 }],
    serviceCredits: [{ serviceId: f.b.serviceId, perYear: 1 }],
  })),
  "Mutation.createWellnessOffer input.serviceCredits.serviceId": m(
    "createWellnessOffer",
    "CreateWellnessOfferInput",
    (f) => ({
      ...offer,
      clinicId: f.b.clinicId,
      lines: [{ variantId: f.b.variantId, quantity: 1 }],
      serviceCredits: [{ serviceId: f.a.wellnessServiceId, perYear: 1 }],
    }),
  ),
  // A's clinic archived this offer: nobody may start a plan from it (B on B's own pet).
  "Mutation.createCarePlan input.wellnessOfferId": m("createCarePlan", "CreateCarePlanInput", (f) => ({
    petId: f.b.petId,
    wellnessOfferId: f.a.archivedWellnessOfferId,
    interval: { unit: "MONTH", count: 1 },
  })),
  "Mutation.archiveWellnessOffer offerId": q(
    `mutation($id: ID!) { archiveWellnessOffer(offerId: $id) { id } }`,
    (f) => ({ id: f.a.wellnessOfferId }),
  ),
};
