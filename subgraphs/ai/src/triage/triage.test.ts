import { triage, type TriageLevel } from "./triage";
import { tokenise, withinOneEdit, wordFits } from "./triage-match";
import { TRIAGE_RULES } from "./triage-rules";
import { TRIAGE_SET } from "./triage-set";

const isEmergency = (level: TriageLevel): boolean => level === "RED" || level === "ORANGE";
const level = (text: string, species: string | null = null): TriageLevel => triage(text, species).level;
const codes = (text: string, species: string | null = null): string[] =>
  triage(text, species).findings.map((f) => f.code);

describe("triage over the utterance set", () => {
  const results = TRIAGE_SET.map((item) => ({ ...item, got: triage(item.text, item.species).level }));
  const expectedEmergencies = results.filter((r) => isEmergency(r.expected));
  const flagged = results.filter((r) => isEmergency(r.got));

  it("has enough utterances on both sides", () => {
    expect(results.length).toBeGreaterThanOrEqual(160);
    expect(expectedEmergencies.length).toBeGreaterThanOrEqual(70);
    expect(results.length - expectedEmergencies.length).toBeGreaterThanOrEqual(70);
  });

  it("flags every emergency (recall 1.0) and mostly only emergencies (precision ≥ 0.8)", () => {
    const missed = expectedEmergencies.filter((r) => !isEmergency(r.got));
    const recall = (expectedEmergencies.length - missed.length) / expectedEmergencies.length;
    const precision = flagged.filter((r) => isEmergency(r.expected)).length / flagged.length;
    const exact = results.filter((r) => r.got === r.expected).length / results.length;
    console.log(
      `triage: recall ${recall.toFixed(3)} precision ${precision.toFixed(3)} exact ${exact.toFixed(3)} on ${results.length} utterances`,
    );
    expect(missed.map((r) => `${r.expected} ${r.text}`)).toEqual([]);
    expect(precision).toBeGreaterThanOrEqual(0.8);
  });
});

describe("triage rules", () => {
  it("reports emergency for RED and ORANGE only, findings most severe first", () => {
    const result = triage("my dog ate chocolate and has been sick 3 times", "DOG");
    expect(result).toMatchObject({ level: "ORANGE", emergency: true });
    expect(result.findings.map((f) => f.level)).toEqual(["ORANGE", "YELLOW", "GREEN"]);
    expect(triage("my dog has been sick 3 times", "DOG")).toMatchObject({ level: "YELLOW", emergency: false });
    expect(triage("what is the best harness for a puppy?", "DOG")).toEqual({
      level: "BLUE",
      emergency: false,
      findings: [],
    });
  });

  it("judges lilies by species: RED for cats, not an emergency for dogs, RED when unknown", () => {
    expect(level("she chewed a lily leaf", "CAT")).toBe("RED");
    expect(level("she chewed a lily leaf", "DOG")).toBe("YELLOW");
    expect(level("she chewed a lily leaf")).toBe("RED");
    // The question names the cat although it is asked from the dog's page.
    expect(level("my cat chewed a lily leaf", "DOG")).toBe("RED");
  });

  it("judges grapes for dogs, not for rabbits or horses", () => {
    expect(level("he ate some grapes", "DOG")).toBe("ORANGE");
    expect(level("he ate some grapes", "RABBIT")).toBe("BLUE");
    expect(level("he ate some grapes", "HORSE")).toBe("BLUE");
  });

  it("makes a male cat straining to pee RED and a dog or female cat ORANGE", () => {
    expect(level("he keeps straining to pee", "CAT")).toBe("RED");
    expect(level("my tom is blocked I think", "CAT")).toBe("RED");
    expect(level("she keeps straining to pee", "CAT")).toBe("ORANGE");
    expect(level("he can't pee", "DOG")).toBe("ORANGE");
  });

  it("makes a rabbit or guinea pig off food ORANGE, a dog off food for a meal GREEN and for days YELLOW", () => {
    expect(level("not eating this morning", "RABBIT")).toBe("ORANGE");
    expect(level("no poops since lunch", "GUINEA_PIG")).toBe("ORANGE");
    expect(level("not eating this morning", "DOG")).toBe("GREEN");
    expect(level("hasn't eaten for 36 hours", "DOG")).toBe("YELLOW");
  });

  it("makes colic ORANGE in horses and RED when violent, and rolling in the mud nothing", () => {
    expect(level("think she has colic", "HORSE")).toBe("ORANGE");
    expect(level("colic, he is thrashing and sweating", "HORSE")).toBe("RED");
    expect(level("he loves rolling in the mud after a ride", "HORSE")).toBe("BLUE");
    expect(level("he keeps rolling on his back", "DOG")).toBe("BLUE");
  });

  it("makes dog flea treatment on a cat RED, and a dry-heaving cat less urgent than a dog", () => {
    expect(level("I put permethrin spot-on on her", "CAT")).toBe("RED");
    expect(level("I put permethrin spot-on on her", "DOG")).toBe("BLUE");
    expect(level("retching but nothing comes up", "DOG")).toBe("RED");
    expect(level("retching but nothing comes up", "CAT")).toBe("YELLOW");
  });

  it("ignores negated signs and denied ingestion", () => {
    expect(level("he did NOT eat chocolate", "DOG")).toBe("BLUE");
    expect(level("no seizures this month", "DOG")).toBe("BLUE");
    expect(level("she hasn't collapsed, just tired", "DOG")).toBe("BLUE");
    expect(level("he never had a fit", "DOG")).toBe("BLUE");
    // Patterns that are themselves negative still count.
    expect(level("he is not breathing", "DOG")).toBe("RED");
    expect(level("she can't breathe properly", "CAT")).toBe("RED");
    // Doubt is not denial.
    expect(level("not sure if he ate the chocolate", "DOG")).toBe("ORANGE");
    expect(level("I don't know if she ate any raisins", "DOG")).toBe("ORANGE");
  });

  it("keeps a negation inside its clause", () => {
    expect(level("not vomiting but he ate rat poison", "DOG")).toBe("ORANGE");
    expect(level("no diarrhoea, and he had a seizure", "DOG")).toBe("ORANGE");
  });

  it("treats a safety question as BLUE with the poison named, and ingestion as an emergency", () => {
    expect(triage("can dogs eat grapes?", "DOG").findings).toContainEqual(
      expect.objectContaining({ code: "TOXIN_GRAPES_QUESTION", level: "BLUE" }),
    );
    expect(level("is it ok if my dog eats a little garlic", "DOG")).toBe("BLUE");
    expect(level("what if he ate a raisin?", "DOG")).toBe("ORANGE");
    expect(level("my dog eats grapes from the vine", "DOG")).toBe("ORANGE");
  });

  it("survives misspellings, British and American spellings and shouting", () => {
    expect(codes("my dog ate choclate", "DOG")).toContain("TOXIN_CHOCOLATE");
    expect(codes("dog ate some chocolote", "DOG")).toContain("TOXIN_CHOCOLATE");
    expect(codes("my dog is having a siezure", "DOG")).toContain("SEIZURE");
    expect(codes("my dog is having a seisure", "DOG")).toContain("SEIZURE");
    expect(codes("he ate ibuprofin", "DOG")).toContain("TOXIN_NSAID");
    expect(codes("she swallowed acetaminophen", "DOG")).toContain("TOXIN_PARACETAMOL");
    expect(codes("bloody diarrhea", "DOG")).toContain("BLOODY_DIARRHOEA");
    expect(codes("bloody diarrhoea", "DOG")).toContain("BLOODY_DIARRHOEA");
    expect(codes("he's been vomitting", "DOG")).toContain("VOMITING");
    expect(codes("HE ATE RAT POISON!!!", "DOG")).toContain("TOXIN_RODENTICIDE");
    expect(codes("haemorrhaging", "DOG")).toContain("HEAVY_BLEEDING");
    expect(codes("hemorrhaging", "DOG")).toContain("HEAVY_BLEEDING");
  });

  it("does not take a real word for a typo of a rule word", () => {
    expect(level("what breed is best for flats?")).toBe("BLUE");
    expect(level("we found him a new collar", "DOG")).toBe("BLUE");
    expect(level("he ate sand at the beach", "DOG")).toBe("BLUE");
    expect(level("I brushed him this morning", "DOG")).toBe("BLUE");
    expect(level("we went on a boat trip", "DOG")).toBe("BLUE");
    expect(level("he fell off a ladder onto the grass", "DOG")).not.toBe("ORANGE");
  });

  it("treats a question about signs as information, unless a sign is reported in another clause", () => {
    expect(level("what are the symptoms of a seizure in dogs?", "DOG")).toBe("BLUE");
    expect(level("how can I prevent bloat in a great dane?", "DOG")).toBe("BLUE");
    expect(level("what are these symptoms he is gasping and his tongue is blue", "DOG")).toBe("RED");
    expect(level("how do I know if he's choking, he keeps gagging", "DOG")).toBe("RED");
    expect(level("what are the signs of bloat, his belly is swollen", "DOG")).toBe("RED");
    expect(level("he is showing signs of bloat", "DOG")).toBe("RED");
  });

  it("accepts species in any case and ignores unknown ones", () => {
    expect(level("he chewed a lily", "cat")).toBe("RED");
    expect(level("it ate a grape", "DRAGON")).toBe("ORANGE");
  });
});

describe("triage matching", () => {
  it("counts one edit as a typo, including a swap of neighbours", () => {
    expect(withinOneEdit("chocolate", "chocolaet")).toBe(true);
    expect(withinOneEdit("chocolate", "chocloate")).toBe(true);
    expect(withinOneEdit("chocolate", "chokolatte")).toBe(false);
    expect(withinOneEdit("seizure", "siezure")).toBe(true);
    expect(withinOneEdit("seizure", "seizures")).toBe(true);
    expect(withinOneEdit("seizure", "sezure")).toBe(true);
    expect(withinOneEdit("seizure", "siezur")).toBe(false);
  });

  it("allows a wrong letter only in words of six letters or more, and keeps the first letter", () => {
    expect(wordFits("bleed", "breed")).toBe(false);
    expect(wordFits("bloat", "blaot")).toBe(true);
    expect(wordFits("raisins", "raisens")).toBe(true);
    expect(wordFits("raisins", "taisins")).toBe(false);
    expect(wordFits("=adder", "ladder")).toBe(false);
  });

  it("expands contractions and splits sentences and clauses", () => {
    const tokens = tokenise("He didn't eat it, but she's sick. Can't stand!");
    expect(tokens.map((t) => t.word)).toEqual([
      "he",
      "did",
      "not",
      "eat",
      "it",
      "but",
      "she",
      "is",
      "sick",
      "can",
      "not",
      "stand",
    ]);
    expect(new Set(tokens.map((t) => t.sentence))).toEqual(new Set([0, 1]));
  });

  it("compiles every rule and gives every rule a code, a label and a level", () => {
    const seen = new Set<string>();
    for (const rule of TRIAGE_RULES) {
      expect(rule.code).toMatch(/^[A-Z_]+$/);
      expect(seen.has(rule.code)).toBe(false);
      seen.add(rule.code);
      expect(rule.label.length).toBeGreaterThan(10);
      expect(rule.level !== null || rule.species !== undefined).toBe(true);
    }
  });

  it("does not take a common real word for the rule word one edit away", () => {
    const pairs: [string, string][] = [
      ["wound", "found"],
      ["wound", "round"],
      ["bleed", "breed"],
      ["bleach", "beach"],
      ["bloat", "boat"],
      ["collaps*", "collars"],
      ["choking", "cooking"],
      ["faeces", "faces"],
      ["currant", "current"],
      ["tablets", "tables"],
      ["crushed", "brushed"],
      ["bitten", "kitten"],
      ["=adder", "ladder"],
    ];
    for (const [ruleWord, typed] of pairs)
      expect([ruleWord, typed, wordFits(ruleWord, typed)]).toEqual([ruleWord, typed, false]);
  });
});
