import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { CatalogContext } from "../context";
import { toProduct } from "../product/product.mapper";
import { Product } from "../product/product.type";
import { ProductVariant } from "./variant.type";

@Resolver(() => ProductVariant)
export class VariantResolver {
  @FieldResolver(() => Product, {
    nullable: true,
    description: "The product this is a variant of (null only if it vanished since).",
  })
  async product(@Root() variant: ProductVariant, @Ctx() ctx: CatalogContext): Promise<Product | null> {
    const row = await ctx.loaders.product.load(variant.productId);
    return row ? toProduct(row, ctx.viewer) : null;
  }
}
