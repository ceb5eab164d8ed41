/**
 * The life stage catalog filters products by, from a pet's species and birth date: the same ages as
 * catalog's rules (docs/decisions/0034), repeated here because subgraphs share no domain code and
 * ai must name the stage when it asks catalog for candidates.
 */
const SENIOR_FROM_YEARS: Record<string, number> = {
  DOG: 7,
  CAT: 10,
  RABBIT: 5,
  GUINEA_PIG: 4,
  HAMSTER: 1.5,
  FERRET: 5,
  HORSE: 15,
};
const JUNIOR_UNTIL_YEARS: Record<string, number> = { HAMSTER: 0.25, HORSE: 3 };

/** JUNIOR, ADULT or SENIOR as of `today` (ISO dates); null when the birth date is unknown. */
export function lifeStageOf(species: string, dateOfBirth: string | null, today: string): string | null {
  if (!dateOfBirth) return null;
  const age = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dateOfBirth}T00:00:00Z`)) / (365.25 * 86_400_000);
  if (age < (JUNIOR_UNTIL_YEARS[species] ?? 1)) return "JUNIOR";
  const senior = SENIOR_FROM_YEARS[species];
  return senior !== undefined && age >= senior ? "SENIOR" : "ADULT";
}
