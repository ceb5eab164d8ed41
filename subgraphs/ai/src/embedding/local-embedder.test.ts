import { dot } from "./embedder";
import { LOCAL_EMBEDDING_MODEL, LocalEmbedder } from "./local-embedder";

const embedder = new LocalEmbedder();
const cosine = (a: string, b: string) => dot(embedder.embedOne(a), embedder.embedOne(b));

describe("LocalEmbedder", () => {
  it("gives 512 dimensions of unit length and names its model", async () => {
    const vectors = await embedder.embed(["My dog is scratching his ears", "Kittens need their vaccinations"]);
    expect(embedder.model).toBe(LOCAL_EMBEDDING_MODEL);
    expect(embedder.dimensions).toBe(512);
    for (const vector of vectors) {
      expect(vector).toHaveLength(512);
      expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 10);
    }
  });

  it("is deterministic: the same text, the same vector, in any order and any instance", async () => {
    const texts = ["Can rabbits eat carrots?", "How often should I worm my cat?"];
    const [a, b] = await embedder.embed(texts);
    const [b2, a2] = await new LocalEmbedder().embed([...texts].reverse());
    expect(a2).toEqual(a);
    expect(b2).toEqual(b);
  });

  it("gives a zero vector, not NaN, for a text with no content words", () => {
    expect(embedder.embedOne("what is it?").every((v) => v === 0)).toBe(true);
  });

  it("keeps a misspelt question close to the original and an unrelated one far", () => {
    const original = "my dog ate chocolate, is it poisonous";
    const typo = cosine(original, "my dog ate cholocate, is it poisonus");
    const reworded = cosine(original, "chocolate poisoning in dogs");
    const unrelated = cosine(original, "how to set up a fish tank filter");
    expect(typo).toBeGreaterThan(0.4);
    expect(reworded).toBeGreaterThan(0.3);
    expect(unrelated).toBeLessThan(0.1);
    expect(typo).toBeGreaterThan(unrelated + 0.35);
  });

  it("meets owners' words and the articles' words (synonyms and inflections)", () => {
    expect(cosine("puppy jabs", "puppy vaccinations")).toBeGreaterThan(0.9);
    expect(cosine("my cat keeps throwing up", "vomiting in cats")).toBeGreaterThan(0.4);
  });
});
