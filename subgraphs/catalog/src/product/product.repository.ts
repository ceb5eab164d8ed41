import { In, type DataSource } from "typeorm";
import { ProductImageEntity } from "./product-image.entity";
import { ProductEntity } from "./product.entity";

/** Queries of products and their images. */
export class ProductRepository {
  constructor(private readonly db: DataSource) {}

  byIds(ids: readonly string[]): Promise<ProductEntity[]> {
    return this.db.getRepository(ProductEntity).findBy({ id: In([...ids]) });
  }

  /** The images of each product, in display order. */
  imagesOf(productIds: readonly string[]): Promise<ProductImageEntity[]> {
    return this.db
      .getRepository(ProductImageEntity)
      .find({ where: { productId: In([...productIds]) }, order: { position: "ASC", createdAt: "ASC" } });
  }
}
