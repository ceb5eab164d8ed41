import DataLoader from "dataloader";
import type { BaseContext, SubgraphClient } from "@pawgraph/subgraph-kit";

/** What bookings needs to know about a pet from the pets subgraph, for the current viewer. */
export interface PetFacts {
  petId: string;
  name: string;
  species: string;
  relationship: "OWNER" | "CARER" | "CLINIC";
  /** The pet has died or its owner archived it: it cannot be booked. */
  inactive: boolean;
}

const QUERY = `query BookingsPetFacts($ids: [ID!]!) { pets(ids: $ids) { id name species myRelationship deceasedOn archivedAt } }`;

/** Per-request loader asking pets, with the viewer's token, about many pets in one call. */
export function petFactsLoader(ctx: BaseContext, pets: SubgraphClient): DataLoader<string, PetFacts | null> {
  return new DataLoader<string, PetFacts | null>(
    async (ids) => {
      if (!ctx.viewer) return ids.map(() => null);
      type Answer = {
        id: string;
        name: string;
        species: string;
        myRelationship: PetFacts["relationship"];
        deceasedOn: string | null;
        archivedAt: string | null;
      };
      const answer = await pets.query<{ pets: (Answer | null)[] }>(ctx, QUERY, { ids });
      return answer.pets.map((p) =>
        p
          ? {
              petId: p.id,
              name: p.name,
              species: p.species,
              relationship: p.myRelationship,
              inactive: p.deceasedOn !== null || p.archivedAt !== null,
            }
          : null,
      );
    },
    { maxBatchSize: 100 },
  );
}
