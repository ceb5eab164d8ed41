/** What moderation did to a message before it was stored. */
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
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;

/** Masks card numbers (keeping the last four digits) and IBANs, which must never be stored in chat. */
export function maskSecrets(text: string): { text: string; masked: boolean } {
  let masked = false;
  let result = text.replace(CARD_CANDIDATE, (match) => {
    const digits = match.replace(/\D/g, "");
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) return match;
    masked = true;
    return `[card number ending ${digits.slice(-4)}]`;
  });
  result = result.replace(IBAN, (match) => {
    masked = true;
    return `[bank account ending ${match.replace(/\s/g, "").slice(-4)}]`;
  });
  return { text: result, masked };
}

/** A small list of abusive terms; a production system would plug in a classifier here. */
const ABUSIVE = ["idiot", "stupid", "moron", "bitch", "bastard", "asshole", "fuck", "shit", "scum", "kill you", "arschloch", "scheiße"];

/** Reasons a message needs a clinic admin's review (it is still delivered, and queued for review). */
export function abuseReasons(text: string): string[] {
  const lower = text.toLowerCase();
  return ABUSIVE.filter((term) => new RegExp(`(^|[^\\p{L}])${term.replace(/ /g, "\\s+")}([^\\p{L}]|$)`, "u").test(lower)).map((term) => `abusive language: "${term}"`);
}

/** Applies moderation before storing: secrets masked, abuse flagged. */
export function moderate(text: string): ModerationResult {
  const { text: safe, masked } = maskSecrets(text);
  return { text: safe, masked, flagReasons: abuseReasons(text) };
}
