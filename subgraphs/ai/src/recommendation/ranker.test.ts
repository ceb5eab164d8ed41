import { LocalEmbedder } from "../embedding/local-embedder";
import { rankProducts, type Candidate, type PetForRanking } from "./ranker";

const embedder = new LocalEmbedder();
const vectorOf = (text: string) => embedder.embedOne(text);

let seq = 0;
function candidate(title: string, overrides: Partial<Candidate> = {}): Candidate {
  return {
    id: `product-${++seq}`,
    title,
    description: "",
    brand: null,
    categoryName: "Dogs",
    lifeStages: [],
    prescriptionOnly: false,
    medicationCodes: [],
    averageRating: null,
    reviewCount: 0,
    popularity: 0,
    ...overrides,
  };
}

function rex(overrides: Partial<PetForRanking> = {}): PetForRanking {
  return {
    name: "Rex",
    species: "DOG",
    lifeStage: "ADULT",
    conditions: [],
    allergies: [],
    prescriptions: [],
    ...overrides,
  };
}

const ids = (ranked: { candidate: Candidate }[]) => ranked.map((r) => r.candidate.title);

describe("rankProducts", () => {
  it("orders a new customer's list by popularity, saying so", () => {
    const rope = candidate("Rope toy", { popularity: 3 });
    const bed = candidate("Dog bed", { popularity: 40 });
    const bowl = candidate("Steel bowl", { popularity: 0 });
    const ranked = rankProducts({ pet: rex(), purchases: [], candidates: [rope, bowl, bed], first: 10 }, vectorOf);
    expect(ids(ranked)).toEqual(["Dog bed", "Rope toy", "Steel bowl"]);
    expect(ranked.map((r) => r.reason)).toEqual([
      "Popular with dog owners",
      "Popular with dog owners",
      "Made for dogs",
    ]);
  });

  it("puts a refill of a running prescription first, naming it", () => {
    const drug = candidate("Apoquel 16 mg", { prescriptionOnly: true, medicationCodes: ["QD11AH90"] });
    const ranked = rankProducts(
      {
        pet: rex({ prescriptions: [{ drug: "oclacitinib", code: "QD11AH90" }] }),
        purchases: [],
        candidates: [candidate("Dog bed", { popularity: 90 }), drug],
        first: 10,
      },
      vectorOf,
    );
    expect(ranked[0]).toMatchObject({ candidate: drug, reason: "Refill of Rex's prescription for oclacitinib" });
  });

  it("leaves out what names an allergen and offers what is free of it", () => {
    const ranked = rankProducts(
      {
        pet: rex({ allergies: ["Chicken"] }),
        purchases: [],
        candidates: [
          candidate("Chicken & rice kibble", { popularity: 50 }),
          candidate("Salmon kibble", { description: "Chicken-free recipe for sensitive dogs" }),
          candidate("Lamb treats", { description: "Made with poultry fat" }),
        ],
        first: 10,
      },
      vectorOf,
    );
    expect(ids(ranked)).toEqual(["Salmon kibble"]);
    expect(ranked[0]!.reason).toBe("Free from chicken, which Rex is allergic to");
  });

  it("ranks what is like past purchases above more popular products, and says which", () => {
    const salmon = candidate("Northpaw salmon kibble for adult dogs", {
      description: "Salmon as the first ingredient",
    });
    const similar = candidate("Northpaw salmon & potato kibble for adult dogs", {
      description: "Wild salmon, grain-free",
    });
    const ranked = rankProducts(
      {
        pet: rex(),
        purchases: [{ productId: salmon.id, title: salmon.title }],
        candidates: [
          candidate("Squeaky ball", { popularity: 30 }),
          candidate("Dog bed", { popularity: 20 }),
          similar,
          salmon,
        ],
        first: 2,
      },
      vectorOf,
    );
    expect(ids(ranked)).toEqual([salmon.title, similar.title]);
    expect(ranked.map((r) => r.reason)).toEqual([
      "You bought this before",
      "Like the Northpaw salmon kibble for adult dogs you bought",
    ]);
  });

  it("names the pet's condition or its life stage when that is what fits", () => {
    const ranked = rankProducts(
      {
        pet: rex({ lifeStage: "SENIOR", conditions: ["Osteoarthritis"] }),
        purchases: [],
        candidates: [
          candidate("Joint supplement", { description: "Glucosamine for dogs with osteoarthritis" }),
          candidate("Senior kibble", { lifeStages: ["SENIOR"] }),
        ],
        first: 10,
      },
      vectorOf,
    );
    expect(Object.fromEntries(ranked.map((r) => [r.candidate.title, r.reason]))).toEqual({
      "Joint supplement": "For Rex's osteoarthritis",
      "Senior kibble": "Made for senior dogs",
    });
  });

  it("returns at most `first`", () => {
    const many = Array.from({ length: 30 }, (_, i) => candidate(`Product ${i}`));
    expect(rankProducts({ pet: rex(), purchases: [], candidates: many, first: 5 }, vectorOf)).toHaveLength(5);
  });
});
