import { BadUserInputError } from "@pawgraph/subgraph-kit";

/**
 * The microchip numbers we accept, once normalized: ISO 11784/11785 (FDX-B), 15 digits, the standard
 * everywhere since the 2000s; and the older non-ISO chips still found in living animals, 9 or 10
 * letters and digits (AVID's 9 digits, FDX-A and Trovan's 10 hexadecimal characters). The database
 * holds the same rule (pets.pets CHECK), so a number is stored only in this form.
 */
const MICROCHIP = /^(?:[0-9]{15}|[0-9A-Z]{9,10})$/;

/**
 * The one form a microchip number is stored and compared in: scanners and vaccination passports
 * print it grouped ("276 098 106 123 456", "0A1-2B3-C4D5") and in either case; without this, one chip
 * could be registered twice by writing it differently.
 */
export function normalizeMicrochip(value: string): string {
  return value.replace(/[\s-]/g, "").toUpperCase();
}

/** The normalized number, null for an empty one (clears it), or BAD_USER_INPUT on `field`. */
export function parseMicrochip(value: string | null, field: string): string | null {
  if (value === null) return null;
  const normalized = normalizeMicrochip(value);
  if (!normalized) return null;
  if (!MICROCHIP.test(normalized))
    throw new BadUserInputError(
      field,
      "A microchip number is 15 digits (ISO 11784), or 9 to 10 letters and digits on older chips",
    );
  return normalized;
}
