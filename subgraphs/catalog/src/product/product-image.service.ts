import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { BadUserInputError, NotFoundError, parseId, type FileStore, type UploadTarget } from "@pawgraph/subgraph-kit";
import type { CatalogContext } from "../context";
import { makeRenditions } from "./image-renditions";
import type { ProductImageEntity } from "./product-image.entity";
import { PRODUCT_IMAGE_MAX_BYTES, type AddProductImageInput } from "./product-image.inputs";
import type { ProductImageRepository } from "./product-image.repository";
import type { ProductService } from "./product.service";

const MAX_IMAGES = 20;
const UPLOAD_URL_SECONDS = 15 * 60;
const IMAGE_URL_SECONDS = 60 * 60;

/** Reads a stream into memory, refusing more than `max` bytes. */
async function readAll(stream: Readable, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Product images: the vendor uploads straight to storage through a presigned URL; completing the
 * upload reads the file back, checks it really is the declared image type, and stores a thumbnail
 * and a medium rendition next to it. Only then is it READY, and only READY images reach shoppers.
 */
export class ProductImageService {
  constructor(
    private readonly images: ProductImageRepository,
    private readonly products: ProductService,
    private readonly store: FileStore,
  ) {}

  async requestUpload(
    ctx: CatalogContext,
    input: AddProductImageInput,
  ): Promise<{ image: ProductImageEntity; target: UploadTarget }> {
    const { product } = await this.products.editable(ctx, input.productId);
    if (input.file.sizeBytes > PRODUCT_IMAGE_MAX_BYTES)
      throw new BadUserInputError("input.file.sizeBytes", `must be at most ${PRODUCT_IMAGE_MAX_BYTES} bytes (10 MB)`);
    const id = randomUUID();
    const image = await this.images.insert(
      {
        id,
        productId: product.id,
        fileKey: `products/${product.id}/${id}/original`,
        contentType: input.file.contentType,
        byteSize: input.file.sizeBytes,
        alt: input.alt?.trim() ?? "",
      },
      MAX_IMAGES,
    );
    if (!image) throw new BadUserInputError("input.productId", `a product has at most ${MAX_IMAGES} images`);
    const target = await this.store.presignUpload(image.fileKey, image.contentType, image.byteSize, UPLOAD_URL_SECONDS);
    return { image, target };
  }

  /** Checks the uploaded file and makes its renditions; a file that is not the declared image marks it FAILED. */
  async complete(ctx: CatalogContext, imageId: string): Promise<ProductImageEntity> {
    const image = await this.editable(ctx, imageId);
    if (image.status === "READY") return image;
    const stored = await this.store.stat(image.fileKey);
    if (!stored) throw new BadUserInputError("input.imageId", "No file has been uploaded yet");
    if (stored.sizeBytes !== image.byteSize)
      throw new BadUserInputError("input.imageId", "The uploaded file does not have the declared size");
    const stream = await this.store.read(image.fileKey);
    const bytes = stream && (await readAll(stream, PRODUCT_IMAGE_MAX_BYTES));
    const made = bytes && (await makeRenditions(bytes, image.contentType));
    if (!made) {
      await this.images.markFailed(image.id);
      throw new BadUserInputError("input.imageId", `The uploaded file is not a valid ${image.contentType} image`);
    }
    const base = image.fileKey.replace(/\/original$/, "");
    await this.store.put(`${base}/thumbnail.webp`, made.thumbnail, "image/webp");
    await this.store.put(`${base}/medium.webp`, made.medium, "image/webp");
    return this.images.markReady(image.id, {
      width: made.width,
      height: made.height,
      thumbnailKey: `${base}/thumbnail.webp`,
      mediumKey: `${base}/medium.webp`,
    });
  }

  async reorder(ctx: CatalogContext, productId: string, imageIds: string[]): Promise<ProductImageEntity[]> {
    const { product } = await this.products.editable(ctx, productId);
    const ids = imageIds.map((id, i) => parseId(id, `input.imageIds.${i}`));
    const current = await this.images.ofProduct(product.id);
    const known = new Set(current.map((i) => i.id));
    const unknown = ids.findIndex((id) => !known.has(id));
    if (unknown >= 0) throw new NotFoundError("Image", `input.imageIds.${unknown}`);
    if (new Set(ids).size !== ids.length || ids.length !== current.length)
      throw new BadUserInputError("input.imageIds", "list every image of the product exactly once");
    return this.images.reorder(product.id, ids);
  }

  async remove(ctx: CatalogContext, imageId: string): Promise<void> {
    const image = await this.editable(ctx, imageId);
    await this.images.remove(image.id);
  }

  /** Fresh signed URLs of an image's original and renditions (null until they exist). */
  async urls(image: ProductImageEntity) {
    const sign = async (key: string | null, name: string) =>
      key ? (await this.store.presignDownload(key, name, IMAGE_URL_SECONDS)).url : null;
    const ready = image.status === "READY";
    return {
      url: ready ? await sign(image.fileKey, `${image.id}`) : null,
      thumbnailUrl: await sign(image.thumbnailKey, `${image.id}-thumbnail.webp`),
      mediumUrl: await sign(image.mediumKey, `${image.id}-medium.webp`),
    };
  }

  private async editable(ctx: CatalogContext, imageId: string): Promise<ProductImageEntity> {
    const image = await this.images.byId(parseId(imageId, "input.imageId"));
    if (!image) throw new NotFoundError("Image", "input.imageId");
    await this.products.editable(ctx, image.productId, "input.imageId");
    return image;
  }
}
