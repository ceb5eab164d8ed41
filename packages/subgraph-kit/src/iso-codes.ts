/**
 * The code lists addresses, vendors and prices are checked against: real ISO 4217 currencies and ISO 3166-1 alpha-2
 * countries as the runtime's ICU data knows them, so a well-formed but unknown code ("XX", "ABC") is refused.
 */
export const CURRENCIES: readonly string[] = Intl.supportedValuesOf("currency");

/**
 * Region codes ICU names that are not assigned ISO 3166-1 countries: groupings (EU, UN, Outlying Oceania),
 * exceptional reservations (Ascension, Canary Islands, ...), withdrawn codes (Burma, USSR, Yugoslavia, ...)
 * and ICU's pseudo-locales. Kosovo's XK stays: banks and carriers use it.
 */
const NOT_COUNTRIES = new Set("EU EZ UN QO ZZ XA XB AC CP CQ DG EA IC TA AN BU CS DD FX SU TP YU ZR".split(" "));

function regionCodes(): string[] {
  const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
  const codes: string[] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (!NOT_COUNTRIES.has(code) && names.of(code) !== code) codes.push(code);
    }
  return codes;
}

export const COUNTRIES: readonly string[] = regionCodes();

const countrySet = new Set(COUNTRIES);
const currencySet = new Set(CURRENCIES);

export function isCountryCode(code: string): boolean {
  return countrySet.has(code);
}

export function isCurrencyCode(code: string): boolean {
  return currencySet.has(code);
}
