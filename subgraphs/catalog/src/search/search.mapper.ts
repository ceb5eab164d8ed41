import type { ProductEntity } from "../product/product.entity";
import { toProduct } from "../product/product.mapper";
import type { Viewer } from "@pawgraph/subgraph-kit";
import type { Species } from "../shared/species";
import { PRICE_BANDS } from "./search.sql";
import type { SearchFacetRows } from "./search.repository";
import type { SearchPage } from "./search.service";
import type { ProductSearchEdge, ProductSearchFacets, ProductSearchResult } from "./search.type";

const EMPTY_FACETS: SearchFacetRows = { categories: [], species: [], brands: [], vendors: [], priceBands: [] };

/** Search facet rows as the GraphQL facets: band numbers become their bounds. */
export function toFacets(rows: SearchFacetRows | null): ProductSearchFacets {
  const facets = rows ?? EMPTY_FACETS;
  return {
    categories: facets.categories.map((f) => ({ categoryId: String(f.key), count: f.count })),
    species: facets.species.map((f) => ({ species: f.key as Species, count: f.count })),
    brands: facets.brands.map((f) => ({ brand: String(f.key), count: f.count })),
    vendors: facets.vendors.map((f) => ({ vendorId: String(f.key), count: f.count })),
    priceBands: facets.priceBands.map((f) => {
      const band = Number(f.key);
      return { minMinor: band === 0 ? 0 : PRICE_BANDS[band - 1]!, maxMinor: PRICE_BANDS[band] ?? null, count: f.count };
    }),
  };
}

/** A search page as the GraphQL result; hits whose product vanished since the search are left out. */
export function toSearchResult(
  page: SearchPage,
  products: readonly (ProductEntity | null | Error)[],
  viewer: Viewer | null,
): ProductSearchResult {
  const edges: ProductSearchEdge[] = [];
  page.edges.forEach((edge, i) => {
    const row = products[i];
    if (!row || row instanceof Error) return;
    edges.push({
      cursor: edge.cursor,
      node: toProduct(row, viewer),
      snippet: edge.node.snippet,
      score: edge.node.score,
    });
  });
  return { edges, pageInfo: page.pageInfo, totalCount: page.totalCount ?? 0, facets: toFacets(page.facets) };
}
