import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { isPlatformAdmin } from "@pawgraph/subgraph-kit";
import { CarePlan } from "../care-plan/care-plan.types";
import type { OrdersContext } from "../context";
import { toWellnessOffer } from "./wellness-offer.resolver";
import { WellnessOffer } from "./wellness-offer.types";
import { Booking, CoverageStatusValue, WellnessCoverage, WellnessCreditBalance } from "./wellness-plan.types";

/** Bookings are resolved by bookings (which checks who may see them); orders adds their wellness coverage. */
export const bookingReference = {
  __resolveReference(reference: Booking): Booking {
    return reference;
  },
};

/** A WELLNESS care plan's offer and what is left of its allowance this plan year. */
@Resolver(() => CarePlan)
export class WellnessPlanResolver {
  @FieldResolver(() => WellnessOffer, {
    nullable: true,
    description: "The clinic's wellness offer a WELLNESS plan was started from; null for PRODUCTS plans.",
  })
  async wellnessOffer(@Root() plan: CarePlan, @Ctx() ctx: OrdersContext): Promise<WellnessOffer | null> {
    if (!plan.wellnessOfferId) return null;
    const offer = await ctx.loaders.wellnessOffer.load(plan.wellnessOfferId);
    return offer ? toWellnessOffer(offer) : null;
  }

  @FieldResolver(() => [WellnessCreditBalance], {
    description:
      "The services a WELLNESS plan covers, with what is used and left this plan year; empty for PRODUCTS plans.",
  })
  async serviceCredits(@Root() plan: CarePlan, @Ctx() ctx: OrdersContext): Promise<WellnessCreditBalance[]> {
    if (!plan.wellnessOfferId) return [];
    const [offer, uses] = await Promise.all([
      ctx.loaders.wellnessOffer.load(plan.wellnessOfferId),
      ctx.loaders.creditUse.load(plan.id),
    ]);
    return (offer?.serviceCredits ?? []).map((credit) => {
      const used = uses.find((u) => u.serviceId === credit.serviceId)?.used ?? 0;
      return { ...credit, used, remaining: Math.max(0, credit.perYear - used) };
    });
  }
}

@Resolver(() => Booking)
export class BookingCoverageResolver {
  @FieldResolver(() => WellnessCoverage, {
    nullable: true,
    description:
      "Whether a pet's wellness plan at the clinic covers this booking (shown to the plan's owner and the clinic's staff); null when none does, or when orders cannot be reached.",
  })
  async wellnessCoverage(@Root() booking: Booking, @Ctx() ctx: OrdersContext): Promise<WellnessCoverage | null> {
    const row = await ctx.loaders.wellnessCoverage.load(booking.id.toLowerCase());
    const viewer = ctx.viewer;
    if (!row || !viewer) return null;
    const allowed =
      viewer.userId === row.ownerId ||
      isPlatformAdmin(viewer) ||
      viewer.memberships.some((m) => m.clinicId.toLowerCase() === row.clinicId);
    if (!allowed) return null;
    return {
      carePlanId: row.planId,
      serviceName: row.serviceName,
      planYearStart: row.planYearStart,
      status: row.status as CoverageStatusValue,
    };
  }
}
