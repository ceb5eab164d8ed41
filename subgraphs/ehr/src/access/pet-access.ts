import DataLoader from "dataloader";
import type { BaseContext, SubgraphClient } from "@pawgraph/subgraph-kit";

/** How the viewer relates to a pet, as the pets subgraph (which owns pets and sharing) says. */
export interface PetAccess {
  petId: string;
  name: string;
  species: string;
  relationship: "OWNER" | "CARER" | "CLINIC";
  /** Clinics of the viewer whose grant to this pet's record is in force. */
  clinicIds: string[];
}

const PETS_QUERY = `query EhrPetAccess($ids: [ID!]!) {
  pets(ids: $ids) { id name species myRelationship myClinicAccess { id } }
}`;

interface PetsAnswer {
  pets: ({
    id: string;
    name: string;
    species: string;
    myRelationship: PetAccess["relationship"];
    myClinicAccess: { id: string }[];
  } | null)[];
}

/**
 * Per-request loader asking pets, with the viewer's own token, which pets the viewer may see and
 * through which clinics: one HTTP call per batch, whatever the number of pets. Pets stays the
 * only judge of ownership, sharing and clinic grants (docs/decisions/0009).
 */
export function petAccessLoader(ctx: BaseContext, pets: SubgraphClient): DataLoader<string, PetAccess | null> {
  return new DataLoader<string, PetAccess | null>(
    async (ids) => {
      if (!ctx.viewer) return ids.map(() => null);
      const answer = await pets.query<PetsAnswer>(ctx, PETS_QUERY, { ids });
      // Clinic staff may see a pet without its record (its owner only wrote to them): no record then.
      return answer.pets.map((pet) =>
        pet && (pet.myRelationship !== "CLINIC" || pet.myClinicAccess.length > 0)
          ? {
              petId: pet.id,
              name: pet.name,
              species: pet.species,
              relationship: pet.myRelationship,
              clinicIds: pet.myClinicAccess.map((c) => c.id),
            }
          : null,
      );
    },
    { maxBatchSize: 100 },
  );
}
