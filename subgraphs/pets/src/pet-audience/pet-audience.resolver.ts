import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { Internal } from "@pawgraph/subgraph-kit";
import type { PetsContext } from "../context";
import type { PetAudienceService } from "./pet-audience.service";
import { PetAudience } from "./pet-audience.type";

/**
 * Internal query other subgraphs call directly (with the gateway secret) when they act for no viewer:
 * messaging asks whom to notify about a pet's reminder. `@Internal()`: the gateway never serves it,
 * and called directly it answers only callers with the gateway secret.
 */
@Resolver()
export class PetAudienceResolver {
  constructor(private readonly audience: PetAudienceService) {}

  @Internal()
  @Query(() => [PetAudience], {
    nullable: true,
    description: "Internal: names and owners of up to 100 pets, for notifications.",
  })
  petAudience(
    @Arg("petIds", () => [ID], { description: "The pets." }) petIds: string[],
    @Ctx() ctx: PetsContext,
  ): Promise<PetAudience[]> {
    return this.audience.audience(ctx, petIds);
  }
}
