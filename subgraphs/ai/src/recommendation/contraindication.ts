import { stem } from "../text/words";

/**
 * Whether a product's words name an allergen on the pet's record. Conservative by design: a mention
 * is forgiven only when the words right next to it negate it ("chicken-free", "no chicken", "without
 * chicken", "free from chicken", "does not contain chicken"); anything looser (lists after a negation,
 * "no fillers and chicken") counts as a mention, because offering an allergen is worse than leaving a
 * safe product out.
 */

/** Words that name the kind of thing, not the thing: "beef protein" is about beef. */
const GENERIC = new Set([
  "protein",
  "proteins",
  "meat",
  "meal",
  "product",
  "products",
  "allergy",
  "extract",
  "derived",
]);

/**
 * A few allergens that name a family of ingredients: an allergy to the family excludes every member,
 * and an allergy to a member excludes the family's generic name (a "poultry" product may hold chicken).
 */
const FAMILIES: Record<string, string[]> = {
  poultry: ["chicken", "turkey", "duck", "goose", "quail"],
  fish: ["salmon", "tuna", "whitefish", "trout", "cod", "herring", "sardine", "anchovy", "pollock", "mackerel"],
  dairy: ["milk", "cheese", "lactose", "whey", "yoghurt", "yogurt"],
  grain: ["wheat", "corn", "maize", "barley", "oat", "rye", "gluten"],
};

const NEGATING_BEFORE = new Set(["no", "without", "zero"]);
const CONTAIN = new Set(["contain", "contains", "include", "includes"]);
const NOT = new Set(["not", "never", "doesnt", "dont", "nt"]);
const BREAK = "|";

/** Lower-case word tokens with `|` where a sentence or list breaks (hyphens join: "chicken-free" is two words). */
export function tokens(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/['’]/g, "")
      .match(/[a-z0-9]+|[.,;:!?()[\]{}\n•]/g) ?? []
  ).map((t) => (/^[a-z0-9]/.test(t) ? t : BREAK));
}

/** The word sequences (stemmed) that name an allergen in a product's text. */
export function allergenPhrases(substance: string): string[][] {
  const words = tokens(substance).filter((t) => t !== BREAK && !GENERIC.has(t));
  if (words.length === 0) return [];
  const phrases = [words.map(stem)];
  if (words.length === 1) {
    const word = stem(words[0]!);
    for (const [family, members] of Object.entries(FAMILIES)) {
      if (stem(family) === word) phrases.push(...members.map((m) => [stem(m)]));
      else if (members.some((m) => stem(m) === word)) phrases.push([stem(family)]);
    }
  }
  return phrases;
}

function negatedAt(words: string[], start: number, end: number): boolean {
  const at = (i: number) => words[i] ?? BREAK;
  if (at(end) === "free" && at(end + 1) !== "range") return true;
  if (NEGATING_BEFORE.has(at(start - 1))) return true;
  if (at(start - 1) === "from" || at(start - 1) === "of") return at(start - 2) === "free";
  return CONTAIN.has(at(start - 1)) && NOT.has(at(start - 2));
}

/** How a text mentions an allergen: `mentioned` when some mention is not negated, `negated` when every mention is. */
export function allergenMention(text: string, substance: string): "mentioned" | "negated" | "absent" {
  const raw = tokens(text);
  const words = raw.map((t) => (t === BREAK ? t : stem(t)));
  let negated = false;
  for (const phrase of allergenPhrases(substance)) {
    for (let i = 0; i + phrase.length <= words.length; i++) {
      if (!phrase.every((w, k) => words[i + k] === w)) continue;
      if (!negatedAt(raw, i, i + phrase.length)) return "mentioned";
      negated = true;
    }
  }
  return negated ? "negated" : "absent";
}

/** What a product's text says about the pet's allergens. */
export interface AllergenCheck {
  /** Some allergen is named and not negated: never recommend it. */
  contraindicated: boolean;
  /** Allergens it says it is free of ("chicken-free"): a reason to recommend it. */
  freeOf: string[];
}

export function checkAllergens(text: string, allergies: readonly string[]): AllergenCheck {
  const freeOf: string[] = [];
  for (const allergen of allergies) {
    const mention = allergenMention(text, allergen);
    if (mention === "mentioned") return { contraindicated: true, freeOf: [] };
    if (mention === "negated") freeOf.push(allergen);
  }
  return { contraindicated: false, freeOf };
}
