import type { Species } from "../../../__generated__/web/graphql";

// Every value of the schema's enum, in the order the pickers show them: a species added to the API
// fails the type check here until the app offers it.
const ORDER = {
  DOG: true,
  CAT: true,
  RABBIT: true,
  GUINEA_PIG: true,
  HAMSTER: true,
  FERRET: true,
  BIRD: true,
  REPTILE: true,
  FISH: true,
  HORSE: true,
  OTHER: true,
} satisfies Record<Species, true>;

export const SPECIES = Object.keys(ORDER) as Species[];

/** "GUINEA_PIG" → "Guinea pig". */
export function speciesName(species: string): string {
  const words = species.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
