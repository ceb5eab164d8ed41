import { BadUserInputError, isCountryCode, isCurrencyCode, isUuid } from "@pawgraph/subgraph-kit";
import type { NewCoupon, NewShippingMethod, ShippingMethodPatch } from "./settings-admin.repository";
import type {
  CommissionRuleRow,
  CouponKind,
  CurrencySettingsRow,
  ShippingKind,
  ShippingMethodRow,
  TaxRateRow,
  WeightBand,
} from "./settings.repository";

/*
 * The settings' input rules, checked before anything is written so a bad value is BAD_USER_INPUT
 * naming its field (`input.rateBps`) rather than a CHECK violation of the table (the migration's
 * CHECKs are the same rules, kept as the last line of defence).
 */

export const TAX_CATEGORY = /^[A-Z][A-Z0-9_]{0,39}$/;
export const COUPON_CODE = /^[A-Z0-9_-]{3,32}$/;
const REGION = /^[A-Z0-9]{1,3}$/;
const BASIS_POINTS = 10_000;
const MAX_BANDS = 20;

type Absent = null | undefined;
const given = <T>(value: T | Absent): value is T => value !== null && value !== undefined;

function wholeNumber(field: string, value: number, min: number, max = 2_147_483_647): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new BadUserInputError(
      field,
      max === 2_147_483_647 ? `must be a whole number of at least ${min}` : `must be from ${min} to ${max}`,
    );
  return value;
}

export function countryOf(field: string, value: string): string {
  const country = value.trim().toUpperCase();
  if (!isCountryCode(country))
    throw new BadUserInputError(field, "must be an ISO 3166-1 alpha-2 country code, e.g. DE");
  return country;
}

export function currencyOf(field: string, value: string): string {
  const currency = value.trim().toUpperCase();
  if (!isCurrencyCode(currency)) throw new BadUserInputError(field, "must be an ISO 4217 currency code, e.g. EUR");
  return currency;
}

function forbidden(field: string, value: unknown, why: string): void {
  if (given(value)) throw new BadUserInputError(field, why);
}

export function taxRateOf(input: {
  country: string;
  region?: string | null;
  taxCategory: string;
  rateBps: number;
}): Omit<TaxRateRow, "id"> {
  const country = countryOf("input.country", input.country);
  const region = given(input.region) ? input.region.trim().toUpperCase() : null;
  if (region !== null && !REGION.test(region))
    throw new BadUserInputError("input.region", "must be 1 to 3 letters or digits, e.g. CA");
  if (!TAX_CATEGORY.test(input.taxCategory))
    throw new BadUserInputError(
      "input.taxCategory",
      "must be 1 to 40 upper-case letters, digits or underscores starting with a letter, e.g. STANDARD",
    );
  const rateBps = wholeNumber("input.rateBps", input.rateBps, 0, BASIS_POINTS);
  return { country, region, taxCategory: input.taxCategory, rateBps };
}

export function currencySettingsOf(input: {
  currency: string;
  pricesIncludeTax: boolean;
  freeShippingThresholdMinor?: number | null;
}): CurrencySettingsRow {
  const threshold = input.freeShippingThresholdMinor;
  return {
    currency: currencyOf("input.currency", input.currency),
    pricesIncludeTax: input.pricesIncludeTax,
    freeShippingThresholdMinor: given(threshold) ? wholeNumber("input.freeShippingThresholdMinor", threshold, 0) : null,
  };
}

export function commissionRuleOf(input: {
  scope: CommissionRuleRow["scope"];
  targetId: string;
  kind: CommissionRuleRow["kind"];
  rateBps?: number | null;
  fixedMinor?: number | null;
  minimumMinor?: number | null;
  currency?: string | null;
}): Omit<CommissionRuleRow, "id"> {
  if (!isUuid(input.targetId))
    throw new BadUserInputError("input.targetId", "must be a product, category or vendor id");
  let rateBps: number | null = null;
  let fixedMinor: number | null = null;
  if (input.kind === "PERCENTAGE") {
    if (!given(input.rateBps)) throw new BadUserInputError("input.rateBps", "is required for a PERCENTAGE rule");
    forbidden("input.fixedMinor", input.fixedMinor, "is only for FIXED rules");
    rateBps = wholeNumber("input.rateBps", input.rateBps, 0, BASIS_POINTS);
  } else {
    if (!given(input.fixedMinor)) throw new BadUserInputError("input.fixedMinor", "is required for a FIXED rule");
    forbidden("input.rateBps", input.rateBps, "is only for PERCENTAGE rules");
    fixedMinor = wholeNumber("input.fixedMinor", input.fixedMinor, 0);
  }
  const minimumMinor = given(input.minimumMinor) ? wholeNumber("input.minimumMinor", input.minimumMinor, 0) : null;
  const needsCurrency = fixedMinor !== null || minimumMinor !== null;
  if (needsCurrency && !given(input.currency))
    throw new BadUserInputError("input.currency", "is required with fixedMinor or minimumMinor");
  const currency = given(input.currency) ? currencyOf("input.currency", input.currency) : null;
  return {
    scope: input.scope,
    targetId: input.targetId.toLowerCase(),
    kind: input.kind,
    rateBps,
    fixedMinor,
    minimumMinor,
    currency,
  };
}

/** The code as stored (upper case), or null when it cannot be a coupon code. */
export function couponCodeOf(value: string): string | null {
  const code = value.trim().toUpperCase();
  return COUPON_CODE.test(code) ? code : null;
}

export function couponOf(
  input: {
    code: string;
    kind: CouponKind;
    percentBps?: number | null;
    amount?: { amountMinor: number; currency: string } | null;
    minimumSubtotalMinor?: number | null;
    startsAt?: Date | null;
    endsAt?: Date | null;
    usageLimit?: number | null;
    perCustomerLimit?: number | null;
    vendorId?: string | null;
    exclusive?: boolean | null;
  },
  now: Date,
): NewCoupon {
  const code = couponCodeOf(input.code);
  if (code === null) throw new BadUserInputError("input.code", "must be 3 to 32 letters, digits, _ or -");
  let percentBps: number | null = null;
  if (input.kind === "PERCENTAGE") {
    if (!given(input.percentBps))
      throw new BadUserInputError("input.percentBps", "is required for a PERCENTAGE coupon");
    percentBps = wholeNumber("input.percentBps", input.percentBps, 1, BASIS_POINTS);
  } else forbidden("input.percentBps", input.percentBps, "is only for PERCENTAGE coupons");
  let amountMinor: number | null = null;
  let currency: string | null = null;
  if (input.kind === "FIXED") {
    if (!given(input.amount)) throw new BadUserInputError("input.amount", "is required for a FIXED coupon");
    amountMinor = wholeNumber("input.amount.amountMinor", input.amount.amountMinor, 1);
    currency = currencyOf("input.amount.currency", input.amount.currency);
  } else forbidden("input.amount", input.amount, "is only for FIXED coupons");
  const startsAt = input.startsAt ?? null;
  const endsAt = input.endsAt ?? null;
  if (endsAt !== null && endsAt <= now) throw new BadUserInputError("input.endsAt", "must be in the future");
  if (endsAt !== null && startsAt !== null && endsAt <= startsAt)
    throw new BadUserInputError("input.endsAt", "must be after startsAt");
  const optional = (field: string, value: number | null | undefined, min: number) =>
    given(value) ? wholeNumber(`input.${field}`, value, min) : null;
  return {
    code,
    kind: input.kind,
    percentBps,
    amountMinor,
    currency,
    minimumSubtotalMinor: optional("minimumSubtotalMinor", input.minimumSubtotalMinor, 0),
    startsAt,
    endsAt,
    usageLimit: optional("usageLimit", input.usageLimit, 1),
    perCustomerLimit: optional("perCustomerLimit", input.perCustomerLimit, 1),
    vendorId: given(input.vendorId) ? input.vendorId.toLowerCase() : null,
    exclusive: input.exclusive ?? false,
  };
}

function nameOf(field: string, value: string): string {
  const name = value.trim();
  if (name.length < 1 || name.length > 80) throw new BadUserInputError(field, "must be 1 to 80 characters");
  return name;
}

export function bandsOf(field: string, bands: readonly WeightBand[]): WeightBand[] {
  if (bands.length < 1 || bands.length > MAX_BANDS)
    throw new BadUserInputError(field, `must have 1 to ${MAX_BANDS} bands`);
  return bands.map((band, i) => {
    wholeNumber(`${field}.${i}.upToGrams`, band.upToGrams, 1);
    if (i > 0 && band.upToGrams <= bands[i - 1]!.upToGrams)
      throw new BadUserInputError(`${field}.${i}.upToGrams`, "must be more than the previous band's");
    wholeNumber(`${field}.${i}.priceMinor`, band.priceMinor, 0);
    return { upToGrams: band.upToGrams, priceMinor: band.priceMinor };
  });
}

export function shippingMethodOf(input: {
  vendorId: string;
  name: string;
  kind: ShippingKind;
  priceMinor?: number | null;
  bands?: WeightBand[] | null;
  clinicId?: string | null;
  currency: string;
}): NewShippingMethod {
  const name = nameOf("input.name", input.name);
  const rule = (field: "priceMinor" | "bands" | "clinicId", kind: ShippingKind) => {
    if (input.kind === kind && !given(input[field]))
      throw new BadUserInputError(`input.${field}`, `is required for a ${kind} method`);
    if (input.kind !== kind) forbidden(`input.${field}`, input[field], `is only for ${kind} methods`);
  };
  rule("priceMinor", "FLAT");
  rule("bands", "WEIGHT_BANDS");
  rule("clinicId", "PICKUP");
  if (given(input.clinicId) && !isUuid(input.clinicId))
    throw new BadUserInputError("input.clinicId", "must be a clinic id");
  return {
    vendorId: input.vendorId.toLowerCase(),
    name,
    kind: input.kind,
    currency: currencyOf("input.currency", input.currency),
    priceMinor: given(input.priceMinor) ? wholeNumber("input.priceMinor", input.priceMinor, 0) : null,
    bands: given(input.bands) ? bandsOf("input.bands", input.bands) : null,
    clinicId: given(input.clinicId) ? input.clinicId.toLowerCase() : null,
  };
}

export function shippingPatchOf(
  input: { name?: string | null; priceMinor?: number | null; bands?: WeightBand[] | null; active?: boolean | null },
  method: ShippingMethodRow,
): ShippingMethodPatch {
  const patch: ShippingMethodPatch = {};
  if (given(input.name)) patch.name = nameOf("input.name", input.name);
  if (given(input.priceMinor)) {
    if (method.kind !== "FLAT") throw new BadUserInputError("input.priceMinor", "is only for FLAT methods");
    patch.priceMinor = wholeNumber("input.priceMinor", input.priceMinor, 0);
  }
  if (given(input.bands)) {
    if (method.kind !== "WEIGHT_BANDS") throw new BadUserInputError("input.bands", "is only for WEIGHT_BANDS methods");
    patch.bands = bandsOf("input.bands", input.bands);
  }
  if (given(input.active)) patch.active = input.active;
  return patch;
}
