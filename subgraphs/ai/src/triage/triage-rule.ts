// The shape of a triage rule, the species and the exposure phrases shared by the rule files.
import type { SpeciesName as Species } from "../knowledge/knowledge.values";

/** Veterinary Triage List colours, most severe first. */
export type TriageLevel = "RED" | "ORANGE" | "YELLOW" | "GREEN" | "BLUE";

export const LEVEL_ORDER: readonly TriageLevel[] = ["RED", "ORANGE", "YELLOW", "GREEN", "BLUE"];

// pets' species, as the knowledge index names them.
export { SPECIES } from "../knowledge/knowledge.values";
export type { Species };

/**
 * One finding as data. It fires when one of `match` is found (not negated) and, for every group in
 * `requires`, one of its phrases is found anywhere in the question. Patterns: see triage-match.ts.
 */
export interface TriageRule {
  code: string;
  /** One plain sentence for the owner. */
  label: string;
  /** Level when the species is unknown; null: the rule needs a known species. */
  level: TriageLevel | null;
  /** Per-species level; null: does not apply to that species. */
  species?: Partial<Record<Species, TriageLevel | null>>;
  /** Level for a known species not listed in `species` (default: `level`). */
  otherSpecies?: TriageLevel | null;
  match: string[];
  requires?: string[][];
  /** Phrases that cancel the rule when found ("can't walk on his back leg" is a limp, not collapse). */
  unless?: string[];
  /**
   * Toxins: when the substance is named but no exposure is reported ("are grapes safe for dogs?"),
   * report `<code>_QUESTION` at BLUE with the same label instead of nothing.
   */
  askedAbout?: boolean;
}

// Swallowing or contact that happened (or may have): counts in any sentence, "if he ate" included,
// because owners often ask "what if he ate" after the fact.
export const ATE = [
  "ate|eaten|eated|eatin|eatten|swallow*|swolled|=ingest*|consumed|scoffed|gobbled|wolfed|munched|devoured|snaffled|stole|stolen",
  "chewed|chomped|licked|drank|drunk|lapped|nibbled|nibbling|raided",
  "(got into|got in|got hold|get into|got at|helped himself|helped herself|polished off|finished off)",
  "(had some|had a|had an|had half|had the|had loads|had lots|has had|have had|took some)",
  "had #",
  "found .. wrapper*|eating|chewing|licking",
  "(empty wrapper|empty wrappers|wrappers everywhere|chewed wrapper|chewed wrappers)",
  "(might have|may have|must have|could have|think he|think she|think it) .. ate|eaten|had|swallowed|licked|chewed|got",
  // Present tense counts unless the sentence is hypothetical ("can dogs eat...?").
  "?eat|eats|eating|chewing|licking|swallowing|drinking|drinks|chews|licks",
];

// Medicines and spot-ons are given, not eaten.
export const GIVEN = [
  "gave|given|giving|administered|dosed|treated|applied|put|used|rubbed|sprayed|smeared",
  "?give|gives|use|apply",
];
