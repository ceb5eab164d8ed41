import type { VariantInput } from "../variant/variant.inputs";
import type { NewVariant } from "../variant/variant.repository";
import type { VariantDraft } from "../variant/variant.validation";

/** A variant input with its defaults filled in, ready to validate. */
export function variantDraft(input: VariantInput): VariantDraft {
  return {
    sku: input.sku.trim(),
    title: input.title?.trim() ?? "",
    options: (input.options ?? []).map((o) => ({ name: o.name.trim(), value: o.value.trim() })),
    gtin: input.gtin?.trim() || null,
    priceMinor: input.priceMinor,
    compareAtMinor: input.compareAtMinor ?? null,
    currency: input.currency.trim().toUpperCase(),
    weightGrams: input.weightGrams ?? null,
    dimensions: input.dimensions
      ? { lengthMm: input.dimensions.lengthMm, widthMm: input.dimensions.widthMm, heightMm: input.dimensions.heightMm }
      : null,
    taxCategory: input.taxCategory?.trim() || "STANDARD",
    outOfStockThreshold: input.outOfStockThreshold ?? 0,
  };
}

/** A validated draft as the row to insert. */
export function newVariant(
  draft: VariantDraft,
  at: { productId: string; vendorId: string; position: number; active: boolean },
): NewVariant {
  return {
    productId: at.productId,
    vendorId: at.vendorId,
    sku: draft.sku,
    title: draft.title,
    options: draft.options,
    gtin: draft.gtin,
    priceMinor: String(draft.priceMinor),
    currency: draft.currency,
    compareAtMinor: draft.compareAtMinor === null ? null : String(draft.compareAtMinor),
    weightGrams: draft.weightGrams,
    lengthMm: draft.dimensions?.lengthMm ?? null,
    widthMm: draft.dimensions?.widthMm ?? null,
    heightMm: draft.dimensions?.heightMm ?? null,
    taxCategory: draft.taxCategory,
    active: at.active,
    outOfStockThreshold: draft.outOfStockThreshold,
    position: at.position,
  };
}
