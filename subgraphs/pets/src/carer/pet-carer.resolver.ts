import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { PetsContext } from "../context";
import type { PetEntity } from "../pet/pet.entity";
import { Pet } from "../pet/pet.type";
import { AddCarerInput, RemoveCarerInput } from "./pet-carer.inputs";
import { toPetCarer } from "./pet-carer.mapper";
import type { PetCarerService } from "./pet-carer.service";
import { PetCarer } from "./pet-carer.type";

/** Owners share a pet by email and end shares. */
@Resolver(() => PetCarer)
export class PetCarerResolver {
  constructor(private readonly carers: PetCarerService) {}

  @Authorized()
  @Mutation(() => PetCarer, {
    description:
      "Share a pet with someone by email (owners only). Sharing again with the same email updates the end date.",
  })
  async addCarer(
    @Arg("input", () => AddCarerInput, { description: "Who to share with, and until when." }) input: AddCarerInput,
    @Ctx() ctx: PetsContext,
  ): Promise<PetCarer> {
    return toPetCarer(await this.carers.add(ctx, input));
  }

  @Authorized()
  @Mutation(() => Pet, { description: "Stop sharing a pet with a carer (owners only)." })
  removeCarer(
    @Arg("input", () => RemoveCarerInput, { description: "The share to end." }) input: RemoveCarerInput,
    @Ctx() ctx: PetsContext,
  ): Promise<PetEntity> {
    return this.carers.remove(ctx, input);
  }
}
