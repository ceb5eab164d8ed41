import type { Species } from "../../../__generated__/web/graphql";

export const SPECIES: Species[] = [
  "DOG",
  "CAT",
  "RABBIT",
  "GUINEA_PIG",
  "HAMSTER",
  "FERRET",
  "BIRD",
  "REPTILE",
  "FISH",
  "HORSE",
  "OTHER",
];

/** "GUINEA_PIG" → "Guinea pig". */
export function speciesName(species: string): string {
  const words = species.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
