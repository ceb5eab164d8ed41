import { BadUserInputError, isUuid, NotFoundError } from "@pawgraph/subgraph-kit";
import type { CarePlanLineRow } from "../care-plan/care-plan.repository";
import type { WellnessOfferRepository } from "./wellness-offer.repository";

/** What a care plan started from a clinic's wellness offer takes from it. */
export interface WellnessPlanTerms {
  offerId: string;
  clinicId: string;
  lines: CarePlanLineRow[];
}

/**
 * Starting a care plan from a wellness offer: the offer's products become the plan's lines, it runs
 * monthly (the offer is priced per month), and the plan is the clinic's WELLNESS plan.
 */
export class WellnessEnrolment {
  constructor(private readonly offers: WellnessOfferRepository) {}

  async terms(input: {
    wellnessOfferId: string;
    cartLineIds?: readonly string[] | null;
    lines?: readonly unknown[] | null;
    interval: { unit: string; count: number };
  }): Promise<WellnessPlanTerms> {
    const field = "input.wellnessOfferId";
    const offer = isUuid(input.wellnessOfferId) ? await this.offers.byId(input.wellnessOfferId.toLowerCase()) : null;
    if (!offer || !offer.active) throw new NotFoundError("Wellness offer", field);
    if (input.cartLineIds != null || input.lines != null)
      throw new BadUserInputError(field, "a wellness plan ships the offer's products: give no cartLineIds or lines");
    if (input.interval.unit !== "MONTH" || input.interval.count !== 1)
      throw new BadUserInputError("input.interval", "a wellness plan runs every month (MONTH, 1)");
    return { offerId: offer.id, clinicId: offer.clinicId, lines: offer.lines };
  }
}
