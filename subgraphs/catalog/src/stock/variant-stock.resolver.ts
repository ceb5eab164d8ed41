import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { isVendorInsider } from "../access/catalog-access";
import type { CatalogContext } from "../context";
import { ProductVariant } from "../variant/variant.type";
import { availableAt, toStockLevel } from "./stock.mapper";
import { StockLevel } from "./stock.type";

/** The stock fields catalog adds to ProductVariant, read through one batched loader per request. */
@Resolver(() => ProductVariant)
export class VariantStockResolver {
  @FieldResolver(() => Boolean, {
    description:
      "Whether at least one unit can be bought now at some location (after allocations, carts at checkout and the vendor's out-of-stock threshold).",
  })
  async inStock(@Root() variant: ProductVariant, @Ctx() ctx: CatalogContext): Promise<boolean> {
    return (await ctx.loaders.stockLevelsOf.load(variant.id)).some((level) => availableAt(level) > 0);
  }

  @FieldResolver(() => [StockLevel], {
    nullable: true,
    description: "Stock per location: for the vendor's people and platform admins; null for everyone else.",
  })
  async stockLevels(@Root() variant: ProductVariant, @Ctx() ctx: CatalogContext): Promise<StockLevel[] | null> {
    if (!isVendorInsider(ctx.viewer, variant.vendorId)) return null;
    return (await ctx.loaders.stockLevelsOf.load(variant.id)).map(toStockLevel);
  }
}
