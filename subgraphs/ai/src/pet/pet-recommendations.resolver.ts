import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { BaseContext } from "@pawgraph/subgraph-kit";
import { ProductRecommendation } from "../recommendation/product-recommendation.type";
import type { RecommendationService } from "../recommendation/recommendation.service";
import { Pet } from "./pet.type";

/** Pets are resolved by pets (which checks who may see them); ai adds recommendations and asks pets again itself. */
export const petReference = {
  __resolveReference(reference: Pet): Pet {
    return reference;
  },
};

@Resolver(() => Pet)
export class PetRecommendationsResolver {
  constructor(private readonly recommendations: RecommendationService) {}

  @FieldResolver(() => [ProductRecommendation], {
    nullable: true,
    description:
      "Products from the shop ranked for this pet, best first, each with the reason: its species and life stage, its health record as you may see it (nothing naming an allergen on record; prescription-only medicines only against a running prescription, refills first) and what you bought before; the most popular products when there is little to go by. Null (SERVICE_UNAVAILABLE) when the shop or the health record cannot be reached: `recommendedProducts` still answers by rules.",
  })
  async productRecommendations(
    @Root() pet: Pet,
    @Arg("first", () => Int, { defaultValue: 10, description: "How many, 1 to 20." }) first: number,
    @Ctx() ctx: BaseContext,
  ): Promise<ProductRecommendation[]> {
    return (await this.recommendations.forPet(ctx, pet.id, first)).map(({ candidate, reason, score }) => ({
      product: { id: candidate.id },
      reason,
      score: Math.round(score * 1000) / 1000,
    }));
  }
}
