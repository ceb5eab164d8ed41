import { In, type DataSource } from "typeorm";
import { VariantEntity } from "./variant.entity";

/** Queries of the `variants` table. */
export class VariantRepository {
  constructor(private readonly db: DataSource) {}

  byIds(ids: readonly string[]): Promise<VariantEntity[]> {
    return this.db.getRepository(VariantEntity).findBy({ id: In([...ids]) });
  }

  /** The variants of each product, in display order. */
  ofProducts(productIds: readonly string[]): Promise<VariantEntity[]> {
    return this.db
      .getRepository(VariantEntity)
      .find({ where: { productId: In([...productIds]) }, order: { position: "ASC", seq: "ASC" } });
  }
}
