import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs } from "@pawgraph/subgraph-kit";
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from "graphql";
import { canSeeVendor } from "../access/catalog-access";
import { toCategory } from "../category/category.mapper";
import { Category } from "../category/category.type";
import type { CatalogContext } from "../context";
import { toVendor } from "../vendor/vendor.mapper";
import { Vendor } from "../vendor/vendor.type";
import { MAX_QUERY_LENGTH, ProductSearchFilter, ProductSort } from "./search.inputs";
import { toSearchResult } from "./search.mapper";
import type { SearchService } from "./search.service";
import { CategoryFacet, ProductSearchResult, VendorFacet } from "./search.type";

@Resolver(() => ProductSearchResult)
export class SearchResolver {
  constructor(private readonly searches: SearchService) {}

  @Query(() => ProductSearchResult, {
    nullable: true,
    description:
      "Search the shop: active products of approved vendors matching the words of `query` (title before brand and category before description; English word forms and accents ignored; a misspelt title or brand still found when few products match exactly), narrowed by `filter`, with the total and facet counts of the whole result. Public.",
  })
  async searchProducts(
    @Arg("query", () => String, {
      nullable: true,
      description: `What the shopper typed, up to ${MAX_QUERY_LENGTH} characters: words, "quoted phrases", \`or\`, and -excluded words. Omit to browse.`,
    })
    query: string | null,
    @Arg("filter", () => ProductSearchFilter, { nullable: true, description: "Conditions the products must meet." })
    filter: ProductSearchFilter | null,
    @Arg("sort", () => ProductSort, {
      nullable: true,
      description: "The order; RELEVANCE with a query, NEWEST without one when not given.",
    })
    sort: ProductSort | null,
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
    @Ctx() ctx: CatalogContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProductSearchResult> {
    // The total and the facets cost a pass over every match: only when the client selects them.
    const aggregates = selects(info, "totalCount") || selects(info, "facets");
    const page = await this.searches.search(ctx, { query, filter, sort, first, after }, aggregates);
    const products = await ctx.loaders.product.loadMany(page.edges.map((edge) => edge.node.id));
    return toSearchResult(page, products, ctx.viewer);
  }
}

@Resolver(() => CategoryFacet)
export class CategoryFacetResolver {
  @FieldResolver(() => Category, {
    nullable: true,
    description: "The category (the product's own, not its ancestors).",
  })
  async category(@Root() facet: CategoryFacet, @Ctx() ctx: CatalogContext): Promise<Category | null> {
    const row = await ctx.loaders.category.load(facet.categoryId);
    return row ? toCategory(row) : null;
  }
}

@Resolver(() => VendorFacet)
export class VendorFacetResolver {
  @FieldResolver(() => Vendor, { nullable: true, description: "The vendor." })
  async vendor(@Root() facet: VendorFacet, @Ctx() ctx: CatalogContext): Promise<Vendor | null> {
    const row = await ctx.loaders.vendor.load(facet.vendorId);
    return row && canSeeVendor(ctx.viewer, row) ? toVendor(row, ctx.viewer) : null;
  }
}

/** Whether the field being resolved selects `name` directly (through fragments too). */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((selection) => {
      if (selection.kind === "Field") return selection.name.value === name;
      if (selection.kind === "InlineFragment") return visit(selection.selectionSet);
      return visit(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node: FieldNode) => visit(node.selectionSet));
}
