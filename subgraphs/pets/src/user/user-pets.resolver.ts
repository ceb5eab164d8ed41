import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ConnectionArgs, type Connection } from "@pawgraph/subgraph-kit";
import type { PetsContext } from "../context";
import type { PetEntity } from "../pet/pet.entity";
import { PetFilter } from "../pet/pet.inputs";
import type { PetService } from "../pet/pet.service";
import { PetConnection } from "../pet/pet.type";
import { User } from "./user.type";

/** identity's `User`, with the pets they own that the viewer may see. */
@Resolver(() => User)
export class UserPetsResolver {
  constructor(private readonly petService: PetService) {}

  @FieldResolver(() => PetConnection, {
    nullable: true,
    description:
      "Pets this user owns that you may see: all of them for yourself, otherwise only those shared with you. Null when the pets service cannot be reached.",
  })
  pets(
    @Root() user: User,
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
    @Arg("filter", () => PetFilter, { nullable: true, description: "Optional filters." }) filter: PetFilter | null,
    @Ctx() ctx: PetsContext,
  ): Promise<Connection<PetEntity>> {
    return this.petService.list(ctx, { first, after, filter, ownedBy: user.id });
  }
}
