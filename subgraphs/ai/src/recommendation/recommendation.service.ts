import { BadUserInputError, type BaseContext } from "@pawgraph/subgraph-kit";
import type { LocalEmbedder } from "../embedding/local-embedder";
import { lifeStageOf } from "../pet/life-stage";
import type { PetRecordClient } from "../record/pet-record.client";
import { productText, rankProducts, type RankedProduct } from "./ranker";
import type { ShopClients } from "./shop.clients";

/** Product texts' vectors kept between requests: public catalog data only, never a pet's or a person's. */
const PRODUCT_VECTORS = 5_000;

/**
 * A pet's product recommendations: the pet as the asker may see it (pets), its allergies, diagnoses and
 * prescriptions (ehr), the asker's past purchases (orders), catalog's eligible products, then the
 * ranker (docs/decisions/0037). Always the local embedder: 500 short texts per request would cost a
 * provider's embedding call each time, and product texts are cached.
 */
export class RecommendationService {
  private readonly productVectors = new Map<string, readonly number[]>();

  constructor(
    private readonly petRecords: PetRecordClient,
    private readonly shop: ShopClients,
    private readonly embedder: LocalEmbedder,
  ) {}

  async forPet(ctx: BaseContext, petId: string, first: number): Promise<RankedProduct[]> {
    if (!Number.isInteger(first) || first < 1 || first > 20)
      throw new BadUserInputError("first", "first must be between 1 and 20");
    // NOT_FOUND for a pet the asker may not see, before anything else is asked.
    const profile = await this.petRecords.profile(ctx, petId, "id");
    // The asker's own orders say something about this pet only when it is theirs: a carer's or a
    // clinic's purchases are for other animals.
    const [health, purchases] = await Promise.all([
      this.shop.health(ctx, petId),
      profile.relationship === "OWNER" ? this.shop.purchases(ctx) : Promise.resolve([]),
    ]);
    const lifeStage = lifeStageOf(profile.species, profile.dateOfBirth, new Date().toISOString().slice(0, 10));
    const candidates = await this.shop.candidates(ctx, {
      species: profile.species,
      lifeStage,
      prescribedCodes: health.prescriptions.flatMap((p) => (p.code ? [p.code] : [])),
    });
    const request = new Map<string, readonly number[]>();
    for (const candidate of candidates) {
      const text = productText(candidate);
      request.set(text, this.productVector(text));
    }
    return rankProducts(
      {
        pet: { name: profile.name, species: profile.species, lifeStage, ...health },
        purchases,
        candidates,
        first,
      },
      (text) => request.get(text) ?? this.embedder.embedOne(text),
    );
  }

  private productVector(text: string): readonly number[] {
    const cached = this.productVectors.get(text);
    if (cached) {
      // Most recently used last: the first key is the one to drop.
      this.productVectors.delete(text);
      this.productVectors.set(text, cached);
      return cached;
    }
    const vector = this.embedder.embedOne(text);
    this.productVectors.set(text, vector);
    if (this.productVectors.size > PRODUCT_VECTORS)
      this.productVectors.delete(this.productVectors.keys().next().value!);
    return vector;
  }
}
