import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { BaseContext } from "@pawgraph/subgraph-kit";
import type { WellnessOfferRow } from "./wellness-offer.repository";
import type { WellnessOfferService } from "./wellness-offer.service";
import { CreateWellnessOfferInput, WellnessOffer } from "./wellness-offer.types";

export function toWellnessOffer(row: WellnessOfferRow): WellnessOffer {
  return {
    id: row.id,
    clinic: { id: row.clinicId },
    name: row.name,
    description: row.description,
    currency: row.currency,
    monthlyPriceMinor: row.monthlyPriceMinor,
    lines: row.lines.map((line) => ({ variant: { id: line.variantId }, quantity: line.quantity })),
    serviceCredits: row.serviceCredits,
    active: row.active,
    createdAt: row.createdAt,
  };
}

/** Clinics' wellness plans: public to read while offered, written by the clinic's admins. */
@Resolver(() => WellnessOffer)
export class WellnessOfferResolver {
  constructor(private readonly offers: WellnessOfferService) {}

  @Query(() => [WellnessOffer], {
    nullable: true,
    description: "The wellness plans a clinic offers now, oldest first. Public.",
  })
  async wellnessOffers(
    @Arg("clinicId", () => ID, { description: "The clinic." }) clinicId: string,
  ): Promise<WellnessOffer[]> {
    return (await this.offers.activeAt(clinicId)).map(toWellnessOffer);
  }

  @Query(() => WellnessOffer, {
    nullable: true,
    description: "One wellness plan offer: public while offered; archived ones to the clinic's admins.",
  })
  async wellnessOffer(
    @Arg("id", () => ID, { description: "The offer." }) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<WellnessOffer> {
    return toWellnessOffer(await this.offers.byId(ctx, id));
  }

  @Authorized()
  @Mutation(() => WellnessOffer, {
    description:
      "Offers a wellness plan at a clinic (its CLINIC_ADMINs or platform admins): products from the clinic's own shop every month and a yearly allowance of its services.",
  })
  async createWellnessOffer(
    @Arg("input", () => CreateWellnessOfferInput, { description: "The clinic, name, products and services." })
    input: CreateWellnessOfferInput,
    @Ctx() ctx: BaseContext,
  ): Promise<WellnessOffer> {
    return toWellnessOffer(await this.offers.create(ctx, input));
  }

  @Authorized()
  @Mutation(() => WellnessOffer, {
    description: "Stops offering a wellness plan to new owners; plans already started keep running.",
  })
  async archiveWellnessOffer(
    @Arg("offerId", () => ID, { description: "The offer." }) offerId: string,
    @Ctx() ctx: BaseContext,
  ): Promise<WellnessOffer> {
    return toWellnessOffer(await this.offers.archive(ctx, offerId));
  }
}
