import type { Viewer } from "@pawgraph/subgraph-kit";
import { isVendorInsider } from "../access/catalog-access";
import type { LifeStage, Species } from "../shared/species";
import type { ProductEntity } from "./product.entity";
import type { Product, ProductStatus } from "./product.type";

/** A product row as the GraphQL `Product`, as `viewer` may see it (the unpublishing reason is internal to its vendor). */
export function toProduct(row: ProductEntity, viewer: Viewer | null): Product {
  const insider = isVendorInsider(viewer, row.vendorId);
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    description: row.description,
    brand: row.brand,
    species: row.species as Species[],
    lifeStages: row.lifeStages as LifeStage[],
    status: row.status as ProductStatus,
    prescriptionOnly: row.prescriptionOnly,
    medicationCodes: row.medicationCodes,
    averageRating: row.ratingCount > 0 ? Math.round((row.ratingSum / row.ratingCount) * 100) / 100 : null,
    reviewCount: row.ratingCount,
    unpublishedReason: insider ? row.unpublishedReason : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    vendorId: row.vendorId,
    categoryId: row.categoryId,
  };
}
