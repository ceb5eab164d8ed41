import type { PetEntity } from "./pet.entity";
import { MicrochipTakenError } from "./pet.errors";
import type { MicrochipTaken } from "./pet.service";
import { Pet } from "./pet.type";

/**
 * A `CreatePetResult` / `UpdatePetResult` member: the pet as an instance of its GraphQL class (the
 * union resolves its member by class), or the microchip refusal the service returned as a value.
 */
export function toPetResult(result: PetEntity | MicrochipTaken): Pet | MicrochipTakenError {
  if ("microchipTaken" in result) return new MicrochipTakenError();
  return Object.assign(new Pet(), result);
}
