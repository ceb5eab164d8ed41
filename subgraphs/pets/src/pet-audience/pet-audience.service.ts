import { BadUserInputError, isUuid, type BaseContext } from "@pawgraph/subgraph-kit";
import type { PetRepository } from "../pet/pet.repository";
import type { PetAudience } from "./pet-audience.type";

/**
 * Names and owners of pets, for a trusted caller acting for no viewer (messaging's reminders): no
 * access rule applies, so the resolver's `@Internal()` guard is what keeps it from clients.
 */
export class PetAudienceService {
  constructor(private readonly repository: PetRepository) {}

  async audience(_ctx: BaseContext, petIds: string[]): Promise<PetAudience[]> {
    if (petIds.length > 100 || !petIds.every(isUuid))
      throw new BadUserInputError("petIds", "petIds must be at most 100 pet ids");
    const ids = petIds.map((id) => id.toLowerCase());
    const [pets, owners] = await Promise.all([this.repository.namesOf(ids), this.repository.ownersOf(ids)]);
    return pets.map((pet) => ({
      petId: pet.id,
      name: pet.name,
      ownerIds: owners.filter((o) => o.petId === pet.id).map((o) => o.userId),
    }));
  }
}
