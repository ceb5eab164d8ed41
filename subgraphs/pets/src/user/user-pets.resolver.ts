import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ConnectionArgs, isUuid, type Connection } from "@pawgraph/subgraph-kit";
import type { PetsContext } from "../context";
import type { PetEntity } from "../pet/pet.entity";
import { PetConnection, PetFilter } from "../pet/pet.type";
import { User } from "./user.type";

@Resolver(() => User)
export class UserPetsResolver {
  @FieldResolver(() => PetConnection, {
    nullable: true,
    description: "Pets this user owns that you may see: all of them for yourself, otherwise only those shared with you. Null when the pets service cannot be reached.",
  })
  pets(
    @Root() user: User,
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
    @Arg("filter", () => PetFilter, { nullable: true, description: "Optional filters." }) filter: PetFilter | null,
    @Ctx() ctx: PetsContext,
  ): Promise<Connection<PetEntity>> {
    return ctx.services.pets.list(ctx, { first, after, filter, ownedBy: user.id });
  }
}

export const userReference = {
  __resolveReference(reference: { id: string }): User | null {
    return isUuid(reference.id) ? { id: reference.id.toLowerCase() } : null;
  },
};
