import { isUuid } from "@pawgraph/subgraph-kit";
import type { PetsContext } from "../context";
import type { PetEntity } from "./pet.entity";

/**
 * Federation entry point: other subgraphs hand us `{ id }` stubs; the same access rule applies. It
 * needs only the request's loaders, so it is a plain object, not wired in the composition root.
 */
export const petReference = {
  async __resolveReference(reference: { id: string }, ctx: PetsContext): Promise<PetEntity | null> {
    if (!ctx.viewer || !isUuid(reference.id)) return null;
    return (await ctx.loaders.accessiblePet.load(reference.id.toLowerCase()))?.pet ?? null;
  },
};
