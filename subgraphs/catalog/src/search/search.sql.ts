import { productInStock } from "../stock/available-stock.sql";
import { ProductSort } from "./search.inputs";

/**
 * The SQL of a product search, built from checked criteria with every value a bind parameter. One
 * statement answers a page, the total and the facets: the matching set is a CTE materialised once and
 * read by the page and by each facet's GROUP BY (docs/decisions/0030).
 */

/** Whether the text matches by full text only, or also by spelling-tolerant trigram similarity. */
export type TextMode = "fulltext" | "fuzzy";

export interface SearchFilterValues {
  categoryId?: string;
  species?: string;
  lifeStage?: string;
  vendorId?: string;
  minPriceMinor?: number;
  maxPriceMinor?: number;
  inStock?: boolean;
  prescriptionOnly?: boolean;
  minRating?: number;
}

export interface SearchCriteria {
  /** Trimmed, non-empty search text, or undefined to browse. */
  text?: string;
  mode: TextMode;
  filter: SearchFilterValues;
  sort: ProductSort;
}

/** The page's position: the sort value and id of the last row of the previous page. */
export interface SearchAfter {
  value: number;
  id: string;
}

/** Upper bounds (exclusive, minor units) of the price bands; the last band has none. */
export const PRICE_BANDS = [1_000, 2_500, 5_000, 10_000, 25_000] as const;
/** The largest brands and vendors listed as facets. */
export const FACET_LIMIT = 50;

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const DOCUMENT = "p.search_document";

const RATING = "CASE WHEN p.rating_count > 0 THEN p.rating_sum::float8 / p.rating_count ELSE 0 END";

function filterConditions(filter: SearchFilterValues, params: Params): string[] {
  const where: string[] = [];
  if (filter.categoryId) {
    const id = params.add(filter.categoryId);
    where.push(`p.category_id IN (
      SELECT sub.id FROM catalog.categories root JOIN catalog.categories sub
          ON sub.path = root.path OR sub.path LIKE root.path || '/%'
       WHERE root.id = ${id})`);
  }
  if (filter.species) where.push(`(p.species = '{}' OR ${params.add(filter.species)} = ANY (p.species))`);
  if (filter.lifeStage) where.push(`(p.life_stages = '{}' OR ${params.add(filter.lifeStage)} = ANY (p.life_stages))`);
  if (filter.vendorId) where.push(`p.vendor_id = ${params.add(filter.vendorId)}`);
  if (filter.minPriceMinor !== undefined) where.push(`p.price_from_minor >= ${params.add(filter.minPriceMinor)}`);
  if (filter.maxPriceMinor !== undefined) where.push(`p.price_from_minor <= ${params.add(filter.maxPriceMinor)}`);
  if (filter.prescriptionOnly !== undefined) where.push(`p.prescription_only = ${params.add(filter.prescriptionOnly)}`);
  if (filter.minRating !== undefined)
    where.push(`p.rating_count > 0 AND p.rating_sum >= ${params.add(filter.minRating)}::float8 * p.rating_count`);
  if (filter.inStock) where.push(productInStock("p"));
  return where;
}

/** What every search reads: active products of approved vendors that have a price (an active variant). */
function matchingSet(
  criteria: SearchCriteria,
  params: Params,
  tsquery: { expression: string; from: string } | undefined,
  scored = true,
): string {
  const where = ["p.status = 'ACTIVE'", "v.status = 'APPROVED'", "p.price_from_minor IS NOT NULL"];
  let score = "0::float8";
  if (tsquery) {
    const q = tsquery.expression;
    const rank = scored ? `(1 + ts_rank_cd(${DOCUMENT}, ${q}, 32)::float8)` : "1::float8";
    if (criteria.mode === "fuzzy") {
      const typed = `catalog.search_unaccent(${params.add(criteria.text)})`;
      const title = `catalog.search_unaccent(p.title)`;
      const brand = `catalog.search_unaccent(p.brand)`;
      where.push(`(${DOCUMENT} @@ ${q} OR ${typed} OPERATOR(public.<%) ${title}
        OR (p.brand IS NOT NULL AND ${typed} OPERATOR(public.<%) ${brand}))`);
      score = `CASE WHEN ${DOCUMENT} @@ ${q} THEN ${rank} ELSE greatest(
        public.word_similarity(${typed}, ${title}), coalesce(public.word_similarity(${typed}, ${brand}), 0))::float8 END`;
    } else {
      where.push(`${DOCUMENT} @@ ${q}`);
      score = rank;
    }
  }
  where.push(...filterConditions(criteria.filter, params));
  const sortValue: Record<ProductSort, string> = {
    [ProductSort.RELEVANCE]: "score",
    // Integer sorts stay bigint so their indexes (price_from_minor, id) and (seq) serve ORDER BY ... LIMIT.
    [ProductSort.PRICE_ASC]: "p.price_from_minor",
    [ProductSort.PRICE_DESC]: "p.price_from_minor",
    [ProductSort.NEWEST]: "p.seq",
    [ProductSort.RATING]: RATING,
  };
  return `
    SELECT p.id, p.category_id, p.vendor_id, p.brand, p.species, p.price_from_minor, s.score,
           ${sortValue[criteria.sort]} AS sort_value
      FROM catalog.products p
      JOIN catalog.vendors v ON v.id = p.vendor_id${tsquery ? ` ${tsquery.from}` : ""}
      CROSS JOIN LATERAL (SELECT ${score} AS score) s
     WHERE ${where.join("\n       AND ")}`;
}

/** Sorts whose value is a bigint column (their cursors must carry an integer). */
export function isIntegerSort(sort: ProductSort): boolean {
  return sort === ProductSort.PRICE_ASC || sort === ProductSort.PRICE_DESC || sort === ProductSort.NEWEST;
}

/** Descending sorts page to smaller values; ties always go by id, ascending. */
function isAscending(sort: ProductSort): boolean {
  return sort === ProductSort.PRICE_ASC;
}

function orderBy(sort: ProductSort, alias: string): string {
  return `${alias}.sort_value ${isAscending(sort) ? "ASC" : "DESC"}, ${alias}.id ASC`;
}

function pageSql(criteria: SearchCriteria, params: Params, after: SearchAfter | undefined, limit: number): string {
  const type = isIntegerSort(criteria.sort) ? "bigint" : "float8";
  let keyset = "";
  if (after && criteria.sort === ProductSort.NEWEST) {
    keyset = `WHERE m.sort_value < ${params.add(after.value)}::bigint`; // seq is unique
  } else if (after && isAscending(criteria.sort)) {
    keyset = `WHERE (m.sort_value, m.id) > (${params.add(after.value)}::${type}, ${params.add(after.id)}::uuid)`;
  } else if (after) {
    const value = params.add(after.value);
    keyset = `WHERE (m.sort_value < ${value}::${type} OR (m.sort_value = ${value}::${type} AND m.id > ${params.add(after.id)}::uuid))`;
  }
  return `SELECT m.id, m.score, m.sort_value FROM matched m ${keyset}
           ORDER BY ${orderBy(criteria.sort, "m")} LIMIT ${params.add(limit)}`;
}

function facetsSql(): string {
  const bands = PRICE_BANDS.map((upper, i) => `WHEN price_from_minor < ${upper} THEN ${i}`).join(" ");
  const top = (column: string) => `
    SELECT coalesce(json_agg(json_build_object('key', key, 'count', n) ORDER BY n DESC, key), '[]')
      FROM (SELECT ${column} AS key, count(*) AS n FROM matched WHERE ${column} IS NOT NULL
             GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FACET_LIMIT}) x`;
  return `json_build_object(
    'categories', (SELECT coalesce(json_agg(json_build_object('key', key, 'count', n) ORDER BY n DESC, key), '[]')
                     FROM (SELECT category_id AS key, count(*) AS n FROM matched GROUP BY 1) x),
    'species', (SELECT coalesce(json_agg(json_build_object('key', key, 'count', n) ORDER BY n DESC, key), '[]')
                  FROM (SELECT s AS key, count(*) AS n FROM matched, unnest(species) s GROUP BY 1) x),
    'brands', (${top("brand")}),
    'vendors', (${top("vendor_id")}),
    'priceBands', (SELECT coalesce(json_agg(json_build_object('key', key, 'count', n) ORDER BY key), '[]')
                     FROM (SELECT CASE ${bands} ELSE ${PRICE_BANDS.length} END AS key, count(*) AS n
                             FROM matched GROUP BY 1) x))`;
}

export interface SearchStatement {
  sql: string;
  values: unknown[];
}

/**
 * A page of `limit` rows after `after`, with snippets for the page's rows only; with `aggregates`,
 * also the total and the facets over the whole matching set.
 */
export function searchStatement(
  criteria: SearchCriteria,
  after: SearchAfter | undefined,
  limit: number,
  aggregates: boolean,
): SearchStatement {
  const params = new Params();
  const query = criteria.text
    ? `q AS (SELECT websearch_to_tsquery('catalog.search_english', ${params.add(criteria.text)}) AS tsq),`
    : "";
  const fromQ = criteria.text ? ", q" : "";
  const matched = matchingSet(
    criteria,
    params,
    criteria.text ? { expression: "q.tsq", from: "CROSS JOIN q" } : undefined,
  );
  const page = pageSql(criteria, params, after, limit);
  const snippet = criteria.text
    ? `CASE WHEN to_tsvector('catalog.search_english', pr.description) @@ q.tsq
         THEN ts_headline('catalog.search_english', pr.description, q.tsq,
                          'StartSel="**", StopSel="**", MinWords=8, MaxWords=24, MaxFragments=2, FragmentDelimiter=" … "')
       END`
    : "NULL::text";
  const sql = `
    WITH ${query}
    matched AS ${aggregates ? "MATERIALIZED" : "NOT MATERIALIZED"} (${matched}),
    page AS (${page})
    SELECT (SELECT coalesce(json_agg(json_build_object('id', pg.id, 'score', pg.score, 'sortValue', pg.sort_value,
                                                       'snippet', ${snippet}) ORDER BY ${orderBy(criteria.sort, "pg")}), '[]')
              FROM page pg
              JOIN catalog.products pr ON pr.id = pg.id${fromQ}) AS page,
           ${aggregates ? "(SELECT count(*) FROM matched)::int" : "NULL::int"} AS total,
           ${aggregates ? facetsSql() : "NULL::json"} AS facets`;
  return { sql, values: params.values };
}

/** How many products (up to `limit`) match the text by full text alone: decides whether trigrams fill in. */
export function fullTextHitsStatement(criteria: SearchCriteria, limit: number): SearchStatement {
  const params = new Params();
  const expression = `websearch_to_tsquery('catalog.search_english', ${params.add(criteria.text)})`;
  const set = matchingSet(
    { ...criteria, mode: "fulltext", sort: ProductSort.NEWEST },
    params,
    { expression, from: "" },
    false,
  );
  return { sql: `SELECT count(*)::int AS hits FROM (${set} LIMIT ${params.add(limit)}) x`, values: params.values };
}
