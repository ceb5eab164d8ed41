import type { Issue } from "../variant/variant.validation";
import { isValidSlug } from "./slug";

/** A product's own fields as they are about to be stored. */
export interface ProductDraft {
  title: string;
  slug: string;
  description: string;
  brand: string | null;
  species: readonly string[];
  lifeStages: readonly string[];
  prescriptionOnly: boolean;
  medicationCodes: readonly string[];
}

export const LIMITS = { title: 200, description: 20_000, brand: 120, medicationCodes: 20, medicationCode: 64 };
const MEDICATION_CODE = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

function duplicates(values: readonly string[]): number[] {
  return values.flatMap((value, i) => (values.indexOf(value) < i ? [i] : []));
}

/**
 * Everything wrong with a product's own fields, each naming its field under `at` (`input`): text
 * lengths, the slug's shape, tags given twice, and a prescription-only product without the
 * medication codes it dispenses.
 */
export function productIssues(p: ProductDraft, at: string): Issue[] {
  const issues: Issue[] = [];
  const add = (field: string, message: string) => issues.push({ field: `${at}.${field}`, message });
  if (p.title.trim().length < 2 || p.title.length > LIMITS.title) add("title", `must be 2-${LIMITS.title} characters`);
  if (!isValidSlug(p.slug))
    add("slug", "must be lowercase letters and digits in words joined by single hyphens, at most 120 characters");
  if (p.description.length > LIMITS.description) add("description", `must be at most ${LIMITS.description} characters`);
  if (p.brand !== null && p.brand.length > LIMITS.brand) add("brand", `must be at most ${LIMITS.brand} characters`);
  for (const i of duplicates(p.species)) add(`species.${i}`, `${p.species[i]} is given twice`);
  for (const i of duplicates(p.lifeStages)) add(`lifeStages.${i}`, `${p.lifeStages[i]} is given twice`);
  if (p.medicationCodes.length > LIMITS.medicationCodes)
    add("medicationCodes", `at most ${LIMITS.medicationCodes} codes`);
  p.medicationCodes.forEach((code, i) => {
    if (code.length > LIMITS.medicationCode || !MEDICATION_CODE.test(code))
      add(`medicationCodes.${i}`, "must be a medication code: letters, digits, dots, colons, dashes, up to 64");
  });
  for (const i of duplicates(p.medicationCodes)) add(`medicationCodes.${i}`, `${p.medicationCodes[i]} is given twice`);
  if (p.prescriptionOnly && p.medicationCodes.length === 0)
    add("medicationCodes", "a prescription-only product must name the medication codes it dispenses");
  return issues;
}
