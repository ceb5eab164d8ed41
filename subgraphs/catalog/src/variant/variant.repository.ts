import { In, type DataSource, type EntityManager } from "typeorm";
import { VariantEntity } from "./variant.entity";

/** A variant as orders prices it; `unavailableReason` is null when it may be bought now. */
export interface OrderableVariantRow {
  variantId: string;
  productId: string;
  categoryId: string;
  vendorId: string;
  vendorName: string;
  vendorClinicId: string | null;
  title: string;
  sku: string;
  priceMinor: number;
  currency: string;
  taxCategory: string;
  weightGrams: number | null;
  prescriptionOnly: boolean;
  medicationCodes: string[];
  unavailableReason: string | null;
}

/** A variant about to be written: every column but the generated ones. */
export type NewVariant = Omit<VariantEntity, "id" | "seq" | "createdAt" | "updatedAt">;

/** Queries of the `variants` table; writes that join a service's transaction take its `EntityManager`. */
export class VariantRepository {
  constructor(private readonly db: DataSource) {}

  byIds(ids: readonly string[]): Promise<VariantEntity[]> {
    return this.db.getRepository(VariantEntity).findBy({ id: In([...ids]) });
  }

  byId(id: string): Promise<VariantEntity | null> {
    return this.db.getRepository(VariantEntity).findOneBy({ id });
  }

  /** The variants of each product, in display order. */
  ofProducts(productIds: readonly string[]): Promise<VariantEntity[]> {
    return this.db
      .getRepository(VariantEntity)
      .find({ where: { productId: In([...productIds]) }, order: { position: "ASC", seq: "ASC" } });
  }

  /** Which of `skus` the vendor's variants already use (other than `exceptId`). */
  async takenSkus(vendorId: string, skus: readonly string[], exceptId?: string): Promise<string[]> {
    const rows: { sku: string }[] = await this.db.query(
      `SELECT sku FROM catalog.variants WHERE vendor_id = $1 AND sku = ANY($2) AND id IS DISTINCT FROM $3`,
      [vendorId, [...skus], exceptId ?? null],
    );
    return rows.map((r) => r.sku);
  }

  /** The next display position among a product's variants. */
  async nextPosition(tx: EntityManager, productId: string): Promise<number> {
    const [row] = await tx.query(
      `SELECT COALESCE(max(position) + 1, 0)::int AS next FROM catalog.variants WHERE product_id = $1`,
      [productId],
    );
    return row.next as number;
  }

  async insert(tx: EntityManager, rows: NewVariant[]): Promise<VariantEntity[]> {
    const { identifiers } = await tx.getRepository(VariantEntity).insert(rows);
    const ids = identifiers.map((i) => i.id as string);
    return tx.getRepository(VariantEntity).find({ where: { id: In(ids) }, order: { position: "ASC", seq: "ASC" } });
  }

  async update(tx: EntityManager, id: string, changes: Partial<NewVariant>): Promise<VariantEntity> {
    if (Object.keys(changes).length) await tx.getRepository(VariantEntity).update({ id }, changes);
    return tx.getRepository(VariantEntity).findOneByOrFail({ id });
  }

  /** How many of the product's variants can be bought. */
  async activeCount(tx: EntityManager, productId: string): Promise<number> {
    const [row] = await tx.query(`SELECT count(*)::int AS n FROM catalog.variants WHERE product_id = $1 AND active`, [
      productId,
    ]);
    return row.n as number;
  }

  /** Variants as orders prices them (`OrderableVariant`), with why one may not be bought now. */
  orderable(ids: string[]): Promise<OrderableVariantRow[]> {
    return this.db.query(
      `SELECT v.id AS "variantId", p.id AS "productId", p.category_id AS "categoryId", p.vendor_id AS "vendorId",
              vd.name AS "vendorName", vd.clinic_id AS "vendorClinicId",
              CASE WHEN v.title = '' THEN p.title ELSE p.title || ' – ' || v.title END AS title,
              v.sku, v.price_minor::int AS "priceMinor", v.currency, v.tax_category AS "taxCategory",
              v.weight_grams AS "weightGrams", p.prescription_only AS "prescriptionOnly",
              p.medication_codes AS "medicationCodes",
              CASE WHEN NOT v.active THEN 'VARIANT_INACTIVE'
                   WHEN p.status <> 'ACTIVE' THEN 'PRODUCT_NOT_ACTIVE'
                   WHEN vd.status <> 'APPROVED' THEN 'VENDOR_NOT_APPROVED' END AS "unavailableReason"
         FROM catalog.variants v
         JOIN catalog.products p ON p.id = v.product_id
         JOIN catalog.vendors vd ON vd.id = p.vendor_id
        WHERE v.id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
