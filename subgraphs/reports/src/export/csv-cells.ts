/** Characters that make a spreadsheet read a cell as a formula (or, for TAB and CR, can hide one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell that spreadsheets will show as text: one starting with = + - @ TAB or CR gets a
 * leading apostrophe (OWASP's advice against CSV injection), so `=cmd()` is shown, never run.
 * Numbers are written by us, never neutralised.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
