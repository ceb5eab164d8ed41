import { LifeStage, Species } from "../shared/species";

/**
 * Age (in years) from which an animal counts as senior, per species: dogs and cats as vets commonly
 * put it (AAHA/AAFP life-stage guidelines: dogs around 7, cats around 10), smaller mammals earlier.
 */
const SENIOR_FROM_YEARS: Partial<Record<Species, number>> = {
  [Species.DOG]: 7,
  [Species.CAT]: 10,
  [Species.RABBIT]: 5,
  [Species.GUINEA_PIG]: 4,
  [Species.HAMSTER]: 1.5,
  [Species.FERRET]: 5,
  [Species.HORSE]: 15,
};
/** Until this age an animal is young (puppy, kitten, kit, foal). */
const JUNIOR_UNTIL_YEARS: Partial<Record<Species, number>> = {
  [Species.HAMSTER]: 0.25,
  [Species.HORSE]: 3,
};

/** Whole years (fractional) between two ISO dates. */
function yearsBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / (365.25 * 86_400_000);
}

/** The life stage of an animal of `species` born on `dateOfBirth` (ISO date), as of `today`; null when the birth date is unknown. */
export function lifeStageOf(species: Species, dateOfBirth: string | null, today: string): LifeStage | null {
  if (!dateOfBirth) return null;
  const age = yearsBetween(dateOfBirth, today);
  if (age < (JUNIOR_UNTIL_YEARS[species] ?? 1)) return LifeStage.JUNIOR;
  const senior = SENIOR_FROM_YEARS[species];
  return senior !== undefined && age >= senior ? LifeStage.SENIOR : LifeStage.ADULT;
}
