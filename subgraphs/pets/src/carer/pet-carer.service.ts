import { BadUserInputError, NotFoundError, parseId } from "@pawgraph/subgraph-kit";
import type { PetsContext } from "../context";
import type { PetEntity } from "../pet/pet.entity";
import type { PetService } from "../pet/pet.service";
import type { PetCarerEntity } from "./pet-carer.entity";
import type { AddCarerInput, RemoveCarerInput } from "./pet-carer.inputs";
import type { PetCarerRepository } from "./pet-carer.repository";

/** Shares of a pet by email: owners add and end them; the access rule itself is in `PetRepository`. */
export class PetCarerService {
  constructor(
    private readonly carers: PetCarerRepository,
    private readonly pets: PetService,
  ) {}

  async add(ctx: PetsContext, input: AddCarerInput): Promise<PetCarerEntity> {
    const pet = await this.pets.owned(ctx, input.petId, "input.petId");
    const email = input.email.trim().toLowerCase();
    if (input.until && input.until.getTime() <= Date.now())
      throw new BadUserInputError("input.until", "until must be in the future");
    if (email === ctx.viewer!.email.toLowerCase())
      throw new BadUserInputError("input.email", "You already own this pet");
    return this.carers.upsert({ petId: pet.id, email, until: input.until ?? null, addedBy: ctx.viewer!.userId });
  }

  async remove(ctx: PetsContext, input: RemoveCarerInput): Promise<PetEntity> {
    const pet = await this.pets.owned(ctx, input.petId, "input.petId");
    const carerId = parseId(input.carerId, "input.carerId");
    if (!(await this.carers.remove(pet.id, carerId))) throw new NotFoundError("Carer", "input.carerId");
    return pet;
  }
}
