import { electronicFormatIBAN, isValidIBAN } from "ibantools";
import { DataSet, RegExpMatcher, englishDataset, englishRecommendedTransformers, pattern } from "obscenity";

/** What moderation did to a text before it was stored. */
export interface ModerationResult {
  text: string;
  masked: boolean;
  flagReasons: string[];
}

/** Luhn checksum: tells card numbers apart from other long digit runs (phone numbers, chip ids). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

// 13 to 19 digits, optionally grouped by spaces or dashes, as card numbers are written.
const CARD_CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/g;
// Two letters, two check digits, then 11 to 30 letters or digits, optionally in groups of four.
const IBAN_CANDIDATE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/gi;
// A card's security code, a PIN or a password given by name: "CVV 123", "pin: 4821", "password is hunter2".
// The value ends before trailing punctuation ("pin: 4821, ok?" keeps its comma).
const NAMED_SECRET =
  /\b(cvv2?|cvc2?|security code|pin|passcode|password|passwort|kennwort)(\s*(?:is|ist|:|=)?\s*)(\S*[^\s,;.!?)])/gi;

/**
 * Masks what must never be stored in text people write to each other or publish: card numbers
 * (Luhn-valid, last four kept), IBANs (checksum-valid, last four kept) and security codes, PINs and
 * passwords given by name.
 */
export function maskSecrets(text: string): { text: string; masked: boolean } {
  let masked = false;
  let result = text.replace(CARD_CANDIDATE, (match) => {
    const digits = match.replace(/\D/g, "");
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) return match;
    masked = true;
    return `[card number ending ${digits.slice(-4)}]`;
  });
  result = result.replace(IBAN_CANDIDATE, (match) => {
    const iban = electronicFormatIBAN(match);
    if (!iban || !isValidIBAN(iban)) return match;
    masked = true;
    return `[bank account ending ${iban.slice(-4)}]`;
  });
  result = result.replace(NAMED_SECRET, (match, name: string, separator: string, value: string) => {
    // These words also start ordinary sentences ("the pin is loose", "my password is wrong"): a value
    // counts when it holds a digit or a symbol, or follows ":" or "=" (passwords only).
    const secretLooking = /[^\p{L}]/u.test(value) || (/^pass|wort$/i.test(name) && /[:=]/.test(separator));
    if (!secretLooking) return match;
    masked = true;
    return `${name}${separator}[hidden]`;
  });
  return { text: result, masked };
}

/**
 * Words people use about an animal's body, sex or droppings. The English dataset flags them as
 * profanity; on a platform about animals they are the subject ("my bitch is in heat", "anal glands",
 * "what sex is the kitten", "blue tit", "scat sample", "the cock crows").
 */
const ANIMAL_BODY_WORDS = new Set([
  "anal",
  "anus",
  "ass",
  "bitch",
  "boob",
  "cock",
  "cum",
  "ejaculate",
  "masturbate",
  "orgasm",
  "penis",
  "piss",
  "pussy",
  "scat",
  "semen",
  "sex",
  "tit",
  "turd",
  "vagina",
]);

/** Insults the English dataset (profanity, slurs) does not cover, in English and German. Matched as whole words. */
const INSULTS = [
  "idiot",
  "stupid",
  "moron",
  "scum",
  "kill you",
  "arschloch",
  "wichser",
  "hurensohn",
  "fotze",
  "missgeburt",
  "vollidiot",
];

const dataset = new DataSet<{ originalWord: string }>()
  .addAll(englishDataset)
  .removePhrasesIf((phrase) => ANIMAL_BODY_WORDS.has(phrase.metadata?.originalWord ?? ""));
for (const word of INSULTS)
  dataset.addPhrase((phrase) => phrase.setMetadata({ originalWord: word }).addPattern(pattern`|${word}|`));
// "Scheiße", "Scheisse", "Scheißkerl" (ß is read as "ss" first; as a confusable it would turn into "b", and "Scheibe" is a window).
dataset.addPhrase((phrase) => phrase.setMetadata({ originalWord: "scheiße" }).addPattern(pattern`|scheiss`));

const built = dataset.build();
/**
 * obscenity's matcher with its recommended transformers: sees through "f*ck", "sh1t", "fuuuuck" and
 * look-alike letters. "shiitake" collapses to "shitake", so it is whitelisted.
 */
const matcher = new RegExpMatcher({
  ...built,
  whitelistedTerms: [...(built.whitelistedTerms ?? []), "shiitake"],
  ...englishRecommendedTransformers,
});

/** Why a text needs a person's review (abusive language found), empty when it needs none. What to do about it is the caller's rule. */
export function abuseReasons(text: string): string[] {
  const words = new Set<string>();
  for (const match of matcher.getAllMatches(text.replace(/ß/g, "ss"), true)) {
    const word = dataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord;
    if (word) words.add(word);
  }
  return [...words].map((word) => `abusive language: "${word}"`);
}

/** Applies moderation before storing: secrets masked, abuse flagged. */
export function moderate(text: string): ModerationResult {
  const { text: safe, masked } = maskSecrets(text);
  return { text: safe, masked, flagReasons: abuseReasons(text) };
}
