import { money } from "@pawgraph/subgraph-kit";
import type { VariantEntity } from "./variant.entity";
import type { ProductVariant } from "./variant.type";

export function toVariant(row: VariantEntity): ProductVariant {
  return {
    id: row.id,
    sku: row.sku,
    title: row.title,
    options: row.options,
    gtin: row.gtin,
    price: money(row.priceMinor, row.currency),
    compareAtPrice: row.compareAtMinor === null ? null : money(row.compareAtMinor, row.currency),
    weightGrams: row.weightGrams,
    dimensions:
      row.lengthMm && row.widthMm && row.heightMm
        ? { lengthMm: row.lengthMm, widthMm: row.widthMm, heightMm: row.heightMm }
        : null,
    taxCategory: row.taxCategory,
    active: row.active,
    productId: row.productId,
    vendorId: row.vendorId,
  };
}
