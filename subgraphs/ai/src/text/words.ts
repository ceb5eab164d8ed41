/**
 * The words of a text as the offline embedder and the full-text query see them: lower case, accents
 * and punctuation gone, stop words dropped, owners' everyday words mapped to the words care articles
 * use ("puke" → vomit, "jab" → vaccination), and a light English suffix stripper so "vaccinations",
 * "vaccinated" and "vaccine" meet. Pure and deterministic: the same text always gives the same words.
 */

const STOP_WORDS = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below between " +
    "both but by can could did do does doing down during each few for from further had has have having he her " +
    "here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not " +
    "now of off on once only or other our ours ourselves out over own same she should so some such than that the " +
    "their theirs them themselves then there these they this those through to too under until up very was we " +
    "were what when where which while who whom why will with would you your yours yourself yourselves also get " +
    "got im ive dont doesnt didnt isnt wont cant what's whats hes shes its it's been should shall may might must " +
    "ok okay please thanks thank hi hello hey yes yeah really lot lots bit little much many " +
    // Conversational filler: in almost every question and every article, they say nothing about the topic.
    "need needs give help stuff thing things like keep keeps seem seems fine make go going come comes take say " +
    "says know want every anywhere whenever put since ago just still even something anything ever tell think"
  ).split(" "),
);

/** Owners' words → the words the care articles use (both sides of the index go through this). */
const SYNONYMS: Record<string, string> = {
  puke: "vomit",
  puking: "vomit",
  throwing: "vomit",
  threw: "vomit",
  barf: "vomit",
  poop: "faeces",
  poo: "faeces",
  stool: "faeces",
  feces: "faeces",
  pee: "urine",
  peeing: "urine",
  wee: "urine",
  urinating: "urine",
  urinate: "urine",
  jab: "vaccination",
  jabs: "vaccination",
  shot: "vaccination",
  shots: "vaccination",
  vaccine: "vaccination",
  vaccines: "vaccination",
  booster: "vaccination",
  tummy: "stomach",
  belly: "stomach",
  kitty: "cat",
  kitten: "kitten",
  puppy: "puppy",
  pup: "puppy",
  doggy: "dog",
  doggo: "dog",
  pooch: "dog",
  vet: "vet",
  veterinarian: "vet",
  itching: "itch",
  itchy: "itch",
  allergic: "allergy",
  allergies: "allergy",
  teeth: "tooth",
  dental: "tooth",
  fat: "overweight",
  obese: "overweight",
  colour: "color",
  behaviour: "behavior",
  diarrhea: "diarrhoea",
  anesthetic: "anaesthetic",
  anesthesia: "anaesthetic",
  spay: "neuter",
  spayed: "neuter",
  spaying: "neuter",
  castrate: "neuter",
  castration: "neuter",
  wormer: "worm",
  deworming: "worm",
  dewormer: "worm",
  worming: "worm",
  stitches: "stitch",
  sutures: "stitch",
  suture: "stitch",
};

/** Owners' phrases → one article word, applied before the text is split into words. */
const PHRASES: [RegExp, string][] = [[/\b(?:throw|throws|throwing|threw|thrown) up\b/g, "vomit"]];

/** Endings taken off after any plural: the first that applies, if enough of the word is left. */
const SUFFIXES: [RegExp, string][] = [
  [/ational$/, "ate"],
  [/ation$/, "ate"],
  [/ing$/, ""],
  [/edly$/, ""],
  [/ed$/, ""],
  [/ly$/, ""],
];

/**
 * Strips the commonest English inflections; not a full Porter stemmer, enough for matching. A plural
 * goes first and then one suffix, so "vaccinations", "vaccinated" and "vaccinating" all give
 * "vaccinat"; a consonant doubled before -ing/-ed is undoubled ("vomitting" and "vomiting" meet).
 */
export function stem(word: string): string {
  // Four-letter plurals of three-letter words: "ears", "eyes", "paws", "legs", "dogs", "cats".
  if (word.length === 4 && /[^su]s$/.test(word)) return word.slice(0, -1);
  if (word.length <= 4) return word;
  let stemmed = word;
  if (stemmed.endsWith("ies")) stemmed = `${stemmed.slice(0, -3)}y`;
  else if (stemmed.endsWith("sses")) stemmed = stemmed.slice(0, -2);
  else if (/[^su]s$/.test(stemmed)) stemmed = stemmed.slice(0, -1);
  for (const [pattern, replacement] of SUFFIXES) {
    if (!pattern.test(stemmed)) continue;
    const shorter = stemmed.replace(pattern, replacement);
    if (shorter.length >= 3) {
      stemmed = shorter;
      if (/([bdfgkmnprt])\1$/.test(stemmed)) stemmed = stemmed.slice(0, -1);
    }
    break;
  }
  return stemmed.length > 4 && stemmed.endsWith("e") ? stemmed.slice(0, -1) : stemmed;
}

/** The article word for an owner's word, inflected or not ("pooped" → faeces, as "poop" is). */
function synonymOf(word: string): string | undefined {
  return SYNONYMS[word] ?? SYNONYMS[stem(word)];
}

/** Lower case, no accents, split at anything but letters and digits. */
export function rawWords(text: string): string[] {
  let lower = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  for (const [phrase, word] of PHRASES) lower = lower.replace(phrase, word);
  return lower
    .replace(/['’]/g, "")
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** The content words of a text, mapped and stemmed, in order (duplicates kept: they are counts). */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  for (const word of rawWords(text)) {
    if (STOP_WORDS.has(word) || word.length < 2) continue;
    words.push(stem(synonymOf(word) ?? word));
  }
  return words;
}

/** The distinct words of a question suitable for a Postgres `to_tsquery` (letters and digits only). */
export function queryTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const word of rawWords(text)) {
    if (STOP_WORDS.has(word) || word.length < 2) continue;
    terms.add(word);
    const mapped = synonymOf(word);
    if (mapped) terms.add(mapped);
  }
  return [...terms];
}
