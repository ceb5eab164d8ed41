import { openSubgraphDatabase, type Logger, type SubgraphDatabase } from "@pawgraph/subgraph-kit";
import { CategoryEntity } from "./category/category.entity";
import { Initial1765400000000 } from "./migrations/1765400000000-initial";
import { Reviews1765400200000 } from "./migrations/1765400200000-reviews";
import { Stock1765400100000 } from "./migrations/1765400100000-stock";
import { Search1765400400000 } from "./migrations/1765400400000-search";
import { PublicDataVersion1765400500000 } from "./migrations/1765400500000-public-data-version";
import { ProductImageEntity } from "./product/product-image.entity";
import { ProductEntity } from "./product/product.entity";
import { DeliveredPurchaseEntity } from "./review/delivered-purchase.entity";
import { ProductReviewEntity } from "./review/review.entity";
import { VariantEntity } from "./variant/variant.entity";
import { VendorEntity } from "./vendor/vendor.entity";

/** catalog's tables live in the Postgres schema "catalog". */
export function openCatalogDatabase(url: string, log: Logger): Promise<SubgraphDatabase> {
  return openSubgraphDatabase({
    schema: "catalog",
    url,
    log,
    entities: [
      VendorEntity,
      CategoryEntity,
      ProductEntity,
      ProductImageEntity,
      VariantEntity,
      ProductReviewEntity,
      DeliveredPurchaseEntity,
    ],
    migrations: [
      Initial1765400000000,
      Stock1765400100000,
      Reviews1765400200000,
      Search1765400400000,
      PublicDataVersion1765400500000,
    ],
  });
}
