import { NotFoundError, type SubgraphClient } from "@pawgraph/subgraph-kit";
import type { EhrContext } from "../context";
import type { FhirPet, FhirPetWeight } from "./fhir-records";

const PET_QUERY = `query EhrFhirPet($ids: [ID!]!, $after: String) {
  pets(ids: $ids) {
    id name species breed sex neutered dateOfBirth microchipId deceasedOn
    weightHistory(first: 100, after: $after) {
      edges { node { id weightKg measuredAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** Far beyond any real pet (10,000 weighings); only guards against a pets bug paging forever. */
const MAX_WEIGHT_PAGES = 100;

interface PetAnswer {
  pets: (
    | (Omit<FhirPet, "weights"> & {
        weightHistory: {
          edges: { node: FhirPetWeight }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      })
    | null
  )[];
}

/**
 * Asks pets, with the viewer's own token, for the pet's demographics and whole weight history: ehr
 * never reads pets' tables. `pets(ids:)` answers null rather than an error when the viewer lost access
 * in the meantime, which becomes NOT_FOUND here. One call per 100 weighings.
 */
export async function fetchFhirPet(ctx: EhrContext, pets: SubgraphClient, petId: string): Promise<FhirPet> {
  const weights: FhirPetWeight[] = [];
  let after: string | null = null;
  for (let pages = 1; ; pages++) {
    const answer: PetAnswer = await pets.query<PetAnswer>(ctx, PET_QUERY, { ids: [petId], after });
    const pet = answer.pets[0];
    if (!pet) throw new NotFoundError("Pet", "petId");
    weights.push(...pet.weightHistory.edges.map((edge) => edge.node));
    if (!pet.weightHistory.pageInfo.hasNextPage || pages >= MAX_WEIGHT_PAGES) {
      const { weightHistory: _history, ...demographics } = pet;
      return { ...demographics, weights };
    }
    after = pet.weightHistory.pageInfo.endCursor;
  }
}
