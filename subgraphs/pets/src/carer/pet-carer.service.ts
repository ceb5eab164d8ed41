import type { DataSource } from "typeorm";
import { BadUserInputError, NotFoundError, parseId } from "@pawgraph/subgraph-kit";
import type { PetsContext } from "../context";
import type { PetEntity } from "../pet/pet.entity";
import type { PetService } from "../pet/pet.service";
import { PetCarerEntity } from "./pet-carer.entity";
import type { AddCarerInput, RemoveCarerInput } from "./pet-carer.inputs";

/** Shares of a pet by email: owners add and end them; the access rule itself is in `PetRepository`. */
export class PetCarerService {
  constructor(
    private readonly db: DataSource,
    private readonly pets: PetService,
  ) {}

  async add(ctx: PetsContext, input: AddCarerInput): Promise<PetCarerEntity> {
    const pet = await this.pets.owned(ctx, input.petId, "input.petId");
    const email = input.email.trim().toLowerCase();
    if (input.until && input.until.getTime() <= Date.now()) throw new BadUserInputError("input.until", "until must be in the future");
    if (email === ctx.viewer!.email.toLowerCase()) throw new BadUserInputError("input.email", "You already own this pet");
    const rows: PetCarerEntity[] = await this.db
      .createQueryBuilder()
      .insert()
      .into(PetCarerEntity)
      .values({ petId: pet.id, email, until: input.until ?? null, addedBy: ctx.viewer!.userId })
      .orUpdate(["until", "added_by"], ["pet_id", "email"])
      .returning("id")
      .execute()
      .then((result) => result.raw as PetCarerEntity[]);
    return this.db.getRepository(PetCarerEntity).findOneByOrFail({ id: rows[0]!.id });
  }

  async remove(ctx: PetsContext, input: RemoveCarerInput): Promise<PetEntity> {
    const pet = await this.pets.owned(ctx, input.petId, "input.petId");
    const carerId = parseId(input.carerId, "input.carerId");
    const result = await this.db.getRepository(PetCarerEntity).delete({ id: carerId, petId: pet.id });
    if (!result.affected) throw new NotFoundError("Carer", "input.carerId");
    return pet;
  }
}
