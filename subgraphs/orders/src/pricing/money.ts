/**
 * Money arithmetic for pricing: integer minor units of one ISO 4217 currency, never floats. Every
 * division goes through BigInt so a product such as `amount × basisPoints` cannot lose precision
 * before it is rounded, and every result is checked to be a safe integer again.
 */

/** Basis points in 100 %: 1 bp = 0.01 %. */
export const BASIS_POINTS = 10_000;

/** ISO 4217 codes the runtime knows (Intl's list: every active currency). */
const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

/** Throws unless `value` is a safe integer (optionally ≥ 0); `what` names it in the message. */
export function assertMinor(value: number, what: string, options: { nonNegative?: boolean } = {}): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
  if (options.nonNegative && value < 0) throw new RangeError(`${what} must be at least 0, got ${value}`);
  return value;
}

/** Throws unless `currency` is an ISO 4217 code the runtime knows; returns it. */
export function assertCurrency(currency: string): string {
  if (!/^[A-Z]{3}$/.test(currency) || !CURRENCIES.has(currency)) {
    throw new RangeError(`${JSON.stringify(currency)} is not an ISO 4217 currency code`);
  }
  return currency;
}

/**
 * Digits after the decimal point of the currency's minor unit: USD/EUR/GBP 2, JPY/KRW 0,
 * KWD/BHD/JOD 3. Taken from CLDR through Intl (a fixed locale, so it does not depend on the host).
 * CLDR and ISO 4217 disagree for a few currencies (IQD: CLDR 0, ISO 3), and payment providers have
 * their own rules (Stripe and HUF/TWD): the payment adapter converts at its boundary.
 */
export function currencyExponent(currency: string): number {
  assertCurrency(currency);
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** `numerator / denominator` rounded half away from zero (so −2.5 → −3, 2.5 → 3). */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("division by zero");
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (d * 2n);
  return negative ? -quotient : quotient;
}

/** A bigint result back to a number, refusing anything outside the safe range. */
export function toSafe(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} is outside the safe integer range`);
  }
  return Number(value);
}

/** `amount × basisPoints / 10 000`, rounded half away from zero to a whole minor unit. */
export function percentOf(amountMinor: number, basisPoints: number): number {
  assertMinor(amountMinor, "amount");
  assertMinor(basisPoints, "basis points");
  return toSafe(divideRoundHalfUp(BigInt(amountMinor) * BigInt(basisPoints), BigInt(BASIS_POINTS)), "percentage");
}

/**
 * Splits `total` across parts in proportion to `weights` with the largest-remainder method: every
 * part gets the floor of its exact share, then the units left over go one each to the parts with
 * the largest fractional remainders, ties to the lower index. The parts always sum to `total`
 * exactly; a part of weight 0 gets 0; no part exceeds its weight when |total| ≤ Σ weights (so a
 * discount allocated by line amount never pushes a line below 0). A negative total is split as its
 * absolute value and negated.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  assertMinor(total, "total");
  weights.forEach((w, i) => assertMinor(w, `weight ${i}`, { nonNegative: true }));
  const sumWeights = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (total === 0) return weights.map(() => 0);
  if (sumWeights === 0n) throw new RangeError("cannot allocate a non-zero total across zero weights");
  const sign = total < 0 ? -1 : 1;
  const absolute = BigInt(Math.abs(total));
  const floors = weights.map((w) => (absolute * BigInt(w)) / sumWeights);
  const remainders = weights.map((w, i) => absolute * BigInt(w) - (floors[i] ?? 0n) * sumWeights);
  let left = absolute - floors.reduce((s, f) => s + f, 0n);
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => {
      const ra = remainders[a] ?? 0n;
      const rb = remainders[b] ?? 0n;
      return ra === rb ? a - b : ra > rb ? -1 : 1;
    });
  const parts = [...floors];
  for (const i of order) {
    if (left === 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left -= 1n;
  }
  // Sign applied after the fact so that 0 stays 0, never −0 (toEqual tells them apart).
  return parts.map((p) => (p === 0n ? 0 : sign * Number(p)));
}

/** `1234, "USD"` → `$12.34`; exact for every safe integer (the decimal is built as a string). */
export function formatMoney(amountMinor: number, currency: string): string {
  assertMinor(amountMinor, "amount");
  const exponent = currencyExponent(currency);
  const digits = Math.abs(amountMinor)
    .toString()
    .padStart(exponent + 1, "0");
  const decimal =
    (amountMinor < 0 ? "-" : "") +
    (exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`);
  const format = new Intl.NumberFormat("en", {
    style: "currency",
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // Intl formats a decimal string exactly (ES2023), where a float of a large amount would not.
  return format.format(decimal as `${number}`);
}
