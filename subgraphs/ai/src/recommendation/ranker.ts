import { dot, normalise } from "../embedding/embedder";
import { checkAllergens } from "./contraindication";

/**
 * Ranks the products catalog found eligible for a pet (species, life stage, stock, prescriptions) by
 * how well they fit it: pure and deterministic, so the same inputs always give the same list, and so
 * it can be measured offline (ranker.eval.test.ts). Products that name an allergen on the pet's record
 * are left out here; everything else is ordered, never filtered.
 */

/** A product as catalog's `recommendationCandidates` returns it. */
export interface Candidate {
  id: string;
  title: string;
  description: string;
  brand: string | null;
  categoryName: string;
  lifeStages: string[];
  prescriptionOnly: boolean;
  medicationCodes: string[];
  averageRating: number | null;
  reviewCount: number;
  /** How many deliveries of it there were. */
  popularity: number;
}

/** What the ranker knows of the pet: its profile and its record, as the asker may see them. */
export interface PetForRanking {
  name: string;
  species: string;
  lifeStage: string | null;
  /** Diagnoses on its record. */
  conditions: string[];
  /** Allergens on its record ("Chicken"). */
  allergies: string[];
  /** Its running prescriptions, with the ATCvet code when the vet gave one. */
  prescriptions: { drug: string; code: string | null }[];
}

/** Something the asker bought before: the product and its title as ordered. */
export interface PastPurchase {
  productId: string;
  title: string;
}

export interface RankedProduct {
  candidate: Candidate;
  score: number;
  reason: string;
}

/** A unit vector for a text (the local embedder, or any other). */
export type VectorOf = (text: string) => readonly number[];

/**
 * The weights of the score's parts. Similarity to the pet's profile and to what was bought before
 * carry most of it; popularity breaks ties among equally fitting products and is all a new customer
 * has; a prescribed medicine outranks everything (a refill is what its owner most likely needs).
 */
export const WEIGHTS = { profile: 0.3, purchase: 0.5, popularity: 0.25, rating: 0.05, lifeStage: 0.1, refill: 10 };

/** Below this, a product is not "like" something bought before, only loosely related to it. */
const LIKE_PURCHASE = 0.3;
/** Above this, a product is about one of the pet's conditions. */
const ABOUT_CONDITION = 0.3;

const SPECIES_WORDS: Record<string, [one: string, many: string, young: string]> = {
  DOG: ["dog", "dogs", "puppies"],
  CAT: ["cat", "cats", "kittens"],
  RABBIT: ["rabbit", "rabbits", "young rabbits"],
  GUINEA_PIG: ["guinea pig", "guinea pigs", "young guinea pigs"],
  HAMSTER: ["hamster", "hamsters", "young hamsters"],
  FERRET: ["ferret", "ferrets", "kits"],
  BIRD: ["bird", "birds", "young birds"],
  REPTILE: ["reptile", "reptiles", "young reptiles"],
  FISH: ["fish", "fish", "young fish"],
  HORSE: ["horse", "horses", "foals"],
};

function speciesWords(species: string): [string, string, string] {
  return SPECIES_WORDS[species] ?? ["pet", "pets", "young pets"];
}

/** "senior dogs", "puppies", "adult cats". */
export function lifeStageWords(species: string, lifeStage: string): string {
  const [, many, young] = speciesWords(species);
  if (lifeStage === "JUNIOR") return young;
  return `${lifeStage.toLowerCase()} ${many}`;
}

/** The text a product is embedded from. */
export function productText(c: Pick<Candidate, "title" | "brand" | "categoryName" | "description">): string {
  return [c.title, c.brand, c.categoryName, c.description].filter(Boolean).join(". ");
}

/** The pet in words: species, life stage, conditions, allergens it must avoid (as "-free"), prescribed drugs. */
export function profileText(pet: PetForRanking): string {
  const [one] = speciesWords(pet.species);
  return [
    pet.lifeStage ? lifeStageWords(pet.species, pet.lifeStage) : one,
    ...pet.conditions,
    ...pet.allergies.map((a) => `${a.toLowerCase()}-free`),
    ...pet.prescriptions.map((p) => p.drug),
  ].join(". ");
}

function add(a: number[], b: readonly number[], weight: number): void {
  for (let i = 0; i < a.length; i++) a[i]! += weight * (b[i] ?? 0);
}

/** A cold start: nothing bought and nothing on the record beyond species and age to go by. */
export function isColdStart(pet: PetForRanking, purchases: readonly PastPurchase[]): boolean {
  return purchases.length === 0 && pet.conditions.length === 0 && pet.allergies.length === 0;
}

/**
 * The candidates the pet may have, best first, at most `first`, each with the reason of its
 * strongest signal. Cold start: popularity order (refills and exact life stage still first).
 */
export function rankProducts(
  input: { pet: PetForRanking; purchases: readonly PastPurchase[]; candidates: readonly Candidate[]; first: number },
  vectorOf: VectorOf,
): RankedProduct[] {
  const { pet, purchases, candidates } = input;
  const cold = isColdStart(pet, purchases);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const purchaseVectors = purchases.map((p) => {
    const known = byId.get(p.productId);
    // The product's own title when it is still for sale: an order line's adds the variant ("– 2 kg").
    return {
      purchase: known ? { ...p, title: known.title } : p,
      vector: vectorOf(known ? productText(known) : p.title),
    };
  });
  const profileVector = vectorOf(profileText(pet));
  // The profile: the pet's own words, and the mean of what was bought for it, equally.
  const profile = [...profileVector];
  for (const { vector } of purchaseVectors) add(profile, vector, 1 / purchaseVectors.length);
  const profileUnit = normalise(profile);
  const conditionVectors = pet.conditions.map((text) => ({ text, vector: vectorOf(text) }));
  const prescribed = new Map(pet.prescriptions.flatMap((p) => (p.code ? [[p.code.toUpperCase(), p.drug]] : [])));
  const maxPopularity = Math.max(0, ...candidates.map((c) => c.popularity));
  const [, many] = speciesWords(pet.species);

  const ranked: RankedProduct[] = [];
  for (const candidate of candidates) {
    const text = productText(candidate);
    const allergens = checkAllergens(
      `${candidate.title}. ${candidate.brand ?? ""}. ${candidate.description}`,
      pet.allergies,
    );
    if (allergens.contraindicated) continue;
    const vector = vectorOf(text);
    const refillOf = candidate.medicationCodes.map((code) => prescribed.get(code.toUpperCase())).find(Boolean);
    const exactStage = pet.lifeStage !== null && candidate.lifeStages.includes(pet.lifeStage);
    const popularity = maxPopularity > 0 ? Math.log1p(candidate.popularity) / Math.log1p(maxPopularity) : 0;
    const rating =
      candidate.averageRating === null
        ? 0
        : ((candidate.averageRating - 3) / 2) * Math.min(1, candidate.reviewCount / 10);
    let closest: { purchase: PastPurchase; similarity: number } | null = null;
    for (const { purchase, vector: bought } of purchaseVectors) {
      const similarity = purchase.productId === candidate.id ? 1 : dot(bought, vector);
      if (!closest || similarity > closest.similarity) closest = { purchase, similarity };
    }
    const condition = conditionVectors
      .map(({ text: name, vector: v }) => ({ name, similarity: dot(v, vector) }))
      .sort((a, b) => b.similarity - a.similarity)[0];

    const score =
      (refillOf ? WEIGHTS.refill : 0) +
      (exactStage ? WEIGHTS.lifeStage : 0) +
      WEIGHTS.popularity * popularity +
      WEIGHTS.rating * rating +
      (cold ? 0 : WEIGHTS.profile * dot(profileUnit, vector) + WEIGHTS.purchase * (closest?.similarity ?? 0));

    let reason: string;
    if (refillOf) reason = `Refill of ${pet.name}'s prescription for ${refillOf}`;
    else if (allergens.freeOf.length > 0)
      reason = `Free from ${allergens.freeOf.map((a) => a.toLowerCase()).join(" and ")}, which ${pet.name} is allergic to`;
    else if (condition && condition.similarity >= ABOUT_CONDITION)
      reason = `For ${pet.name}'s ${condition.name.toLowerCase()}`;
    else if (closest && closest.purchase.productId === candidate.id) reason = "You bought this before";
    else if (closest && closest.similarity >= LIKE_PURCHASE) reason = `Like the ${closest.purchase.title} you bought`;
    else if (exactStage) reason = `Made for ${lifeStageWords(pet.species, pet.lifeStage!)}`;
    else if (candidate.popularity > 0) reason = `Popular with ${speciesWords(pet.species)[0]} owners`;
    else reason = `Made for ${many}`;
    ranked.push({ candidate, score, reason });
  }
  // Ties (a cold start among unsold products) keep catalog's order: prescribed, most delivered, newest.
  return ranked
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.score - a.r.score || a.i - b.i)
    .slice(0, input.first)
    .map(({ r }) => r);
}
