import type { Candidate, PastPurchase, PetForRanking } from "./ranker";

/**
 * A synthetic shop for measuring the ranker offline (ranker.eval.test.ts): a catalog of plausible
 * products and pets whose purchases follow hidden preferences (a protein, a brand, the categories
 * they shop in, a need that matches a condition on their record, their life stage) and each
 * product's hidden appeal, which is what popularity sees. Seeded, so every run is the same.
 */

/** mulberry32: a small, fast, seedable PRNG (the same sequence on every machine). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function weighted<T>(random: Random, items: readonly T[], weight: (item: T) => number): T {
  const weights = items.map(weight);
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r <= 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

const BRANDS = ["Northpaw", "Meadowfield", "Harbour & Hound", "Vetline", "Purely", "Wildtrail", "Oakridge", "Bramble"];
const PROTEINS = ["chicken", "beef", "salmon", "lamb", "turkey", "duck", "venison", "whitefish"];
const STAGES = ["JUNIOR", "ADULT", "SENIOR"] as const;
const STAGE_WORDS: Record<string, Record<string, string>> = {
  DOG: { JUNIOR: "puppies", ADULT: "adult dogs", SENIOR: "senior dogs" },
  CAT: { JUNIOR: "kittens", ADULT: "adult cats", SENIOR: "senior cats" },
};
/** Needs a product may answer, each with the condition a vet would record for a pet that has it. */
const NEEDS = [
  {
    need: "joint",
    words: "joint support with glucosamine and green-lipped mussel",
    condition: "Osteoarthritis of the hips",
  },
  { need: "digestion", words: "gentle on sensitive digestion with prebiotic fibre", condition: "Chronic gastritis" },
  { need: "weight", words: "light recipe for weight control, lower fat", condition: "Obesity" },
  { need: "dental", words: "dental care that reduces plaque and tartar", condition: "Periodontal disease" },
  { need: "skin", words: "skin and coat care with omega-3 oils", condition: "Atopic dermatitis, itchy skin" },
];
const TOYS: Record<string, string[]> = {
  DOG: ["rope tug toy", "squeaky ball", "puzzle feeder", "rubber chew bone", "plush fox", "fetch frisbee"],
  CAT: ["feather wand", "catnip mouse", "crinkle tunnel", "laser chaser", "scratching post", "puzzle feeder"],
};
const CATEGORIES = ["Dry food", "Wet food", "Treats", "Toys", "Grooming", "Health"] as const;

export interface SimulatedProduct extends Candidate {
  species: string;
  protein: string | null;
  need: string | null;
  /** Hidden appeal: how much every shopper likes it (what popularity measures). */
  appeal: number;
}

export interface SimulatedPet {
  pet: PetForRanking;
  purchases: PastPurchase[];
  /** The last purchase, held out: what the ranker should have offered. */
  heldOut: string;
}

function product(random: Random, id: number, species: string, category: (typeof CATEGORIES)[number]): SimulatedProduct {
  const brand = pick(random, BRANDS);
  const stage = random() < 0.7 ? pick(random, STAGES) : null;
  const stageWords = stage ? STAGE_WORDS[species]![stage]! : species === "DOG" ? "dogs" : "cats";
  const food = category === "Dry food" || category === "Wet food" || category === "Treats";
  const protein = food ? pick(random, PROTEINS) : null;
  const need =
    random() < (category === "Health" ? 1 : food ? 0.4 : category === "Grooming" ? 0.3 : 0)
      ? pick(random, NEEDS)
      : null;
  const P = protein ? protein[0]!.toUpperCase() + protein.slice(1) : "";
  let title: string;
  let description: string;
  switch (category) {
    case "Dry food":
      title = `${brand} ${P} & rice kibble for ${stageWords}`;
      description = `Complete dry food with ${protein} as the first ingredient for ${stageWords}.${need ? ` ${need.words}.` : ""} ${random() < 0.3 ? "Grain-free." : "With wholegrain rice."}`;
      break;
    case "Wet food":
      title = `${brand} ${P} chunks in gravy for ${stageWords}`;
      description = `Tender ${protein} chunks in gravy, a complete wet meal for ${stageWords}.${need ? ` ${need.words}.` : ""}`;
      break;
    case "Treats":
      title = `${brand} ${P} ${pick(random, ["jerky strips", "training bites", "crunchy biscuits", "freeze-dried treats"])}`;
      description = `Single-protein ${protein} treats for ${stageWords}.${need ? ` ${need.words}.` : ""} Made in small batches.`;
      break;
    case "Toys": {
      const toy = pick(random, TOYS[species]!);
      title = `${brand} ${toy}`;
      description = `A ${toy} for ${stageWords} who love to play. Durable and easy to clean.`;
      break;
    }
    case "Grooming": {
      const thing = pick(random, [
        "oatmeal shampoo",
        "slicker brush",
        "nail clippers",
        "ear cleaner",
        "detangling spray",
      ]);
      title = `${brand} ${thing} for ${species === "DOG" ? "dogs" : "cats"}`;
      description = `${thing[0]!.toUpperCase()}${thing.slice(1)} for everyday grooming.${need ? ` ${need.words}.` : ""}`;
      break;
    }
    default:
      title = `${brand} ${need!.need} supplement for ${stageWords}`;
      description = `A daily supplement: ${need!.words}. Tasty chews for ${stageWords}.`;
  }
  return {
    id: `p${id}`,
    title,
    description,
    brand,
    categoryName: category,
    lifeStages: stage ? [stage] : [],
    prescriptionOnly: false,
    medicationCodes: [],
    averageRating: null,
    reviewCount: 0,
    popularity: 0,
    species,
    protein,
    need: need?.need ?? null,
    appeal: Math.exp(0.6 * (random() + random() + random() - 1.5) * 2),
  };
}

/** ~300 products for dogs and cats across six categories. */
export function simulatedCatalog(random: Random, size = 300): SimulatedProduct[] {
  const products: SimulatedProduct[] = [];
  for (let i = 0; i < size; i++) {
    const species = random() < 0.55 ? "DOG" : "CAT";
    products.push(
      product(
        random,
        i,
        species,
        weighted(random, CATEGORIES, (c) => (c.includes("food") ? 2 : 1)),
      ),
    );
  }
  return products;
}

/**
 * Pets and their purchases. Each pet has a favourite protein and brand, categories it shops in, and
 * maybe a need (recorded as a condition, as a vet would); each purchase is drawn with weights for
 * those, the product's appeal, and a liking for buying the same thing again.
 */
export function simulatedPets(random: Random, catalog: readonly SimulatedProduct[], count = 500): SimulatedPet[] {
  const pets: SimulatedPet[] = [];
  for (let n = 0; n < count; n++) {
    const species = random() < 0.55 ? "DOG" : "CAT";
    const lifeStage = pick(random, STAGES);
    const protein = pick(random, PROTEINS);
    const brand = pick(random, BRANDS);
    const categories = new Map(CATEGORIES.map((c) => [c, random() < 0.5 ? 0.2 : 1 + random() * 2]));
    const need = random() < 0.35 ? pick(random, NEEDS) : null;
    const allergy =
      random() < 0.15
        ? pick(
            random,
            PROTEINS.filter((p) => p !== protein),
          )
        : null;
    const eligible = catalog.filter(
      (p) =>
        p.species === species &&
        (p.lifeStages.length === 0 || p.lifeStages.includes(lifeStage)) &&
        !(allergy && `${p.title} ${p.description}`.toLowerCase().includes(allergy)),
    );
    const bought: string[] = [];
    const size = 3 + Math.floor(random() * 6);
    for (let k = 0; k < size; k++) {
      const choice = weighted(
        random,
        eligible,
        (p) =>
          p.appeal *
          (p.protein === protein ? 4 : 1) *
          (p.brand === brand ? 3 : 1) *
          categories.get(p.categoryName as (typeof CATEGORIES)[number])! *
          (need && p.need === need.need ? 5 : 1) *
          (p.lifeStages.includes(lifeStage) ? 1.5 : 1) *
          (bought.includes(p.id) ? 3 : 1),
      );
      bought.push(choice.id);
    }
    const titles = new Map(catalog.map((p) => [p.id, p.title]));
    pets.push({
      pet: {
        name: `Pet ${n}`,
        species,
        lifeStage,
        conditions: need ? [need.condition] : [],
        allergies: allergy ? [allergy[0]!.toUpperCase() + allergy.slice(1)] : [],
        prescriptions: [],
      },
      purchases: bought.slice(0, -1).map((id) => ({ productId: id, title: titles.get(id)! })),
      heldOut: bought[bought.length - 1]!,
    });
  }
  return pets;
}
