// Text matching for the triage rules: normalisation, a tiny phrase-pattern language, fuzzy words
// and negation. Deterministic and dependency-free, so the same question always gets the same level.
//
// Pattern language (one string per phrase):
//   words separated by spaces must appear in order, next to each other, in one sentence;
//   `a|b|c`  any of these words;     `(hot cross bun|fruit cake)`  any of these word sequences
//            (mixable: `bun|buns|(hot cross bun)`; a sequence may hold `..` but no nested group);
//   `vomit*`  any word starting with "vomit";
//   `=adder` exact only (no typo tolerance: "ladder" is not a snake);   `#`  any number;
//   `..`     up to three other words in between, inside one clause (commas, "and", "but" end one).
// In a rule's list, a leading `?` marks a present-tense exposure and `~` a context (see Phrase).
// Words of five letters or more also match a typo: one insertion, deletion or swap of two
// neighbouring letters (Damerau-Levenshtein, optimal string alignment, distance 1), and from six
// letters one wrong letter too. The first letter must be right, a `stem*` takes a typo only from six
// letters, and a typed word that is a real word (REAL_WORDS) or a word some rule spells out is taken
// as itself: "breed" is not "bleed", "brushed" is not "crushed".

/** One word of the question and where it sits. */
export interface Token {
  word: string;
  /** Sentence index: a phrase never spans two sentences. */
  sentence: number;
  /** Sub-clause index (commas, "and", "but"...): a negation reaches only inside its own. */
  clause: number;
}

/** Where a pattern matched: token indexes [start, end). */
export interface Match {
  start: number;
  end: number;
}

type Alternative = { text: string; prefix: boolean; exact: boolean; number: boolean };
// A step is a gap, or a choice between word sequences (a plain word is a sequence of one); a
// sequence inside a group may itself hold gaps: "(holding .. paw up|on three legs)".
type Step = { gap: true } | { gap: false; word: Alternative[] } | { gap: false; options: Step[][] };
export type CompiledPattern = { source: string; steps: Step[] };

const MIN_FUZZY_LENGTH = 5;
const MIN_FUZZY_STEM = 6;
const MAX_GAP = 3;
const NEGATION_REACH = 3;

// Real words one typo away from a rule word that would change the level ("beach" is not "bleach",
// "collars" is not "collapse"). Found by running every rule word against the Debian american and
// british word lists and keeping the words an owner might write; rule words themselves are never
// typos either (see KNOWN_WORDS).
export const REAL_WORDS = new Set(
  `beach batter batters buttery bitter batten breadth breach boat boats boated boating blot choke
   chokes cooking cooked coking collar collars collect collected collecting collection collide
   collided collies collision cowlick clicking faces fees fences fright frights flights gape gapes
   graces grates graves grazes graphs gropes have heaven incest infest infested invest intestine
   intestines intestinal liked locked linked lacked liking locking linking lacking letter latter
   liter tables sake hoarse hose hoses daylight daylights current currents rain rains resin resins
   spayed killed dose doses poison poisons breed breeds bread raising ladder ladders wound found
   round sounds`.split(/\s+/),
);

// Every word some pattern spells out: such a word is meant as itself, never as a typo of another
// ("brushed" is not "crushed", "kitten" is not "bitten"). Filled as patterns compile when their
// modules load, so it holds the words of every rule file and of dosing.ts once the ai app imports them.
const KNOWN_WORDS = new Set<string>();

const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan'?t\b/g, "can not"],
  [/\bwon'?t\b/g, "will not"],
  [/\bain'?t\b/g, "is not"],
  [/\b(do|does|did|is|are|was|were|has|have|had|could|would|should|must|need)n'?t\b/g, "$1 not"],
  [/\bcannot\b/g, "can not"],
  [/\bhe'?s\b/g, "he is"],
  [/\bshe'?s\b/g, "she is"],
  [/\bit'?s\b/g, "it is"],
  [/\b(he|she|it|they)'?ve\b/g, "$1 have"],
  [/\bi'?ve\b/g, "i have"],
];

const SENTENCE_BREAK = /[.!?;\n]+/;
const CLAUSE_WORDS = new Set(["and", "but", "then", "so", "because", "though", "although", "however", "while"]);
const NEGATORS = new Set(["not", "no", "never", "without", "nothing", "none", "neither", "nor", "zero"]);
// "not sure he ate it" is doubt, not denial: the risk stays. Same for "no idea if", "don't think".
const HEDGES = new Set(["sure", "certain", "know", "knowing", "idea", "think", "clear", "positive", "remember"]);

/** Lower-case, strip accents and punctuation, expand contractions, split numbers from units. */
export function normalise(text: string): string {
  let out = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'");
  for (const [pattern, replacement] of CONTRACTIONS) out = out.replace(pattern, replacement);
  return out
    .replace(/&/g, " and ")
    .replace(/(\d)(st|nd|rd|th)\b/g, "$1")
    .replace(/(\d)([a-z])/g, "$1 $2")
    .replace(/([a-z])(\d)/g, "$1 $2")
    .replace(/'/g, "");
}

/** Splits a question into tokens with sentence and clause indexes. */
export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  normalise(text)
    .split(SENTENCE_BREAK)
    .forEach((sentenceText, sentence) => {
      for (const part of sentenceText.split(/[,:()"/]+/)) {
        clause += 1;
        for (const word of part.split(/[^a-z0-9]+/).filter(Boolean)) {
          if (CLAUSE_WORDS.has(word)) clause += 1;
          tokens.push({ word, sentence, clause });
        }
      }
    });
  return tokens;
}

/** True when a and b differ by at most one edit (insert, delete, substitute, swap neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i += 1;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function compileAlternative(raw: string): Alternative {
  const exact = raw.startsWith("=");
  const body = exact ? raw.slice(1) : raw;
  const prefix = body.endsWith("*");
  const text = prefix ? body.slice(0, -1) : body;
  if (!prefix) KNOWN_WORDS.add(text);
  return { text, prefix, exact, number: text === "#" };
}

function compileWords(words: string[]): Step[] {
  return words.map((word) =>
    word === ".." ? { gap: true as const } : { gap: false as const, word: word.split("|").map(compileAlternative) },
  );
}

// Splits on `sep` outside parentheses: "a|(b c)|d" → ["a", "(b c)", "d"].
function splitTop(text: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "(") depth += 1;
    if (char === ")") depth -= 1;
    if (depth < 0 || depth > 1) throw new Error(`triage pattern "${text}": unbalanced or nested parentheses`);
    if (depth === 0 && sep.test(char)) {
      if (current) parts.push(current);
      current = "";
    } else current += char;
  }
  if (depth !== 0) throw new Error(`triage pattern "${text}": unbalanced parentheses`);
  if (current) parts.push(current);
  return parts;
}

/** Compiles one pattern string; throws on a malformed one so a typo in the rules fails at load. */
export function compilePattern(source: string): CompiledPattern {
  const steps: Step[] = [];
  for (const part of splitTop(source.trim(), /\s/)) {
    if (part === "..") {
      steps.push({ gap: true });
      continue;
    }
    const options: Step[][] = [];
    for (const choice of splitTop(part, /\|/)) {
      if (choice.startsWith("(") && choice.endsWith(")"))
        for (const sequence of choice.slice(1, -1).split("|")) options.push(compileWords(sequence.trim().split(/\s+/)));
      else if (/[()]/.test(choice)) throw new Error(`triage pattern "${source}": stray parenthesis in "${choice}"`);
      else options.push(compileWords([choice]));
    }
    steps.push({ gap: false, options });
  }
  const hasWord = (list: Step[]): boolean => list.some((step) => !step.gap);
  if (!hasWord(steps) || steps[0]?.gap || steps[steps.length - 1]?.gap || source.includes("||"))
    throw new Error(`malformed triage pattern: "${source}"`);
  return { source, steps };
}

/** True when the typed word fits one pattern word ("vomit*", "=adder", "seizure"), typos included. */
export function wordFits(patternWord: string, typed: string): boolean {
  return wordMatches(compileAlternative(patternWord), typed);
}

function wordMatches(alternative: Alternative, word: string): boolean {
  if (alternative.number) return /^\d+$/.test(word);
  const { text, prefix, exact } = alternative;
  if (prefix ? word.startsWith(text) : word === text) return true;
  if (exact || text.length < MIN_FUZZY_LENGTH || REAL_WORDS.has(word) || KNOWN_WORDS.has(word)) return false;
  if (word[0] !== text[0]) return false;
  if (!prefix) return isTypo(word, text);
  // A short stem matches the start of too many words ("colic*" and "click"), so only stems of six
  // letters or more take a typo.
  if (text.length < MIN_FUZZY_STEM) return false;
  for (let length = text.length - 1; length <= text.length + 1; length += 1) {
    if (length <= word.length && isTypo(word.slice(0, length), text)) return true;
  }
  return false;
}

// A wrong letter in a five-letter word turns too many real words into rule words (found/wound,
// breed/bleed), so short words tolerate only a missing, extra or swapped letter.
function isTypo(typed: string, word: string): boolean {
  if (word.length < 6 && typed.length === word.length && !isSwap(typed, word)) return false;
  return withinOneEdit(typed, word);
}

function isSwap(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

type Continue = (at: number) => number | null;

// Backtracking match of steps[index..] at token `at`; `next` continues after the last step.
function matchSteps(
  steps: Step[],
  index: number,
  tokens: Token[],
  at: number,
  sentence: number,
  next: Continue,
): number | null {
  const step = steps[index];
  if (step === undefined) return next(at);
  const rest: Continue = (after) => matchSteps(steps, index + 1, tokens, after, sentence, next);
  if (step.gap) {
    for (let skip = 0; skip <= MAX_GAP; skip += 1) {
      const after = at + skip;
      // A gap stays inside one clause: "vomited twice and has blood in her pee" is not vomiting blood.
      if (after > tokens.length || (skip > 0 && tokens[after - 1]?.clause !== tokens[at - 1]?.clause)) break;
      const end = rest(after);
      if (end !== null) return end;
    }
    return null;
  }
  if ("word" in step) {
    const token = tokens[at];
    if (!token || token.sentence !== sentence) return null;
    return step.word.some((alternative) => wordMatches(alternative, token.word)) ? rest(at + 1) : null;
  }
  for (const option of step.options) {
    const end = matchSteps(option, 0, tokens, at, sentence, rest);
    if (end !== null) return end;
  }
  return null;
}

/** Every place the pattern matches. */
export function findMatches(pattern: CompiledPattern, tokens: Token[]): Match[] {
  const matches: Match[] = [];
  tokens.forEach((token, start) => {
    const end = matchSteps(pattern.steps, 0, tokens, start, token.sentence, (at) => at);
    if (end !== null) matches.push({ start, end });
  });
  return matches;
}

/** True when a negator ("not", "no", "never"...) stands shortly before the match in the same clause. */
export function isNegated(match: Match, tokens: Token[]): boolean {
  const clause = tokens[match.start]?.clause;
  for (let i = match.start - 1; i >= Math.max(0, match.start - NEGATION_REACH); i -= 1) {
    const token = tokens[i];
    if (token === undefined || token.clause !== clause) return false;
    if (NEGATORS.has(token.word)) {
      const next = tokens[i + 1]?.word ?? "";
      const after = tokens[i + 2]?.word ?? "";
      return !(HEDGES.has(next) || HEDGES.has(after));
    }
  }
  return false;
}

// Words that make "eat" a question rather than a report: "can dogs eat grapes?", "is it safe if he eats".
const HYPOTHETICAL = new Set(
  `can could should would if safe ok okay allowed toxic poisonous bad dangerous harmful when
   whether let avoid`.split(/\s+/),
);

/** True when a hypothetical word appears earlier in the same sentence as the match. */
export function isHypothetical(match: Match, tokens: Token[]): boolean {
  const sentence = tokens[match.start]?.sentence;
  for (let i = match.start - 1; i >= 0; i -= 1) {
    const token = tokens[i];
    if (token === undefined || token.sentence !== sentence) return false;
    if (HYPOTHETICAL.has(token.word)) return true;
  }
  return false;
}

/** A phrase pattern with its options, compiled once. */
export interface Phrase {
  pattern: CompiledPattern;
  /** Present-tense exposure ("eats", "is licking"): does not count in a hypothetical sentence. */
  presentTense: boolean;
  /** Context such as a duration ("for 2 days"): a "not" nearby belongs to something else. */
  context: boolean;
}

/** Compiles phrases; a leading `?` marks a present-tense exposure, `~` a context (see Phrase). */
export function phrases(sources: readonly string[]): Phrase[] {
  return sources.map((source) => {
    const presentTense = source.startsWith("?");
    const context = source.startsWith("~");
    return { pattern: compilePattern(presentTense || context ? source.slice(1) : source), presentTense, context };
  });
}

/**
 * True when any phrase matches somewhere without a negation (and, if present tense, not
 * hypothetically). Matches that come after one of `asked` in the same clause do not count: "what are
 * the signs of bloat?" names a sign without reporting it.
 */
export function anyAffirmed(list: Phrase[], tokens: Token[], asked: Match[] = []): boolean {
  const isAsked = (match: Match): boolean =>
    asked.some((frame) => frame.start < match.start && tokens[frame.start]?.clause === tokens[match.start]?.clause);
  return list.some((phrase) =>
    findMatches(phrase.pattern, tokens).some(
      (match) =>
        !isAsked(match) &&
        (phrase.context || !isNegated(match, tokens)) &&
        !(phrase.presentTense && isHypothetical(match, tokens)),
    ),
  );
}
