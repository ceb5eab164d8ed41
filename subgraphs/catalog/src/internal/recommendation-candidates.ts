import { Arg, Field, Float, ID, Int, ObjectType, Query, Resolver } from "type-graphql";
import { BadUserInputError, Internal, InternalType } from "@pawgraph/subgraph-kit";
import type { RecommendationRepository } from "../pet/recommendation.repository";
import { LifeStage, Species } from "../shared/species";

/** Longest candidate list ai may ask for: enough to rank, bounded for one statement and one embedding pass. */
const MAX_CANDIDATES = 500;

/**
 * A product ai's ranker may recommend, with what it ranks by (internal; never served by the gateway):
 * the same eligibility rules as `Pet.recommendedProducts` (docs/decisions/0034), the ranking left to ai.
 */
@InternalType()
@ObjectType({ description: "A product ai may recommend, with what it ranks by (internal)." })
export class RecommendationCandidate {
  @Field(() => ID, { description: "The product." })
  id!: string;

  @Field(() => String, { description: "Its title." })
  title!: string;

  @Field(() => String, { description: "Its description." })
  description!: string;

  @Field(() => String, { nullable: true, description: "Its brand." })
  brand!: string | null;

  @Field(() => String, { description: "Its category's name." })
  categoryName!: string;

  @Field(() => [LifeStage], { description: "Life stages it is made for; empty for any." })
  lifeStages!: string[];

  @Field(() => Boolean, { description: "Prescription-only medicine." })
  prescriptionOnly!: boolean;

  @Field(() => [String], { description: "ATCvet codes it dispenses." })
  medicationCodes!: string[];

  @Field(() => Float, { nullable: true, description: "Average rating, 1 to 5; null without reviews." })
  averageRating!: number | null;

  @Field(() => Int, { description: "How many reviews." })
  reviewCount!: number;

  @Field(() => Int, { description: "How many deliveries of it there were (its popularity)." })
  popularity!: number;
}

@Resolver()
export class RecommendationCandidatesResolver {
  constructor(private readonly recommendations: RecommendationRepository) {}

  @Internal()
  @Query(() => [RecommendationCandidate], {
    nullable: true,
    description:
      "Internal (ai): active, in-stock products of approved vendors for a species and life stage, prescription-only ones only for the codes given; prescribed first, then most delivered.",
  })
  async recommendationCandidates(
    @Arg("species", () => Species, { description: "The pet's species." }) species: Species,
    @Arg("lifeStage", () => LifeStage, { nullable: true, description: "The pet's life stage; null: any." })
    lifeStage: LifeStage | null,
    @Arg("prescribedCodes", () => [String], { description: "ATCvet codes of the pet's running prescriptions." })
    prescribedCodes: string[],
    @Arg("limit", () => Int, { description: `How many, 1 to ${MAX_CANDIDATES}.` }) limit: number,
  ): Promise<RecommendationCandidate[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CANDIDATES)
      throw new BadUserInputError("limit", `limit must be between 1 and ${MAX_CANDIDATES}`);
    if (prescribedCodes.length > 100 || prescribedCodes.some((code) => code.length > 64))
      throw new BadUserInputError("prescribedCodes", "At most 100 codes of at most 64 characters");
    return this.recommendations.candidates({ species, lifeStage, prescribedCodes, limit });
  }
}
