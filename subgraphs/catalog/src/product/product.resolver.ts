import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { NotFoundError, isUuid } from "@pawgraph/subgraph-kit";
import { canSeeProduct, canSeeVendor, isVendorInsider } from "../access/catalog-access";
import { toCategory } from "../category/category.mapper";
import { Category } from "../category/category.type";
import type { CatalogContext } from "../context";
import { toVariant } from "../variant/variant.mapper";
import { ProductVariant } from "../variant/variant.type";
import { toVendor } from "../vendor/vendor.mapper";
import { Vendor } from "../vendor/vendor.type";
import { toProduct } from "./product.mapper";
import { Product } from "./product.type";

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => Product, {
    nullable: true,
    description:
      "A product by id. Public for active products of approved vendors; drafts, archived products and other vendors' products answer NOT_FOUND except to their vendor's people and platform admins.",
  })
  async product(
    @Arg("id", () => ID, { description: "The product's id." }) id: string,
    @Ctx() ctx: CatalogContext,
  ): Promise<Product> {
    const row = isUuid(id) ? await ctx.loaders.product.load(id.toLowerCase()) : null;
    const vendor = row ? await ctx.loaders.vendor.load(row.vendorId) : null;
    if (!row || !canSeeProduct(ctx.viewer, row, vendor?.status)) throw new NotFoundError("Product", "id");
    return toProduct(row, ctx.viewer);
  }

  @FieldResolver(() => Vendor, { nullable: true, description: "The vendor selling it." })
  async vendor(@Root() product: Product, @Ctx() ctx: CatalogContext): Promise<Vendor | null> {
    const row = await ctx.loaders.vendor.load(product.vendorId);
    return row && canSeeVendor(ctx.viewer, row) ? toVendor(row, ctx.viewer) : null;
  }

  @FieldResolver(() => Category, { nullable: true, description: "Its category." })
  async category(@Root() product: Product, @Ctx() ctx: CatalogContext): Promise<Category | null> {
    const row = await ctx.loaders.category.load(product.categoryId);
    return row ? toCategory(row) : null;
  }

  @FieldResolver(() => [ProductVariant], {
    description: "Its variants in display order; inactive ones only to its vendor's people and platform admins.",
  })
  async variants(@Root() product: Product, @Ctx() ctx: CatalogContext): Promise<ProductVariant[]> {
    const rows = await ctx.loaders.variantsOf.load(product.id);
    const insider = isVendorInsider(ctx.viewer, product.vendorId);
    return rows.filter((v) => v.active || insider).map(toVariant);
  }
}
