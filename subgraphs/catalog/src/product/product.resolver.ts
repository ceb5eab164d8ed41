import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { NotFoundError, isUuid } from "@pawgraph/subgraph-kit";
import { canSeeProduct, canSeeVendor, isVendorInsider } from "../access/catalog-access";
import { toCategory } from "../category/category.mapper";
import { Category } from "../category/category.type";
import type { CatalogContext } from "../context";
import { toVariant } from "../variant/variant.mapper";
import { ProductVariant } from "../variant/variant.type";
import { toVendor } from "../vendor/vendor.mapper";
import { Vendor } from "../vendor/vendor.type";
import { NotPublishableReason, ProductNotPublishableError, PublishProductResult } from "./product.errors";
import { CreateProductInput, ProductIdInput, UnpublishProductInput, UpdateProductInput } from "./product.inputs";
import { toProduct } from "./product.mapper";
import type { ProductService } from "./product.service";
import { Product } from "./product.type";

const NOT_PUBLISHABLE: Record<NotPublishableReason, string> = {
  VENDOR_NOT_APPROVED: "Your shop is still waiting for approval; products go live once it is approved.",
  NO_ACTIVE_VARIANT: "Activate at least one variant first: nothing could be bought.",
  UNPUBLISHED_BY_ADMIN: "A platform admin took this product out of the shop; contact them to review it.",
};

@Resolver(() => Product)
export class ProductResolver {
  constructor(private readonly products: ProductService) {}

  @Authorized()
  @Mutation(() => Product, {
    description:
      "Create a product of your vendor as a DRAFT with its variants, in one step (VENDOR_ADMIN or VENDOR_STAFF of `input.vendorId`). Anything wrong is BAD_USER_INPUT naming the exact field (e.g. `input.variants.0.gtin`) and nothing is written.",
  })
  async createProduct(
    @Arg("input", () => CreateProductInput, { description: "The product and its variants." })
    input: CreateProductInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<Product> {
    return toProduct(await this.products.create(ctx, input), ctx.viewer);
  }

  @Authorized()
  @Mutation(() => Product, {
    description:
      "Change one of your vendor's products; only the fields given change. Another vendor's product is NOT_FOUND.",
  })
  async updateProduct(
    @Arg("input", () => UpdateProductInput, { description: "The product and its changes." })
    input: UpdateProductInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<Product> {
    return toProduct(await this.products.update(ctx, input), ctx.viewer);
  }

  @Authorized()
  @Mutation(() => PublishProductResult, {
    description:
      "Put one of your vendor's products into the shop (ACTIVE). Needs an approved vendor and an active variant; otherwise `ProductNotPublishableError` says why.",
  })
  async publishProduct(
    @Arg("input", () => ProductIdInput, { description: "The product." }) input: ProductIdInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<typeof PublishProductResult> {
    const result = await this.products.publish(ctx, input.productId);
    if (typeof result === "string")
      return Object.assign(new ProductNotPublishableError(), { reason: result, message: NOT_PUBLISHABLE[result] });
    return Object.assign(new Product(), toProduct(result, ctx.viewer));
  }

  @Authorized()
  @Mutation(() => Product, {
    description: "Take one of your vendor's products out of the shop (ARCHIVED); past orders keep it.",
  })
  async archiveProduct(
    @Arg("input", () => ProductIdInput, { description: "The product." }) input: ProductIdInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<Product> {
    return toProduct(await this.products.archive(ctx, input.productId), ctx.viewer);
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => Product, {
    description:
      "Take any product out of the shop as a platform admin, with a reason its vendor sees (`unpublishedReason`); the vendor cannot publish it again.",
  })
  async unpublishProduct(
    @Arg("input", () => UnpublishProductInput, { description: "The product and why." }) input: UnpublishProductInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<Product> {
    return toProduct(await this.products.unpublish(ctx, input), ctx.viewer);
  }
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
