import { isUuid } from "@pawgraph/subgraph-kit";
import type { User } from "./user.type";

/**
 * The router resolves identity's `User` stubs here to reach the fields pets adds (`User.pets`): the
 * stub is its id alone, so nothing is looked up, and an id that is not a uuid is no user.
 */
export const userReference = {
  __resolveReference(reference: { id: string }): User | null {
    return isUuid(reference.id) ? { id: reference.id.toLowerCase() } : null;
  },
};
