import DataLoader from "dataloader";
import type { BaseContext, SubgraphClient } from "@pawgraph/subgraph-kit";

/** What bookings needs to know about a pet from the pets subgraph, for the current viewer. */
export interface PetFacts {
  petId: string;
  name: string;
  species: string;
  relationship: "OWNER" | "CARER" | "CLINIC";
}

const QUERY = `query BookingsPetFacts($ids: [ID!]!) { pets(ids: $ids) { id name species myRelationship } }`;

/** Per-request loader asking pets, with the viewer's token, about many pets in one call. */
export function petFactsLoader(ctx: BaseContext, pets: SubgraphClient): DataLoader<string, PetFacts | null> {
  return new DataLoader<string, PetFacts | null>(
    async (ids) => {
      if (!ctx.viewer) return ids.map(() => null);
      const answer = await pets.query<{ pets: ({ id: string; name: string; species: string; myRelationship: PetFacts["relationship"] } | null)[] }>(ctx, QUERY, { ids });
      return answer.pets.map((p) => (p ? { petId: p.id, name: p.name, species: p.species, relationship: p.myRelationship } : null));
    },
    { maxBatchSize: 100 },
  );
}
