import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, cacheControlDirective, ResolverContainer } from "@pawgraph/subgraph-kit";
// type-graphql lists Query and Mutation fields in the order their resolver modules load, so this
// import order is the order of the emitted schema.graphql.
import { VendorResolver } from "./vendor/vendor.resolver";
import { vendorReference } from "./vendor/vendor.reference";
import { VendorOnboardingResolver } from "./vendor/vendor-onboarding.resolver";
import { CategoryResolver } from "./category/category.resolver";
import { categoryReference } from "./category/category.reference";
import { ProductResolver } from "./product/product.resolver";
import { productReference } from "./product/product.reference";
import { VendorProductsResolver } from "./product/vendor-products.resolver";
import { ProductImageResolver } from "./product/product-image.resolver";
import { ProductImportResolver } from "./import/import.resolver";
import { VariantResolver } from "./variant/variant.resolver";
import { variantReference } from "./variant/variant.reference";
import { PetCatalogResolver, petReference } from "./pet/pet-catalog.resolver";
import { Pet } from "./pet/pet.type";
import { ReviewResolver } from "./review/review.resolver";
import { ProductReviewsResolver } from "./review/product-reviews.resolver";
import { CategoryFacetResolver, SearchResolver, VendorFacetResolver } from "./search/search.resolver";
import { StockResolver } from "./stock/stock.resolver";
import { VariantStockResolver } from "./stock/variant-stock.resolver";
import { StockInternalResolver } from "./internal/stock-internal.resolver";
import { OrderableVariantResolver } from "./internal/orderable-variant";
import { RecommendationCandidatesResolver } from "./internal/recommendation-candidates";

/** The resolver classes of catalog's schema; `app.ts` builds one instance of each with its services. */
export const CATALOG_RESOLVERS = [
  VendorResolver,
  CategoryResolver,
  ProductResolver,
  VariantResolver,
  PetCatalogResolver,
  ReviewResolver,
  ProductReviewsResolver,
  SearchResolver,
  CategoryFacetResolver,
  VendorFacetResolver,
  VendorOnboardingResolver,
  VendorProductsResolver,
  ProductImageResolver,
  ProductImportResolver,
  StockResolver,
  VariantStockResolver,
  StockInternalResolver,
  OrderableVariantResolver,
  RecommendationCandidatesResolver,
] as const;

/**
 * catalog's federated schema: vendors, categories, products and variants, stock and search. Public
 * types carry `@cacheControl(maxAge: 60)` (docs/decisions/0030).
 */
export function buildCatalogSchema(resolvers = new ResolverContainer()): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: CATALOG_RESOLVERS,
    container: resolvers,
    directives: [cacheControlDirective],
    // Pet is reached only through `_entities` (no field of ours returns one): listed so it is emitted.
    orphanedTypes: [Pet],
    referenceResolvers: {
      Vendor: vendorReference,
      Category: categoryReference,
      Product: productReference,
      ProductVariant: variantReference,
      Pet: petReference,
    },
  });
}
