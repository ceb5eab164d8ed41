import { registerEnumType } from "type-graphql";

/**
 * The animal kinds a product is for: the same values as the pets subgraph's `Species` (an enum shared
 * by name across subgraphs must have the same values, so a pet's species can be passed straight to a
 * catalog filter).
 */
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

/** Stages of an animal's life a product is made for. */
export enum LifeStage {
  JUNIOR = "JUNIOR",
  ADULT = "ADULT",
  SENIOR = "SENIOR",
}

registerEnumType(LifeStage, {
  name: "LifeStage",
  description: "A stage of life a product is made for (puppy or kitten food, senior supplements, ...).",
  valuesConfig: {
    JUNIOR: { description: "Young animals: puppies, kittens, kits (under about 1 year; dogs of large breeds longer)." },
    ADULT: { description: "Adults." },
    SENIOR: { description: "Older animals (dogs from about 7 years, cats from about 10)." },
  },
});
