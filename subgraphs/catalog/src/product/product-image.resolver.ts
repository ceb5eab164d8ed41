import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { toHttpHeaders } from "@pawgraph/subgraph-kit";
import { isVendorInsider } from "../access/catalog-access";
import type { CatalogContext } from "../context";
import type { ProductImageEntity } from "./product-image.entity";
import { AddProductImageInput, ProductImageIdInput, ReorderProductImagesInput } from "./product-image.inputs";
import type { ProductImageService } from "./product-image.service";
import { ProductImageUpload } from "./product-image.type";
import { Product, ProductImage, ProductImageStatus } from "./product.type";

/** Product images: their upload, completion and order, and `Product.images`. */
@Resolver(() => Product)
export class ProductImageResolver {
  constructor(private readonly service: ProductImageService) {}

  private async toImage(row: ProductImageEntity): Promise<ProductImage> {
    return {
      id: row.id,
      status: row.status as ProductImageStatus,
      position: row.position,
      alt: row.alt,
      width: row.width,
      height: row.height,
      ...(await this.service.urls(row)),
    };
  }

  @Authorized()
  @Mutation(() => ProductImageUpload, {
    description:
      "Ask for a URL to upload an image of one of your vendor's products: JPEG, PNG or WebP, at most 10 MB (others BAD_USER_INPUT on `input.file.contentType` / `input.file.sizeBytes`). Then PUT the file and call `completeProductImage`.",
  })
  async addProductImage(
    @Arg("input", () => AddProductImageInput, { description: "The product and the file." })
    input: AddProductImageInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<ProductImageUpload> {
    const { image, target } = await this.service.requestUpload(ctx, input);
    return {
      image: await this.toImage(image),
      url: target.url,
      method: target.method,
      headers: toHttpHeaders(target.headers),
      expiresAt: target.expiresAt,
    };
  }

  @Authorized()
  @Mutation(() => ProductImage, {
    description:
      "Confirm an image's upload: the file is checked to really be the declared image type and a 200 px thumbnail and an 800 px medium rendition (WebP) are made; then it is READY. A file that is no such image is BAD_USER_INPUT and the image FAILED.",
  })
  async completeProductImage(
    @Arg("input", () => ProductImageIdInput, { description: "The image." }) input: ProductImageIdInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<ProductImage> {
    return this.toImage(await this.service.complete(ctx, input.imageId));
  }

  @Authorized()
  @Mutation(() => [ProductImage], {
    description: "Put the images of one of your vendor's products in a new order; returns them in that order.",
  })
  async reorderProductImages(
    @Arg("input", () => ReorderProductImagesInput, { description: "The product and its image ids in order." })
    input: ReorderProductImagesInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<ProductImage[]> {
    const rows = await this.service.reorder(ctx, input.productId, input.imageIds);
    return Promise.all(rows.map((row) => this.toImage(row)));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Remove an image from one of your vendor's products. True when removed." })
  async removeProductImage(
    @Arg("input", () => ProductImageIdInput, { description: "The image." }) input: ProductImageIdInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<boolean> {
    await this.service.remove(ctx, input.imageId);
    return true;
  }

  @FieldResolver(() => [ProductImage], {
    description:
      "Its images in display order (the first is the main image), with signed URLs valid for an hour. Shoppers see READY images only.",
  })
  async images(@Root() product: Product, @Ctx() ctx: CatalogContext): Promise<ProductImage[]> {
    const rows = await ctx.loaders.productImages.load(product.id);
    const insider = isVendorInsider(ctx.viewer, product.vendorId);
    return Promise.all(rows.filter((row) => insider || row.status === "READY").map((row) => this.toImage(row)));
  }
}
