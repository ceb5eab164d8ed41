/**
 * GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) check-digit validation, GS1's mod-10 rule: from the digit
 * next to the check digit leftwards, weights alternate 3, 1, 3, ...; the check digit brings the sum
 * to a multiple of ten. A barcode typed wrong by one digit (or two swapped neighbours, mostly) fails.
 */
export const GTIN_LENGTHS = [8, 12, 13, 14] as const;

export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether `code` is 8, 12, 13 or 14 digits with a correct check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^\d+$/.test(code) || !(GTIN_LENGTHS as readonly number[]).includes(code.length)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code[code.length - 1]);
}
