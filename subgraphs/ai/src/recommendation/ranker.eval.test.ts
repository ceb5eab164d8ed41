import { LocalEmbedder } from "../embedding/local-embedder";
import { seededRandom, simulatedCatalog, simulatedPets } from "./purchase-simulation";
import { rankProducts, type Candidate } from "./ranker";

/**
 * Hit-rate@10 on held-out purchases of a synthetic shop (purchase-simulation.ts): for each pet, all
 * but its last purchase are its history, and the last is what the list of 10 should contain. The
 * ranker must beat popularity alone, which is what a shop without it shows everyone.
 */
describe("the ranker, measured on simulated purchase histories", () => {
  it("finds the held-out purchase in its top 10 more often than popularity does", () => {
    const random = seededRandom(20261202);
    const catalog = simulatedCatalog(random, 300);
    const pets = simulatedPets(random, catalog, 500);
    // Popularity as catalog counts it: deliveries of each product, the held-out ones not yet made.
    const popularity = new Map<string, number>();
    for (const { purchases } of pets)
      for (const p of purchases) popularity.set(p.productId, (popularity.get(p.productId) ?? 0) + 1);
    const embedder = new LocalEmbedder();
    const vectors = new Map<string, number[]>();
    const vectorOf = (text: string) => {
      let v = vectors.get(text);
      if (!v) vectors.set(text, (v = embedder.embedOne(text)));
      return v;
    };

    let rankerHits = 0;
    let popularityHits = 0;
    const started = performance.now();
    for (const { pet, purchases, heldOut } of pets) {
      // What catalog's recommendationCandidates answers: species and life stage, most delivered first.
      const candidates: Candidate[] = catalog
        .filter(
          (p) => p.species === pet.species && (p.lifeStages.length === 0 || p.lifeStages.includes(pet.lifeStage!)),
        )
        .map((p) => ({ ...p, popularity: popularity.get(p.id) ?? 0 }))
        .sort((a, b) => b.popularity - a.popularity);
      const top = rankProducts({ pet, purchases, candidates, first: 10 }, vectorOf).map((r) => r.candidate.id);
      if (top.includes(heldOut)) rankerHits++;
      if (candidates.slice(0, 10).some((c) => c.id === heldOut)) popularityHits++;
    }
    const ms = performance.now() - started;
    const ranker = rankerHits / pets.length;
    const popular = popularityHits / pets.length;
    console.log(
      `hit-rate@10 over ${pets.length} pets, ${catalog.length} products: ranker ${ranker.toFixed(3)}, popularity ${popular.toFixed(3)} (${ms.toFixed(0)} ms, ${(ms / pets.length).toFixed(2)} ms per pet)`,
    );
    expect(ranker).toBeGreaterThan(popular);
  });

  it("ranks catalog's longest candidate list (500 products, none embedded before) well within a request", () => {
    const random = seededRandom(7);
    const catalog = simulatedCatalog(random, 500).map((p, i) => ({ ...p, species: "DOG", popularity: i % 17 }));
    const [{ pet, purchases }] = simulatedPets(random, catalog, 1) as [ReturnType<typeof simulatedPets>[number]];
    const embedder = new LocalEmbedder();
    const started = performance.now();
    const ranked = rankProducts({ pet, purchases, candidates: catalog, first: 20 }, (text) => embedder.embedOne(text));
    const ms = performance.now() - started;
    console.log(`ranked 500 candidates with a cold embedding cache in ${ms.toFixed(0)} ms`);
    expect(ranked).toHaveLength(20);
    expect(ms).toBeLessThan(2_000);
  });
});
