import { isUuid } from "@pawgraph/subgraph-kit";
import { canSeeProduct } from "../access/catalog-access";
import type { CatalogContext } from "../context";
import { toProduct } from "./product.mapper";
import type { Product } from "./product.type";

/** Other subgraphs refer to products by id (orders' lines, ai's recommendations); hidden ones resolve only for their vendor and admins. */
export const productReference = {
  async __resolveReference(reference: { id: string }, ctx: CatalogContext): Promise<Product | null> {
    if (!isUuid(reference.id)) return null;
    const row = await ctx.loaders.product.load(reference.id.toLowerCase());
    if (!row) return null;
    const vendor = await ctx.loaders.vendor.load(row.vendorId);
    return canSeeProduct(ctx.viewer, row, vendor?.status) ? toProduct(row, ctx.viewer) : null;
  },
};
