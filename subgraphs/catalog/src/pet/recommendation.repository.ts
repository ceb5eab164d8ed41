import type { DataSource } from "typeorm";
import type { ProductEntity } from "../product/product.entity";

/** What a pet's recommendations are chosen by. */
export interface RecommendationCriteria {
  species: string;
  lifeStage: string | null;
  /** ATCvet codes the pet holds a running prescription for. */
  prescribedCodes: string[];
  limit: number;
}

/** Product rows as TypeORM maps them, for the one raw query below. */
const PRODUCT_COLUMNS = `p.id, p.seq, p.vendor_id AS "vendorId", p.title, p.slug, p.description, p.brand,
  p.category_id AS "categoryId", p.species, p.life_stages AS "lifeStages", p.status,
  p.prescription_only AS "prescriptionOnly", p.medication_codes AS "medicationCodes",
  p.unpublished_reason AS "unpublishedReason", p.unpublished_by AS "unpublishedBy",
  p.rating_count AS "ratingCount", p.rating_sum AS "ratingSum", p.created_by AS "createdBy",
  p.published_at AS "publishedAt", p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

/** The rule-based recommendation query (the AI issue replaces the ranking, not the rules). */
export class RecommendationRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Active products of approved vendors made for this species (and life stage, when known and the
   * product names any), with some active variant in stock, prescription-only ones only when the pet
   * holds a prescription for one of the codes they dispense. Medicines the pet is prescribed first,
   * then products made for its exact life stage, then best rated, then newest.
   */
  forPet(criteria: RecommendationCriteria): Promise<ProductEntity[]> {
    return this.db.query(
      `SELECT ${PRODUCT_COLUMNS}
         FROM catalog.products p
         JOIN catalog.vendors v ON v.id = p.vendor_id AND v.status = 'APPROVED'
        WHERE p.status = 'ACTIVE'
          AND $1 = ANY (p.species)
          AND ($2::text IS NULL OR cardinality(p.life_stages) = 0 OR $2 = ANY (p.life_stages))
          AND (NOT p.prescription_only OR p.medication_codes && $3::text[])
          AND EXISTS (
            SELECT 1
              FROM catalog.variants va
              JOIN catalog.stock_levels sl ON sl.variant_id = va.id
             WHERE va.product_id = p.id AND va.active
               AND sl.on_hand - sl.allocated - va.out_of_stock_threshold - COALESCE((
                     SELECT sum(r.quantity) FROM catalog.stock_reservations r
                      WHERE r.variant_id = sl.variant_id AND r.location_id = sl.location_id AND r.expires_at > now()
                   ), 0) > 0)
        ORDER BY (p.prescription_only AND p.medication_codes && $3::text[]) DESC,
                 ($2::text IS NOT NULL AND $2 = ANY (p.life_stages)) DESC,
                 p.rating_sum::float8 / NULLIF(p.rating_count, 0) DESC NULLS LAST,
                 p.seq DESC
        LIMIT $4`,
      [criteria.species, criteria.lifeStage, criteria.prescribedCodes, criteria.limit],
    );
  }
}
