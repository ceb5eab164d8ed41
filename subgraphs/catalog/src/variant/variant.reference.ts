import { isUuid } from "@pawgraph/subgraph-kit";
import { canSeeProduct } from "../access/catalog-access";
import type { CatalogContext } from "../context";
import { toVariant } from "./variant.mapper";
import type { ProductVariant } from "./variant.type";

/** Orders' cart lines refer to variants by id; a variant is visible when its product is. */
export const variantReference = {
  async __resolveReference(reference: { id: string }, ctx: CatalogContext): Promise<ProductVariant | null> {
    if (!isUuid(reference.id)) return null;
    const row = await ctx.loaders.variant.load(reference.id.toLowerCase());
    if (!row) return null;
    const product = await ctx.loaders.product.load(row.productId);
    const vendor = product ? await ctx.loaders.vendor.load(product.vendorId) : null;
    return product && canSeeProduct(ctx.viewer, product, vendor?.status) ? toVariant(row) : null;
  },
};
