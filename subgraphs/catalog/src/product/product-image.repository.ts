import type { DataSource, EntityManager } from "typeorm";
import { ProductImageEntity } from "./product-image.entity";

/** Queries of `product_images`. */
export class ProductImageRepository {
  constructor(private readonly db: DataSource) {}

  byId(id: string): Promise<ProductImageEntity | null> {
    return this.db.getRepository(ProductImageEntity).findOneBy({ id });
  }

  ofProduct(productId: string): Promise<ProductImageEntity[]> {
    return this.db.getRepository(ProductImageEntity).find({ where: { productId }, order: { position: "ASC" } });
  }

  /**
   * A new image at the end of the product's images, or null when it already has `max`; one at a time
   * per product (the product row is locked), so two uploads at once cannot both pass the count.
   */
  async insert(
    image: Pick<ProductImageEntity, "id" | "productId" | "fileKey" | "contentType" | "byteSize" | "alt">,
    max: number,
  ): Promise<ProductImageEntity | null> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM catalog.products WHERE id = $1 FOR UPDATE`, [image.productId]);
      const [row] = await tx.query(
        `SELECT COALESCE(max(position) + 1, 0)::int AS next, count(*)::int AS n FROM catalog.product_images WHERE product_id = $1`,
        [image.productId],
      );
      if ((row.n as number) >= max) return null;
      await tx
        .getRepository(ProductImageEntity)
        .insert({ ...image, position: row.next as number, status: "UPLOADING" });
      return tx.getRepository(ProductImageEntity).findOneByOrFail({ id: image.id });
    });
  }

  async markReady(
    id: string,
    facts: Pick<ProductImageEntity, "width" | "height" | "thumbnailKey" | "mediumKey">,
  ): Promise<ProductImageEntity> {
    await this.db.getRepository(ProductImageEntity).update({ id }, { ...facts, status: "READY" });
    return this.db.getRepository(ProductImageEntity).findOneByOrFail({ id });
  }

  async markFailed(id: string): Promise<void> {
    await this.db.getRepository(ProductImageEntity).update({ id }, { status: "FAILED" });
  }

  /** Positions 0, 1, 2, ... in the order of `ids` (every image of the product), in one transaction. */
  reorder(productId: string, ids: readonly string[]): Promise<ProductImageEntity[]> {
    return this.db.transaction(async (tx: EntityManager) => {
      await tx.query(
        `UPDATE catalog.product_images i SET position = o.position - 1
           FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, position)
          WHERE i.id = o.id AND i.product_id = $1`,
        [productId, [...ids]],
      );
      return tx.getRepository(ProductImageEntity).find({ where: { productId }, order: { position: "ASC" } });
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.getRepository(ProductImageEntity).delete({ id });
  }
}
