import type { DataSource } from "typeorm";
import type { ProductEntity } from "../product/product.entity";
import { productColumns } from "../product/product.repository";
import { productInStock } from "../stock/available-stock.sql";

/** What a pet's recommendations are chosen by. */
export interface RecommendationCriteria {
  species: string;
  lifeStage: string | null;
  /** ATCvet codes the pet holds a running prescription for. */
  prescribedCodes: string[];
  limit: number;
}

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
      `SELECT ${productColumns(this.db, "p")}
         FROM catalog.products p
         JOIN catalog.vendors v ON v.id = p.vendor_id AND v.status = 'APPROVED'
        WHERE p.status = 'ACTIVE'
          AND $1 = ANY (p.species)
          AND ($2::text IS NULL OR cardinality(p.life_stages) = 0 OR $2 = ANY (p.life_stages))
          AND (NOT p.prescription_only OR p.medication_codes && $3::text[])
          AND ${productInStock("p")}
        ORDER BY (p.prescription_only AND p.medication_codes && $3::text[]) DESC,
                 ($2::text IS NOT NULL AND $2 = ANY (p.life_stages)) DESC,
                 p.rating_sum::float8 / NULLIF(p.rating_count, 0) DESC NULLS LAST,
                 p.seq DESC
        LIMIT $4`,
      [criteria.species, criteria.lifeStage, criteria.prescribedCodes, criteria.limit],
    );
  }
}
