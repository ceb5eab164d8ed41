import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from "type-graphql";
import { BadUserInputError, Internal, InternalType, isUuid } from "@pawgraph/subgraph-kit";
import type { PetsContext } from "../context";

@InternalType()
@ObjectType({ description: "Who hears about a pet (internal: for other subgraphs, not served by the gateway)." })
export class PetAudience {
  @Field(() => ID, { description: "The pet." })
  petId!: string;

  @Field(() => String, { description: "The pet's name." })
  name!: string;

  @Field(() => [ID], { description: "Its owners' user ids." })
  ownerIds!: string[];
}

/**
 * Internal query other subgraphs call directly (with the gateway secret) when they act for no viewer:
 * messaging asks whom to notify about a pet's reminder. `@Internal()`: the gateway never serves it,
 * and called directly it answers only callers with the gateway secret.
 */
@Resolver()
export class PetAudienceResolver {
  @Internal()
  @Query(() => [PetAudience], { nullable: true, description: "Internal: names and owners of up to 100 pets, for notifications." })
  async petAudience(@Arg("petIds", () => [ID], { description: "The pets." }) petIds: string[], @Ctx() ctx: PetsContext): Promise<PetAudience[]> {
    if (petIds.length > 100 || !petIds.every(isUuid)) throw new BadUserInputError("petIds", "petIds must be at most 100 pet ids");
    const ids = petIds.map((id) => id.toLowerCase());
    const [pets, owners] = await Promise.all([ctx.services.repository.namesOf(ids), ctx.services.repository.ownersOf(ids)]);
    return pets.map((pet) => ({ petId: pet.id, name: pet.name, ownerIds: owners.filter((o) => o.petId === pet.id).map((o) => o.userId) }));
  }
}
