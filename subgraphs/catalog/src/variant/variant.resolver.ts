import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { CatalogContext } from "../context";
import { toProduct } from "../product/product.mapper";
import { Product } from "../product/product.type";
import { AddProductVariantInput, SetVariantActiveInput, UpdateProductVariantInput } from "./variant.inputs";
import { toVariant } from "./variant.mapper";
import type { VariantService } from "./variant.service";
import { ProductVariant } from "./variant.type";

@Resolver(() => ProductVariant)
export class VariantResolver {
  constructor(private readonly variants: VariantService) {}

  @Authorized()
  @Mutation(() => ProductVariant, {
    description:
      "Add a variant to one of your vendor's products. Bad input is BAD_USER_INPUT naming the field (e.g. `input.variant.sku` for a SKU your vendor already uses).",
  })
  async addProductVariant(
    @Arg("input", () => AddProductVariantInput, { description: "The product and the variant." })
    input: AddProductVariantInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<ProductVariant> {
    return toVariant(await this.variants.add(ctx, input));
  }

  @Authorized()
  @Mutation(() => ProductVariant, {
    description: "Change a variant of one of your vendor's products; only the fields given change.",
  })
  async updateProductVariant(
    @Arg("input", () => UpdateProductVariantInput, { description: "The variant and its changes." })
    input: UpdateProductVariantInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<ProductVariant> {
    return toVariant(await this.variants.update(ctx, input));
  }

  @Authorized()
  @Mutation(() => ProductVariant, { description: "Make a variant of one of your vendor's products buyable or not." })
  async setVariantActive(
    @Arg("input", () => SetVariantActiveInput, { description: "The variant and whether it is active." })
    input: SetVariantActiveInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<ProductVariant> {
    return toVariant(await this.variants.setActive(ctx, input));
  }

  @FieldResolver(() => Product, {
    nullable: true,
    description: "The product this is a variant of (null only if it vanished since).",
  })
  async product(@Root() variant: ProductVariant, @Ctx() ctx: CatalogContext): Promise<Product | null> {
    const row = await ctx.loaders.product.load(variant.productId);
    return row ? toProduct(row, ctx.viewer) : null;
  }
}
