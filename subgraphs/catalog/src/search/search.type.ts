import { Directive, Field, Float, Int, ObjectType } from "type-graphql";
import { PageInfo } from "@pawgraph/subgraph-kit";
import { Product } from "../product/product.type";
import { Species } from "../shared/species";

@Directive("@cacheControl(maxAge: 60)")
@ObjectType({ description: "One product found by a search, with why it matched." })
export class ProductSearchEdge {
  @Field(() => String, { description: "Opaque cursor of this edge; pass it as `after` to continue from here." })
  cursor!: string;

  @Field(() => Product, { description: "The product." })
  node!: Product;

  @Field(() => String, {
    nullable: true,
    description:
      "An excerpt of the description around the matched words, which are wrapped in `**` (Markdown bold); null without a query or when only the title or brand matched.",
  })
  snippet!: string | null;

  @Field(() => Float, {
    description:
      "How well it matches the query, for display only (higher is better): 1 to 2 for full-text matches, below 1 for spelling-tolerant matches, 0 without a query.",
  })
  score!: number;
}

@Directive("@cacheControl(maxAge: 60)")
@ObjectType({ description: "How many found products are in one category." })
export class CategoryFacet {
  @Field(() => Int, { description: "How many found products are in it." })
  count!: number;

  categoryId!: string;
}

@Directive("@cacheControl(maxAge: 60)")
@ObjectType({ description: "How many found products are for one kind of animal." })
export class SpeciesFacet {
  @Field(() => Species, { description: "The kind of animal." })
  species!: Species;

  @Field(() => Int, { description: "How many found products name it (products for any animal are not counted)." })
  count!: number;
}

@Directive("@cacheControl(maxAge: 60)")
@ObjectType({ description: "How many found products carry one brand." })
export class BrandFacet {
  @Field(() => String, { description: "The brand." })
  brand!: string;

  @Field(() => Int, { description: "How many found products carry it." })
  count!: number;
}

@Directive("@cacheControl(maxAge: 60)")
@ObjectType({ description: "How many found products one vendor sells." })
export class VendorFacet {
  @Field(() => Int, { description: "How many found products it sells." })
  count!: number;

  vendorId!: string;
}

@Directive("@cacheControl(maxAge: 60)")
@ObjectType({ description: "How many found products have their lowest price in one price band." })
export class PriceBandFacet {
  @Field(() => Int, { description: "The band's lowest price, in minor units (inclusive)." })
  minMinor!: number;

  @Field(() => Int, {
    nullable: true,
    description: "The band's upper bound, in minor units (exclusive); null for the top band.",
  })
  maxMinor!: number | null;

  @Field(() => Int, { description: "How many found products' lowest price lies in the band." })
  count!: number;
}

@Directive("@cacheControl(maxAge: 60)")
@ObjectType({
  description:
    "Counts over everything the search found (all pages, with the filter applied), for narrowing it down. Categories, vendors and price bands each add up to `totalCount`.",
})
export class ProductSearchFacets {
  @Field(() => [CategoryFacet], { description: "Found products per category, most first." })
  categories!: CategoryFacet[];

  @Field(() => [SpeciesFacet], { description: "Found products per kind of animal, most first." })
  species!: SpeciesFacet[];

  @Field(() => [BrandFacet], {
    description: "Found products per brand, most first (products without a brand are not counted).",
  })
  brands!: BrandFacet[];

  @Field(() => [VendorFacet], { description: "Found products per vendor, most first." })
  vendors!: VendorFacet[];

  @Field(() => [PriceBandFacet], {
    description: "Found products per price band, cheapest band first; empty bands left out.",
  })
  priceBands!: PriceBandFacet[];
}

@Directive("@cacheControl(maxAge: 60)")
@ObjectType({
  description:
    "A page of search results (Relay cursor connection) with the total and facet counts of the whole result.",
})
export class ProductSearchResult {
  @Field(() => [ProductSearchEdge], { description: "The products of this page, in order." })
  edges!: ProductSearchEdge[];

  // PageInfo is the kit's, shared by every subgraph, and carries no hint of its own.
  @Directive("@cacheControl(inheritMaxAge: true)")
  @Field(() => PageInfo, { description: "Cursors and whether more pages exist." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "How many products the search found in all." })
  totalCount!: number;

  @Field(() => ProductSearchFacets, { description: "Counts per category, species, brand, vendor and price band." })
  facets!: ProductSearchFacets;
}
