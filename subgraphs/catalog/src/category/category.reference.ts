import { isUuid } from "@pawgraph/subgraph-kit";
import type { CatalogContext } from "../context";
import { toCategory } from "./category.mapper";
import type { Category } from "./category.type";

/** Categories are public: any id that exists resolves. */
export const categoryReference = {
  async __resolveReference(reference: { id: string }, ctx: CatalogContext): Promise<Category | null> {
    if (!isUuid(reference.id)) return null;
    const row = await ctx.loaders.category.load(reference.id.toLowerCase());
    return row ? toCategory(row) : null;
  },
};
