import { In, type DataSource, type EntityManager } from "typeorm";
import { keyset } from "@pawgraph/subgraph-kit";
import { ProductImageEntity } from "./product-image.entity";
import { ProductEntity } from "./product.entity";

/** A vendor's products page newest first by `seq`. */
export const VENDOR_PRODUCT_PAGE = keyset("seq").of((row: ProductEntity) => [row.seq]);

/** A product about to be written: its own columns, validated. */
export type NewProduct = Pick<
  ProductEntity,
  | "vendorId"
  | "title"
  | "slug"
  | "description"
  | "brand"
  | "categoryId"
  | "species"
  | "lifeStages"
  | "prescriptionOnly"
  | "medicationCodes"
  | "createdBy"
>;

export type ProductChanges = Partial<Omit<NewProduct, "vendorId" | "createdBy">>;

/**
 * The product columns of `alias` named as TypeORM names the entity's properties, read from the entity's
 * metadata, for raw statements that answer `ProductEntity` rows.
 */
export function productColumns(db: DataSource, alias: string): string {
  return db
    .getMetadata(ProductEntity)
    .columns.map(({ databaseName, propertyName }) =>
      databaseName === propertyName ? `${alias}.${databaseName}` : `${alias}.${databaseName} AS "${propertyName}"`,
    )
    .join(", ");
}

/** Queries of products and their images; writes that join a service's transaction take its `EntityManager`. */
export class ProductRepository {
  constructor(private readonly db: DataSource) {}

  byIds(ids: readonly string[]): Promise<ProductEntity[]> {
    return this.db.getRepository(ProductEntity).findBy({ id: In([...ids]) });
  }

  byId(id: string): Promise<ProductEntity | null> {
    return this.db.getRepository(ProductEntity).findOneBy({ id });
  }

  /** Which of `slugs` the vendor's products already use (other than `exceptId`). */
  async takenSlugs(vendorId: string, slugs: readonly string[], exceptId?: string): Promise<string[]> {
    const rows: { slug: string }[] = await this.db.query(
      `SELECT slug FROM catalog.products WHERE vendor_id = $1 AND slug = ANY($2) AND id IS DISTINCT FROM $3`,
      [vendorId, [...slugs], exceptId ?? null],
    );
    return rows.map((r) => r.slug);
  }

  async insert(tx: EntityManager, product: NewProduct): Promise<ProductEntity> {
    const { identifiers } = await tx.getRepository(ProductEntity).insert(product);
    return tx.getRepository(ProductEntity).findOneByOrFail({ id: identifiers[0]!.id as string });
  }

  async update(tx: EntityManager, id: string, changes: ProductChanges): Promise<ProductEntity> {
    if (Object.keys(changes).length) await tx.getRepository(ProductEntity).update({ id }, changes);
    return tx.getRepository(ProductEntity).findOneByOrFail({ id });
  }

  /** Locks the product row for a status change, so two changes at once apply one after the other. */
  lock(tx: EntityManager, id: string): Promise<ProductEntity | null> {
    return tx.getRepository(ProductEntity).findOne({ where: { id }, lock: { mode: "pessimistic_write" } });
  }

  async setStatus(
    tx: EntityManager,
    id: string,
    status: "ACTIVE" | "ARCHIVED",
    unpublished?: { reason: string; by: string } | null,
  ): Promise<ProductEntity> {
    await tx.query(
      `UPDATE catalog.products SET status = $2, updated_at = now(),
         published_at = CASE WHEN $2 = 'ACTIVE' THEN now() ELSE published_at END,
         unpublished_reason = CASE WHEN $2 = 'ACTIVE' THEN NULL ELSE COALESCE($3, unpublished_reason) END,
         unpublished_by = CASE WHEN $2 = 'ACTIVE' THEN NULL ELSE COALESCE($4::uuid, unpublished_by) END
       WHERE id = $1`,
      [id, status, unpublished?.reason ?? null, unpublished?.by ?? null],
    );
    return tx.getRepository(ProductEntity).findOneByOrFail({ id });
  }

  /**
   * Pages of many vendors' products in one statement: up to `limit` per vendor with one of
   * `statuses`, newest first, after the cursor's `seq` (a window function numbers each vendor's rows).
   */
  pagesOf(
    vendorIds: readonly string[],
    query: { limit: number; after: [string] | undefined; filter: readonly string[] | undefined },
  ): Promise<ProductEntity[]> {
    return this.db
      .getRepository(ProductEntity)
      .createQueryBuilder("p")
      .where(
        `p.id IN (SELECT id FROM (
           SELECT id, row_number() OVER (PARTITION BY vendor_id ORDER BY seq DESC) AS rn
             FROM catalog.products
            WHERE vendor_id = ANY(:vendorIds) AND status = ANY(:statuses)
              AND (CAST(:after AS bigint) IS NULL OR seq < CAST(:after AS bigint))
         ) ranked WHERE rn <= :limit)`,
        {
          vendorIds: [...vendorIds],
          statuses: [...(query.filter ?? [])],
          after: query.after?.[0] ?? null,
          limit: query.limit,
        },
      )
      .orderBy("p.seq", "DESC")
      .getMany();
  }

  /** The images of each product, in display order. */
  imagesOf(productIds: readonly string[]): Promise<ProductImageEntity[]> {
    return this.db
      .getRepository(ProductImageEntity)
      .find({ where: { productId: In([...productIds]) }, order: { position: "ASC", createdAt: "ASC" } });
  }
}
