import type DataLoader from "dataloader";
import { groupLoader, pageLoader, rowLoader, type BaseContext, type PageKey } from "@pawgraph/subgraph-kit";
import type { CategoryEntity } from "./category/category.entity";
import type { CategoryRepository } from "./category/category.repository";
import type { ProductImageEntity } from "./product/product-image.entity";
import type { ProductEntity } from "./product/product.entity";
import type { ProductRepository } from "./product/product.repository";
import type { ProductReviewEntity } from "./review/review.entity";
import type { ReviewKey, ReviewRepository } from "./review/review.repository";
import type { LevelView, LocationRow, StockRepository } from "./stock/stock.repository";
import type { VariantEntity } from "./variant/variant.entity";
import type { VariantRepository } from "./variant/variant.repository";
import type { VendorEntity } from "./vendor/vendor.entity";
import type { VendorRepository } from "./vendor/vendor.repository";

/**
 * Per-request context of the catalog subgraph: the kit's base context (viewer, request id, log) and fresh
 * DataLoaders, nothing else (docs/decisions/0028).
 */
export interface CatalogContext extends BaseContext {
  loaders: {
    vendor: DataLoader<string, VendorEntity | null>;
    category: DataLoader<string, CategoryEntity | null>;
    categoryChildren: DataLoader<string, CategoryEntity[]>;
    product: DataLoader<string, ProductEntity | null>;
    productImages: DataLoader<string, ProductImageEntity[]>;
    /** One page of a vendor's products per vendor; the filter is the statuses the viewer may list. */
    vendorProducts: DataLoader<PageKey<[string], readonly string[]>, ProductEntity[], string>;
    variant: DataLoader<string, VariantEntity | null>;
    variantsOf: DataLoader<string, VariantEntity[]>;
    /** One page of a product's reviews; products asking for the same page shape share one statement. */
    reviewPage: DataLoader<PageKey<ReviewKey>, ProductReviewEntity[], string>;
    /** Stock levels per variant id, with what unexpired reservations hold. */
    stockLevelsOf: DataLoader<string, LevelView[]>;
    /** Stock locations per vendor id. */
    stockLocationsOf: DataLoader<string, LocationRow[]>;
  };
}

/** What the loaders read through, handed in by the composition root; the context does not keep it. */
export interface CatalogLoaderSources {
  vendors: VendorRepository;
  categories: CategoryRepository;
  products: ProductRepository;
  variants: VariantRepository;
  reviews: ReviewRepository;
  stock: StockRepository;
}

export function createCatalogContext(base: BaseContext, sources: CatalogLoaderSources): CatalogContext {
  return {
    ...base,
    loaders: {
      vendor: rowLoader(
        (ids) => sources.vendors.byIds(ids),
        (v) => v.id,
      ),
      category: rowLoader(
        (ids) => sources.categories.byIds(ids),
        (c) => c.id,
      ),
      categoryChildren: groupLoader(
        (ids) => sources.categories.childrenOf(ids),
        (c) => c.parentId!,
      ),
      product: rowLoader(
        (ids) => sources.products.byIds(ids),
        (p) => p.id,
      ),
      vendorProducts: pageLoader(
        (vendorIds, query) => sources.products.pagesOf(vendorIds, query),
        (p) => p.vendorId,
      ),
      productImages: groupLoader(
        (ids) => sources.products.imagesOf(ids),
        (i) => i.productId,
      ),
      variant: rowLoader(
        (ids) => sources.variants.byIds(ids),
        (v) => v.id,
      ),
      variantsOf: groupLoader(
        (ids) => sources.variants.ofProducts(ids),
        (v) => v.productId,
      ),
      reviewPage: pageLoader(
        (productIds, query) => sources.reviews.pages(productIds, query),
        (r) => r.productId,
      ),
      stockLevelsOf: groupLoader(
        (ids) => sources.stock.levelsOfVariants(ids),
        (level) => level.variantId,
      ),
      stockLocationsOf: groupLoader(
        (ids) => sources.stock.locationsOfVendors(ids),
        (location) => location.vendorId,
      ),
    },
  };
}
