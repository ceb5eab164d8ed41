import type { DataSource } from "typeorm";
import { fullTextHitsStatement, searchStatement, type SearchAfter, type SearchCriteria } from "./search.sql";

/** The word similarity (pg_trgm) a title or brand needs to be found despite a typo. */
export const TYPO_SIMILARITY = 0.3;

export interface SearchHit {
  id: string;
  score: number;
  sortValue: number;
  snippet: string | null;
}

export interface FacetCount {
  key: string | number;
  count: number;
}

export interface SearchFacetRows {
  categories: FacetCount[];
  species: FacetCount[];
  brands: FacetCount[];
  vendors: FacetCount[];
  priceBands: FacetCount[];
}

export interface SearchRows {
  hits: SearchHit[];
  /** Null unless aggregates were asked for. */
  total: number | null;
  facets: SearchFacetRows | null;
}

/** Runs search statements (search.sql.ts) against catalog's tables. */
export class SearchRepository {
  constructor(private readonly db: DataSource) {}

  async search(
    criteria: SearchCriteria,
    after: SearchAfter | undefined,
    limit: number,
    aggregates: boolean,
  ): Promise<SearchRows> {
    const { sql, values } = searchStatement(criteria, after, limit, aggregates);
    const rows: { page: SearchHit[]; total: number | null; facets: SearchFacetRows | null }[] =
      criteria.mode === "fuzzy"
        ? // The trigram operator's threshold is a setting; SET LOCAL keeps it to this transaction.
          await this.db.transaction(async (manager) => {
            await manager.query(`SET LOCAL pg_trgm.word_similarity_threshold = ${TYPO_SIMILARITY}`);
            return manager.query(sql, values);
          })
        : await this.db.query(sql, values);
    const [row] = rows;
    return { hits: row!.page, total: row!.total, facets: row!.facets };
  }

  /** How many products match by full text alone, counting no further than `limit`. */
  async fullTextHits(criteria: SearchCriteria, limit: number): Promise<number> {
    const { sql, values } = fullTextHitsStatement(criteria, limit);
    const [row] = (await this.db.query(sql, values)) as { hits: number }[];
    return row!.hits;
  }
}
