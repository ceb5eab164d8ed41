/**
 * Sentences that speak to an AI rather than to a pet owner: "ignore previous instructions", "you are
 * now ...", "system: ...", "as an AI you must ...". A care article never needs one, so a passage's
 * sentence that looks like one is neither quoted to the owner nor sent to a model (docs/decisions/0037).
 * Deliberately broad: dropping a sentence costs little, quoting a planted instruction costs a lot.
 */
const PATTERNS: RegExp[] = [
  /\b(ignore|disregard|forget|override|bypass)\b[^.!?]{0,40}\b(instructions?|prompts?|rules|guidelines|directions|context|system)\b/i,
  /\b(previous|prior|above|earlier|preceding)\s+(instructions?|prompts?|messages?|rules)\b/i,
  /\byou\s+are\s+(now|no\s+longer)\b/i,
  /\b(act|behave|pretend)\s+as\s+(if\s+)?(an?\s+)?(ai|assistant|model|chatbot|system|developer)\b/i,
  /\bas\s+an?\s+(ai|language\s+model|assistant)\b/i,
  /(^|\s)(system|assistant|developer|user)\s*:/i,
  /<\/?\s*(source|system|instructions?|prompt)\b/i,
  /\b(tell|instruct|advise)\s+(the\s+)?(user|owner|reader|human)s?\s+to\b/i,
  /\b(reveal|print|repeat|output)\s+(your|the)\s+(system\s+)?(prompt|instructions)\b/i,
  /\bjailbreak|\bDAN\b|developer\s+mode/i,
];

export function looksLikeInstruction(sentence: string): boolean {
  return PATTERNS.some((pattern) => pattern.test(sentence));
}

/** The text without its instruction-like sentences (kept in reading order, whitespace as it was). */
export function withoutInstructions(text: string): string {
  return (text.match(/[^.!?\n]+(?:[.!?]+|\n|$)\s*/g) ?? [text]).filter((s) => !looksLikeInstruction(s)).join("");
}
