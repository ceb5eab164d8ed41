import { BadUserInputError, isUuid, keyset, paginate, type BaseContext, type Connection } from "@pawgraph/subgraph-kit";
import { MAX_QUERY_LENGTH, ProductSort, type ProductSearchFilter } from "./search.inputs";
import type { SearchFacetRows, SearchHit, SearchRepository } from "./search.repository";
import { isIntegerSort, type SearchCriteria, type SearchFilterValues } from "./search.sql";

/** Fewer full-text matches than this and spelling-tolerant trigram matches fill in after them. */
export const FILL_IN_BELOW = 10;

/** Cursors carry the sort they were made for, its value and the product id (the tie-breaker). */
const searchCursor = keyset("string", "number", "uuid").of<SearchHit & { sort: ProductSort }>((hit) => [
  hit.sort,
  hit.sortValue,
  hit.id,
]);

export interface SearchArgs {
  query?: string | null;
  filter?: ProductSearchFilter | null;
  sort?: ProductSort | null;
  first?: number | null;
  after?: string | null;
}

/** A page of hits, with the total and facets when they were asked for. */
export interface SearchPage extends Connection<SearchHit> {
  totalCount: number | null;
  facets: SearchFacetRows | null;
}

/**
 * Product search for the shop: checks the input, picks the sort, falls back to spelling-tolerant
 * matching when full text finds too little, and pages by keyset. Public: it only ever finds active
 * products of approved vendors, whoever asks, so its answers can be cached for everyone.
 */
export class SearchService {
  constructor(private readonly repository: SearchRepository) {}

  async search(_ctx: BaseContext, args: SearchArgs, aggregates: boolean): Promise<SearchPage> {
    const text = checkedQuery(args.query);
    const filter = checkedFilter(args.filter ?? {});
    const sort = args.sort ?? (text ? ProductSort.RELEVANCE : ProductSort.NEWEST);
    if (sort === ProductSort.RELEVANCE && !text) throw new BadUserInputError("sort", "RELEVANCE needs a query");
    const criteria: SearchCriteria = { text, filter, sort, mode: "fulltext" };
    let totalCount: number | null = null;
    let facets: SearchFacetRows | null = null;
    const connection = await paginate(args, {
      keyset: searchCursor,
      fetch: async ({ limit, after }) => {
        if (after && (after[0] !== sort || (isIntegerSort(sort) && !Number.isSafeInteger(after[1]))))
          throw new BadUserInputError("after", "after is a cursor of another sort");
        const position = after ? { value: after[1], id: after[2] } : undefined;
        if (text && !aggregates && (await this.repository.fullTextHits(criteria, FILL_IN_BELOW)) < FILL_IN_BELOW)
          criteria.mode = "fuzzy";
        let rows = await this.repository.search(criteria, position, limit, aggregates);
        if (text && aggregates && criteria.mode === "fulltext" && rows.total! < FILL_IN_BELOW) {
          criteria.mode = "fuzzy";
          rows = await this.repository.search(criteria, position, limit, aggregates);
        }
        totalCount = rows.total;
        facets = rows.facets;
        return rows.hits.map((hit) => ({ ...hit, sort }));
      },
    });
    return { ...connection, totalCount, facets };
  }
}

function checkedQuery(query: string | null | undefined): string | undefined {
  if (query === null || query === undefined) return undefined;
  if (query.length > MAX_QUERY_LENGTH)
    throw new BadUserInputError("query", `query must be at most ${MAX_QUERY_LENGTH} characters`);
  if (/[\u0000-\u001f\u007f]/.test(query))
    throw new BadUserInputError("query", "query must not contain control characters");
  const trimmed = query.trim().replace(/\s+/g, " ");
  return trimmed === "" ? undefined : trimmed;
}

function checkedFilter(filter: ProductSearchFilter): SearchFilterValues {
  const { minPriceMinor, maxPriceMinor, minRating } = filter;
  for (const [name, id] of [
    ["categoryId", filter.categoryId],
    ["vendorId", filter.vendorId],
  ] as const)
    if (id != null && !isUuid(id)) throw new BadUserInputError(`filter.${name}`, `${name} is not a valid id`);
  for (const [name, price] of [
    ["minPriceMinor", minPriceMinor],
    ["maxPriceMinor", maxPriceMinor],
  ] as const)
    if (price != null && price < 0) throw new BadUserInputError(`filter.${name}`, `${name} must not be negative`);
  if (minRating != null && !(minRating >= 1 && minRating <= 5))
    throw new BadUserInputError("filter.minRating", "minRating must be between 1 and 5");
  if (minPriceMinor != null && maxPriceMinor != null && maxPriceMinor < minPriceMinor)
    throw new BadUserInputError("filter.maxPriceMinor", "maxPriceMinor must not be below minPriceMinor");
  const values: SearchFilterValues = {
    categoryId: filter.categoryId?.toLowerCase() ?? undefined,
    species: filter.species ?? undefined,
    lifeStage: filter.lifeStage ?? undefined,
    vendorId: filter.vendorId?.toLowerCase() ?? undefined,
    minPriceMinor: minPriceMinor ?? undefined,
    maxPriceMinor: maxPriceMinor ?? undefined,
    inStock: filter.inStock === true ? true : undefined,
    prescriptionOnly: filter.prescriptionOnly ?? undefined,
    minRating: minRating ?? undefined,
  };
  return values;
}
