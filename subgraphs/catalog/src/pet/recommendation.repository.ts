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

/** What ai's ranker needs of one candidate product (`recommendationCandidates`, internal). */
export interface CandidateRow {
  id: string;
  title: string;
  description: string;
  brand: string | null;
  categoryName: string;
  lifeStages: string[];
  prescriptionOnly: boolean;
  medicationCodes: string[];
  averageRating: number | null;
  reviewCount: number;
  popularity: number;
}

/** The shared filters of both queries (approved vendor, active, species, life stage, prescription, stock), after `joins`. */
const eligible = (joins = "") => `
         FROM catalog.products p
         JOIN catalog.vendors v ON v.id = p.vendor_id AND v.status = 'APPROVED'${joins}
        WHERE p.status = 'ACTIVE'
          AND $1 = ANY (p.species)
          AND ($2::text IS NULL OR cardinality(p.life_stages) = 0 OR $2 = ANY (p.life_stages))
          AND (NOT p.prescription_only OR p.medication_codes && $3::text[])
          AND ${productInStock("p")}`;

/** The rule-based recommendation query and the candidates ai ranks (docs/decisions/0034, 0037). */
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
      `SELECT ${productColumns(this.db, "p")} ${eligible()}
        ORDER BY (p.prescription_only AND p.medication_codes && $3::text[]) DESC,
                 ($2::text IS NOT NULL AND $2 = ANY (p.life_stages)) DESC,
                 p.rating_sum::float8 / NULLIF(p.rating_count, 0) DESC NULLS LAST,
                 p.seq DESC
        LIMIT $4`,
      [criteria.species, criteria.lifeStage, criteria.prescribedCodes, criteria.limit],
    );
  }

  /**
   * The same products as `forPet` with what a ranker reads (category name, rating, popularity = how
   * many deliveries of it there were), prescribed medicines and then the most popular first so a
   * bounded list keeps the likeliest ones.
   */
  candidates(criteria: RecommendationCriteria): Promise<CandidateRow[]> {
    return this.db.query(
      `SELECT p.id, p.title, p.description, p.brand, c.name AS "categoryName", p.life_stages AS "lifeStages",
              p.prescription_only AS "prescriptionOnly", p.medication_codes AS "medicationCodes",
              p.rating_sum::float8 / NULLIF(p.rating_count, 0) AS "averageRating", p.rating_count AS "reviewCount",
              COALESCE(d.n, 0)::int AS popularity
         ${eligible(`
         JOIN catalog.categories c ON c.id = p.category_id
         LEFT JOIN (SELECT product_id, count(*) AS n FROM catalog.delivered_purchases GROUP BY product_id) d
           ON d.product_id = p.id`)}
        ORDER BY (p.prescription_only AND p.medication_codes && $3::text[]) DESC,
                 COALESCE(d.n, 0) DESC,
                 p.seq DESC
        LIMIT $4`,
      [criteria.species, criteria.lifeStage, criteria.prescribedCodes, criteria.limit],
    );
  }
}
