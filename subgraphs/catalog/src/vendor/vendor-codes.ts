/**
 * The code lists vendor details are checked against: real ISO 4217 currencies and ISO 3166-1 alpha-2
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

/** A URL-safe slug from a shop's name: "Café Müller & Söhne" → "cafe-muller-sohne" (at most 60 characters). */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 60)
    .replace(/^-+|-+$/g, "");
}
