// The deterministic triage that runs before any language model: the owner's question gets a
// Veterinary Triage List colour, and RED or ORANGE means the assistant answers only with the fixed
// "contact a vet now" block. Rules are data (triage-rules*.ts); this file only applies them.
import { anyAffirmed, findMatches, phrases, tokenise, type Match, type Phrase, type Token } from "./triage-match";
import { LEVEL_ORDER, SPECIES, type Species, type TriageLevel, type TriageRule } from "./triage-rule";
import { SPECIES_WORDS, TRIAGE_RULES } from "./triage-rules";

export type { TriageLevel } from "./triage-rule";

/** One reason for the level. */
export interface TriageFinding {
  /** Stable code, e.g. "TOXIN_CHOCOLATE", "BREATHING"; "<code>_QUESTION" when a poison is only asked about. */
  code: string;
  level: TriageLevel;
  /** One plain sentence for the owner. */
  label: string;
}

/** The level of a question and why. */
export interface TriageResult {
  level: TriageLevel;
  /** RED or ORANGE: answer with the escalation block only. */
  emergency: boolean;
  /** Most severe first. */
  findings: TriageFinding[];
}

interface CompiledRule {
  rule: TriageRule;
  match: Phrase[];
  requires: Phrase[][];
  unless: Phrase[];
}

const COMPILED: CompiledRule[] = TRIAGE_RULES.map((rule) => ({
  rule,
  match: phrases(rule.match),
  requires: (rule.requires ?? []).map(phrases),
  unless: phrases(rule.unless ?? []),
}));

const SPECIES_PHRASES = Object.entries(SPECIES_WORDS).map(([species, sources]) => ({
  species: species as Species,
  phrases: phrases(sources),
}));

// Questions about signs in general ("what are the symptoms of a seizure?", "how do I prevent
// bloat?") and past deaths: a sign named after one of these, in the same clause, is not reported.
// Kept narrow on purpose: "how do I know if he's choking, he's gasping" must stay an emergency.
const ASKING_ABOUT = phrases([
  "(what are|what is|whats|what|which|list|tell me) .. (signs of|symptoms of|sign of|symptom of|causes of|risks of|causes|warning signs)",
  "(what to look for|watch for|look out for|watch out for|how to prevent|how do i prevent|how can i prevent|prone to)",
  // Another animal's history: "my neighbour's dog died of bloat".
  "(died of|died from|death from|passed away from|lost a dog to|lost our dog to|lost my dog to|lost a cat to|lost our cat to|lost my cat to)",
]);

const rank = (level: TriageLevel): number => LEVEL_ORDER.indexOf(level);

function isSpecies(value: string): value is Species {
  return (SPECIES as readonly string[]).includes(value);
}

/** The pet's species and any animal the question names; null when neither is known. */
function candidateSpecies(tokens: Token[], species: string | null | undefined): (Species | null)[] {
  const found = new Set<Species>();
  const given = species?.toUpperCase();
  if (given && isSpecies(given)) found.add(given);
  for (const entry of SPECIES_PHRASES) if (anyAffirmed(entry.phrases, tokens)) found.add(entry.species);
  return found.size > 0 ? [...found] : [null];
}

function levelFor(rule: TriageRule, species: Species | null): TriageLevel | null {
  if (species === null) return rule.level;
  if (rule.species && species in rule.species) return rule.species[species] ?? null;
  return rule.otherSpecies !== undefined ? rule.otherSpecies : rule.level;
}

/** The most severe level the rule has for any of the candidate species, or null. */
function ruleLevel(rule: TriageRule, candidates: (Species | null)[]): TriageLevel | null {
  let best: TriageLevel | null = null;
  for (const species of candidates) {
    const level = levelFor(rule, species);
    if (level !== null && (best === null || rank(level) < rank(best))) best = level;
  }
  return best;
}

function evaluate(
  compiled: CompiledRule,
  tokens: Token[],
  candidates: (Species | null)[],
  asked: Match[],
): TriageFinding | null {
  const { rule } = compiled;
  if (!anyAffirmed(compiled.match, tokens, asked) || anyAffirmed(compiled.unless, tokens)) return null;
  const level = ruleLevel(rule, candidates);
  if (level === null) return null;
  if (compiled.requires.every((group) => anyAffirmed(group, tokens)))
    return { code: rule.code, level, label: rule.label };
  // Named but not taken: the owner is asking whether it is safe, which is general advice.
  return rule.askedAbout ? { code: `${rule.code}_QUESTION`, level: "BLUE", label: rule.label } : null;
}

/** Classifies an owner's question. `species` is the pet's (DOG, CAT, ...) when known. */
export function triage(question: string, species?: string | null): TriageResult {
  const tokens = tokenise(question);
  const candidates = candidateSpecies(tokens, species);
  const asked = ASKING_ABOUT.flatMap((phrase) => findMatches(phrase.pattern, tokens));
  const findings = COMPILED.map((compiled) => evaluate(compiled, tokens, candidates, asked))
    .filter((finding): finding is TriageFinding => finding !== null)
    .sort((a, b) => rank(a.level) - rank(b.level));
  const level = findings[0]?.level ?? "BLUE";
  return { level, emergency: level === "RED" || level === "ORANGE", findings };
}
