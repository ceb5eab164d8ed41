import { findPhoneNumbersInText, type CountryCode } from "libphonenumber-js/max";

/**
 * Personal data taken out of a question before it leaves for a model provider (SECURITY.md: "redacted
 * before it goes to any third party, AI providers included"). A pet question needs none of it to be
 * answered, and the provider keeps what it is sent. What is found is replaced by a placeholder the
 * model can still read ("call me at [phone]"), and counted so the assistant can log what it removed
 * without logging the data.
 *
 * The other side matters as much: pet questions are full of numbers (weights, doses, ages, dates,
 * microchip numbers) and a redactor that ate them would spoil the answer. Each detector is therefore
 * narrow, and the tests hold both lists.
 */

export type PiiKind = "EMAIL" | "PHONE" | "CARD" | "ADDRESS";

export interface Redaction {
  kind: PiiKind;
  count: number;
}

export interface RedactedText {
  text: string;
  /** One entry per kind found, in the order EMAIL, PHONE, CARD, ADDRESS; empty when nothing was. */
  redactions: Redaction[];
}

const PLACEHOLDER: Record<PiiKind, string> = {
  EMAIL: "[email]",
  PHONE: "[phone]",
  CARD: "[card]",
  ADDRESS: "[address]",
};

/** Where two findings overlap, the earlier kind in this list wins: an email holds digits, a card number looks like a phone. */
const PRIORITY: PiiKind[] = ["EMAIL", "CARD", "ADDRESS", "PHONE"];

interface Finding {
  kind: PiiKind;
  start: number;
  end: number;
}

export function redactPii(text: string): RedactedText {
  const findings = [...emails(text), ...cards(text), ...addresses(text), ...phones(text)];
  const kept = keepNonOverlapping(findings).sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  const counts = new Map<PiiKind, number>();
  for (const finding of kept) {
    out += text.slice(at, finding.start) + PLACEHOLDER[finding.kind];
    at = finding.end;
    counts.set(finding.kind, (counts.get(finding.kind) ?? 0) + 1);
  }
  out += text.slice(at);
  const order: PiiKind[] = ["EMAIL", "PHONE", "CARD", "ADDRESS"];
  return {
    text: out,
    redactions: order.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind)! })),
  };
}

function keepNonOverlapping(findings: Finding[]): Finding[] {
  const ranked = [...findings].sort(
    (a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || b.end - b.start - (a.end - a.start),
  );
  const kept: Finding[] = [];
  for (const finding of ranked) {
    if (!kept.some((k) => finding.start < k.end && k.start < finding.end)) kept.push(finding);
  }
  return kept;
}

function* matches(
  text: string,
  pattern: RegExp,
  kind: PiiKind,
  accept: (match: RegExpExecArray) => boolean = () => true,
) {
  for (const match of text.matchAll(pattern)) {
    if (accept(match)) yield { kind, start: match.index, end: match.index + match[0].length };
  }
}

// ---------------------------------------------------------------------------------------------- email

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

function emails(text: string): Iterable<Finding> {
  return matches(text, EMAIL, "EMAIL");
}

// ----------------------------------------------------------------------------------------------- card

/** 13 to 19 digits, single spaces or dashes allowed between them, not part of a longer number or a +phone. */
const CARD_CANDIDATE = /(?<![\d+])\d(?:[ -]?\d){12,18}(?![\d])/g;

/**
 * Issuer prefixes by length. Luhn alone would take one number in ten for a card, and pet owners type
 * 15-digit microchip numbers (ISO 11784: a 3-digit country or maker code, e.g. 250, 826, 981, then 12
 * digits). So a 15-digit number is a card only as an Amex (34, 37): a microchip is taken for one only
 * when its country code is 34x/37x (Honduras, Hong Kong, Hungary, Ireland, Israel) and it passes Luhn,
 * and then it is redacted, the safe side (the model needs no chip number to answer).
 */
const CARD_PREFIXES: { prefix: RegExp; lengths: number[] }[] = [
  { prefix: /^4/, lengths: [13, 16, 19] }, // Visa
  { prefix: /^(5[1-5]|2(22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/, lengths: [16] }, // Mastercard
  { prefix: /^3[47]/, lengths: [15] }, // American Express
  { prefix: /^3(0[0-5]|[689])/, lengths: [14, 16, 17, 18, 19] }, // Diners Club
  { prefix: /^35(2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] }, // JCB
  { prefix: /^(5[06-9]|6)/, lengths: [16, 17, 18, 19] }, // Maestro, Discover, UnionPay, RuPay
];

export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

export function looksLikeCardNumber(digits: string): boolean {
  return (
    CARD_PREFIXES.some(({ prefix, lengths }) => prefix.test(digits) && lengths.includes(digits.length)) &&
    isLuhnValid(digits)
  );
}

function cards(text: string): Iterable<Finding> {
  return matches(text, CARD_CANDIDATE, "CARD", (match) => looksLikeCardNumber(match[0].replace(/[ -]/g, "")));
}

// -------------------------------------------------------------------------------------------- address

const EN_SUFFIX =
  "Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Boulevard|Blvd|Court|Ct|Place|Pl|Way|Terrace|Close|Crescent|Gardens|Square|Sq|Highway|Hwy|Parkway|Pkwy|Circle|Cir|Mews|Row";

/**
 * English: a house number, one to four capitalised name words, a street type, an optional direction
 * ("221B Baker Street", "1600 Pennsylvania Ave NW"). Capitalised names keep "2 meals on the way" out;
 * an address typed in lower case is caught only with an unambiguous street word ("12 baker street").
 */
const EN_STREET = new RegExp(
  String.raw`\b\d{1,5}[A-Za-z]?,?\s+(?:\p{Lu}[\p{L}'-]*\s+){1,4}(?:${EN_SUFFIX})\b\.?(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?`,
  "gu",
);
const EN_STREET_LOWER = /\b\d{1,5}[a-z]?\s+(?:[a-z][a-z'-]+\s+){1,2}(?:street|avenue|road|boulevard)\b/gu;
/** Words that make "3 times down the road" or "2 Years Old Street Dog" a phrase, not an address. */
const NOT_A_STREET_NAME =
  /\b(?:the|a|an|on|in|to|of|for|at|by|up|down|and|or|my|his|her|our|their|times?|per|every|each|kg|mg|ml|lbs?|days?|weeks?|months?|years?|hours?|minutes?|miles?|km|meals?|cups?|walks?|dogs?|cats?|pets?|puppy|puppies|kittens?|lives)\s/i;

/** The words between the house number and the street type are not a phrase about the pet. */
function isStreetName(match: RegExpExecArray): boolean {
  return !NOT_A_STREET_NAME.test(match[0].replace(/^\S+\s+/, ""));
}

/**
 * French: "12 rue de la Paix", "5 bis, avenue des Champs-Élysées", "8 place Vendôme". The name must be
 * capitalised: "3 place settings" and "2 cours par semaine" are not addresses.
 */
const FR_STREET =
  /\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:[Rr]ue|[Aa]venue|[Aa]v\.|[Bb]oulevard|[Bb]d|[Pp]lace|[Cc]hemin|[Aa]llée|[Ii]mpasse|[Qq]uai|[Rr]oute)\s+(?:(?:de la|de l'|des|du|de|d')\s*)?\p{Lu}[\p{L}'-]*(?:\s+(?:(?:de|du|des|la|le)\s+)?\p{Lu}[\p{L}'-]*)*/gu;
/** German and Dutch: the number follows ("Hauptstraße 5", "Berliner Str. 12", "Kalverstraat 92"). */
const DE_NL_STREET =
  /\b\p{Lu}[\p{L}-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|straat|laan|gracht|plein)\s+\d{1,4}[a-z]?\b|\b\p{Lu}[\p{L}-]*\s+(?:Straße|Strasse|Str\.|Weg|Gasse|Platz|Allee)\s+\d{1,4}[a-z]?\b/gu;
/** Spanish and Italian: "Calle Mayor 5", "Calle de Alcalá, 45", "Via Roma 10", "Piazza Navona 2". */
const ES_IT_STREET =
  /\b(?:Calle|Avenida|Plaza|Paseo|Carrer|Via|Viale|Piazza|Corso)\s+(?:(?:de|del|de la|di|della)\s+)?\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,3},?\s+\d{1,4}\b/gu;
/**
 * UK postcodes, in capitals as they are written (lower case would also match words like "b12 5ml"); the
 * inward part never uses C, I, K, M, O or V, which keeps "B12 5MG" (a dose) out.
 */
const UK_POSTCODE = /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b/g;
/** ZIP+4 alone, or "City, ST 12345" (a bare five-digit number is too often something else). */
const US_ZIP = /\b\d{5}-\d{4}\b|(?<=\p{L},\s)[A-Z]{2}\s\d{5}\b/gu;

function addresses(text: string): Iterable<Finding> {
  return [
    ...matches(text, EN_STREET, "ADDRESS", isStreetName),
    ...matches(text, EN_STREET_LOWER, "ADDRESS", isStreetName),
    ...matches(text, FR_STREET, "ADDRESS"),
    ...matches(text, DE_NL_STREET, "ADDRESS"),
    ...matches(text, ES_IT_STREET, "ADDRESS"),
    ...matches(text, UK_POSTCODE, "ADDRESS"),
    ...matches(text, US_ZIP, "ADDRESS"),
  ];
}

// ---------------------------------------------------------------------------------------------- phone

/**
 * National formats are read as each of these countries would dial them (the platform's markets); a
 * number written with + or 00 is read by its own country code whatever the list.
 */
const PHONE_COUNTRIES: CountryCode[] = ["US", "GB", "IE", "FR", "DE", "NL", "BE", "ES", "IT"];

/** Countries whose national numbers are written without a leading 0, and what they look like then. */
const NATIONAL_WITHOUT_TRUNK: Partial<Record<CountryCode, RegExp>> = {
  US: /^\(?[2-9]/, // NANP: an area code never starts with 0 or 1
  ES: /^[6-9]/,
  IT: /^[03]/,
};

const DATE_LIKE = /^(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2})$/;

/**
 * libphonenumber finds and validates numbers against each country's real numbering plan, which a
 * regex cannot. Alone it is generous (German numbers have variable length: "2024-03-12" and a
 * microchip number are valid ones), so a national number must also look dialled: a trunk 0 where
 * the country has one, 8 to 12 digits after it, not a date.
 *
 * The text is read a clause at a time, and only clauses with 8 digits or more: no number holds a
 * comma, semicolon, colon, ! or ?, or a full stop before a space (but "ext. 204"), and without the
 * split "(415) 555-2671, 06 12 34 56 78" reads as one number with the extension 06, hiding the
 * second. The finder costs about 2 ms per clause and country (25 ms for 2,000 characters holding 20
 * numbers; 250 ms for 2,000 characters of nothing but digits): the caller bounds the question first.
 */
function phones(text: string): Iterable<Finding> {
  const found: Finding[] = [];
  for (const clause of text.matchAll(/(?:[^,;:!?\n.]|\.(?!\s|$)|(?<=ext)\.)+/gi)) {
    if (clause[0].replace(/\D/g, "").length < 8) continue;
    for (const country of PHONE_COUNTRIES) {
      for (const match of findPhoneNumbersInText(clause[0], { defaultCountry: country })) {
        const raw = clause[0].slice(match.startsAt, match.endsAt);
        if (isPlausiblyDialled(raw, match.number.nationalNumber, country)) {
          found.push({ kind: "PHONE", start: clause.index + match.startsAt, end: clause.index + match.endsAt });
        }
      }
    }
  }
  return found;
}

function isPlausiblyDialled(raw: string, nationalNumber: string, country: CountryCode): boolean {
  if (/^(?:\+|00)/.test(raw)) return true;
  // A date, or a list of decimals ("0.5 1.0 1.5 2.0 ml"): dotted phone groups have two digits or more.
  if (DATE_LIKE.test(raw) || /(?:^|\D)\d\.\d(?!\d)/.test(raw)) return false;
  if (nationalNumber.length < 8 || nationalNumber.length > 12) return false;
  const withoutTrunk = NATIONAL_WITHOUT_TRUNK[country];
  return withoutTrunk ? withoutTrunk.test(raw) : /^\(?0/.test(raw);
}
