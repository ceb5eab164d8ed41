import { registerEnumType } from "type-graphql";

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
