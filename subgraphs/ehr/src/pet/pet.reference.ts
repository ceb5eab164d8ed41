import { isUuid } from "@pawgraph/subgraph-kit";
import type { Pet } from "./pet.type";

/** Any pet id may be asked about; access is checked field by field against pets. */
export const petReference = {
  __resolveReference(reference: { id: string }): Pet | null {
    return isUuid(reference.id) ? { id: reference.id.toLowerCase() } : null;
  },
};
