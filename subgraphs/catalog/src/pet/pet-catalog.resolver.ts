import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { CatalogContext } from "../context";
import { toProduct } from "../product/product.mapper";
import { Product } from "../product/product.type";
import type { RecommendationService } from "./recommendation.service";
import { Pet } from "./pet.type";

/** Pets are resolved by the pets subgraph (which checks who may see them); catalog only adds fields. */
export const petReference = {
  __resolveReference(reference: Pet): Pet {
    return reference;
  },
};

@Resolver(() => Pet)
export class PetCatalogResolver {
  constructor(private readonly recommendations: RecommendationService) {}

  @Directive('@requires(fields: "species dateOfBirth")')
  @FieldResolver(() => [Product], {
    nullable: true,
    deprecationReason: "Use productRecommendations: ranked for the pet, with a reason.",
    description:
      "Products for this pet from the shop: made for its species and life stage (from its date of birth), in stock, and prescription-only medicines only when it holds a running prescription for them. Best match first. Null when the catalog cannot be reached.",
  })
  async recommendedProducts(
    @Root() pet: Pet,
    @Arg("first", () => Int, { defaultValue: 10, description: "How many, 1 to 20." }) first: number,
    @Ctx() ctx: CatalogContext,
  ): Promise<Product[]> {
    return (await this.recommendations.forPet(ctx, pet, first)).map((row) => toProduct(row, ctx.viewer));
  }
}
