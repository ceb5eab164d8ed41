import { LocalDateResolver } from "graphql-scalars";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "@pawgraph/subgraph-kit";

/** Kinds of animal Pawgraph knows. */
export enum Species {
  DOG = "DOG",
  CAT = "CAT",
  RABBIT = "RABBIT",
  GUINEA_PIG = "GUINEA_PIG",
  HAMSTER = "HAMSTER",
  FERRET = "FERRET",
  BIRD = "BIRD",
  REPTILE = "REPTILE",
  FISH = "FISH",
  HORSE = "HORSE",
  OTHER = "OTHER",
}

registerEnumType(Species, {
  name: "Species",
  description: "The kind of animal.",
  valuesConfig: {
    DOG: { description: "Dog." },
    CAT: { description: "Cat." },
    RABBIT: { description: "Rabbit." },
    GUINEA_PIG: { description: "Guinea pig." },
    HAMSTER: { description: "Hamster, gerbil or similar small rodent." },
    FERRET: { description: "Ferret." },
    BIRD: { description: "Pet bird (parrot, budgie, canary, ...)." },
    REPTILE: { description: "Reptile (tortoise, lizard, snake, ...)." },
    FISH: { description: "Fish." },
    HORSE: { description: "Horse, pony or donkey." },
    OTHER: { description: "Any other animal; say more in `breed`." },
  },
});

/** Biological sex of a pet. */
export enum PetSex {
  MALE = "MALE",
  FEMALE = "FEMALE",
  UNKNOWN = "UNKNOWN",
}

registerEnumType(PetSex, {
  name: "PetSex",
  description: "Biological sex of the pet; whether it is neutered is a separate field.",
  valuesConfig: {
    MALE: { description: "Male." },
    FEMALE: { description: "Female." },
    UNKNOWN: { description: "Not known or not recorded." },
  },
});

/** How the viewer is related to a pet. */
export enum PetRelationship {
  OWNER = "OWNER",
  CARER = "CARER",
  CLINIC = "CLINIC",
}

registerEnumType(PetRelationship, {
  name: "PetRelationship",
  description: "How you are related to a pet: owners read and change it, carers and clinics only read it here.",
  valuesConfig: {
    OWNER: { description: "You own the pet: you may change it, share it and archive it." },
    CARER: { description: "An owner shared the pet with you: you may read it until the share ends." },
    CLINIC: {
      description:
        "You work at a clinic the owner granted access to the pet's health record, that has a booking with it (see `myClinicAccess`), or that the owner wrote to about it: you may read the pet.",
    },
  },
});

/** A pet, resolvable from every subgraph by id. */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    "An animal cared for on Pawgraph. Visible to its owners, its current carers and clinics an owner granted access.",
})
export class Pet {
  @Field(() => ID, { description: "Stable unique id of the pet." })
  id!: string;

  @Field(() => String, { description: "The pet's name." })
  name!: string;

  @Field(() => Species, { description: "The kind of animal." })
  species!: Species;

  @Field(() => String, { nullable: true, description: 'Breed or mix, free text (e.g. "Border Collie").' })
  breed!: string | null;

  @Field(() => PetSex, { description: "Biological sex." })
  sex!: PetSex;

  @Field(() => Boolean, { nullable: true, description: "Whether the pet is neutered or spayed; null when not known." })
  neutered!: boolean | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "Date of birth (YYYY-MM-DD); estimated dates are fine.",
  })
  dateOfBirth!: string | null;

  @Field(() => String, { nullable: true, description: "Coat, skin or feather colour." })
  colour!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Microchip number, without spaces, in upper case: 15 digits (ISO 11784/11785), or 9 to 10 characters on older chips.",
  })
  microchipId!: string | null;

  @Field(() => String, { nullable: true, description: "URL of a photo of the pet." })
  photoUrl!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Date the pet died, if it has." })
  deceasedOn!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "When an owner archived the pet; archived pets are hidden from `myPets` by default.",
  })
  archivedAt!: Date | null;

  @Field(() => Date, { description: "When the pet was added to Pawgraph." })
  createdAt!: Date;

  @Field(() => Date, { description: "When the pet's details last changed." })
  updatedAt!: Date;

  /** Not exposed: insertion order used for cursors. */
  seq!: string;
}

export const PetConnection = connectionType(Pet, "Pet", "pet");
