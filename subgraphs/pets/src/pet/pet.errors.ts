import { createUnionType, Field, ObjectType } from "type-graphql";
import { Pet } from "./pet.type";

@ObjectType({
  description:
    "Another living pet is registered with this microchip number (a chip is unique among pets that are neither deceased nor archived). Check the number; if the pet is yours, contact support. Whose pet it is is not disclosed.",
})
export class MicrochipTakenError {
  @Field(() => String, { description: "Human-readable explanation." })
  message =
    "Another pet is already registered with this microchip number. Check the number, or contact support if this pet is yours.";
}

export const CreatePetResult = createUnionType({
  name: "CreatePetResult",
  description: "The new pet, or why it could not be added.",
  types: () => [Pet, MicrochipTakenError] as const,
});

export const UpdatePetResult = createUnionType({
  name: "UpdatePetResult",
  description: "The changed pet, or why the change could not be made (the pet stays as it was).",
  types: () => [Pet, MicrochipTakenError] as const,
});
