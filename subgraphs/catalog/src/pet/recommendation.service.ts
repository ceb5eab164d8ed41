import { BadUserInputError, type BaseContext, type SubgraphClient } from "@pawgraph/subgraph-kit";
import type { ProductEntity } from "../product/product.entity";
import type { Species } from "../shared/species";
import { lifeStageOf } from "./life-stage";
import type { RecommendationRepository } from "./recommendation.repository";

const ACTIVE_PRESCRIPTIONS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Pet { activePrescriptions { code } } }
}`;

/** What the gateway hands catalog about a pet (its key and the fields `recommendedProducts` requires). */
export interface PetFacts {
  id: string;
  species: Species;
  dateOfBirth: string | null;
}

/** Products for a pet, by rules (species, life stage, stock, prescriptions); the AI issue replaces the ranking. */
export class RecommendationService {
  constructor(
    private readonly recommendations: RecommendationRepository,
    /** ehr, asked with the viewer's token which prescriptions the pet holds. */
    private readonly ehr: SubgraphClient,
  ) {}

  async forPet(ctx: BaseContext, pet: PetFacts, first: number): Promise<ProductEntity[]> {
    if (!Number.isInteger(first) || first < 1 || first > 20)
      throw new BadUserInputError("first", "first must be between 1 and 20");
    return this.recommendations.forPet({
      species: pet.species,
      lifeStage: lifeStageOf(pet.species, pet.dateOfBirth, new Date().toISOString().slice(0, 10)),
      prescribedCodes: await this.prescribedCodes(ctx, pet.id),
      limit: first,
    });
  }

  /**
   * The ATCvet codes of the pet's running prescriptions, as the viewer may see them in ehr. When ehr
   * cannot answer (down, slow, or the viewer may not read the record) none are assumed, so
   * prescription-only products are left out rather than offered without a prescription.
   */
  private async prescribedCodes(ctx: BaseContext, petId: string): Promise<string[]> {
    try {
      const data = await this.ehr.query<{
        _entities: ({ activePrescriptions: { code: string | null }[] | null } | null)[];
      }>(ctx, ACTIVE_PRESCRIPTIONS, { representations: [{ __typename: "Pet", id: petId }] });
      return (data._entities[0]?.activePrescriptions ?? []).flatMap((m) => (m.code ? [m.code] : []));
    } catch (error) {
      ctx.log.warn(
        { err: error, petId },
        "ehr did not say which prescriptions the pet holds; leaving prescription-only products out",
      );
      return [];
    }
  }
}
