import { isUuid } from "@pawgraph/subgraph-kit";
import { canSeeVendor } from "../access/catalog-access";
import type { CatalogContext } from "../context";
import { toVendor } from "./vendor.mapper";
import type { Vendor } from "./vendor.type";

/** Other subgraphs refer to vendors by id (orders' payouts); unapproved ones resolve only for those who may see them. */
export const vendorReference = {
  async __resolveReference(reference: { id: string }, ctx: CatalogContext): Promise<Vendor | null> {
    if (!isUuid(reference.id)) return null;
    const row = await ctx.loaders.vendor.load(reference.id.toLowerCase());
    return row && canSeeVendor(ctx.viewer, row) ? toVendor(row, ctx.viewer) : null;
  },
};
