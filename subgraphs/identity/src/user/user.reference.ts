import { isUuid } from "@pawgraph/subgraph-kit";
import type { IdentityContext } from "../context";
import type { UserEntity } from "./user.entity";

/** Federation entry point: other subgraphs hand us `{ id }` stubs; the request's loader answers them. */
export const userReference = {
  __resolveReference(reference: { id: string }, ctx: IdentityContext): Promise<UserEntity | null> | null {
    return isUuid(reference.id) ? ctx.loaders.user.load(reference.id.toLowerCase()) : null;
  },
};
