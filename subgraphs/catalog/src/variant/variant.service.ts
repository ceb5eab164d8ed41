import type { DataSource } from "typeorm";
import { BadUserInputError, NotFoundError, parseId } from "@pawgraph/subgraph-kit";
import type { CatalogContext } from "../context";
import { newVariant, variantDraft } from "../product/product.drafts";
import type { ProductService } from "../product/product.service";
import type { VariantEntity } from "./variant.entity";
import type { AddProductVariantInput, SetVariantActiveInput, UpdateProductVariantInput } from "./variant.inputs";
import type { VariantRepository } from "./variant.repository";
import { variantIssues, type VariantDraft } from "./variant.validation";

const UNIQUE_VIOLATION = "23505";
const skuClash = (error: unknown) =>
  (error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION;

/** The draft a stored variant is, so a change can be validated as the whole it makes. */
function draftOf(row: VariantEntity): VariantDraft {
  return {
    sku: row.sku,
    title: row.title,
    options: row.options,
    gtin: row.gtin,
    priceMinor: Number(row.priceMinor),
    compareAtMinor: row.compareAtMinor === null ? null : Number(row.compareAtMinor),
    currency: row.currency,
    weightGrams: row.weightGrams,
    dimensions:
      row.lengthMm && row.widthMm && row.heightMm
        ? { lengthMm: row.lengthMm, widthMm: row.widthMm, heightMm: row.heightMm }
        : null,
    taxCategory: row.taxCategory,
    outOfStockThreshold: row.outOfStockThreshold,
  };
}

/** Variants of a product: added, changed and switched on or off by the product's vendor people only. */
export class VariantService {
  constructor(
    private readonly db: DataSource,
    private readonly variants: VariantRepository,
    private readonly products: ProductService,
  ) {}

  async add(ctx: CatalogContext, input: AddProductVariantInput): Promise<VariantEntity> {
    const { product, vendor } = await this.products.editable(ctx, input.productId);
    const draft = variantDraft(input.variant);
    const [issue] = variantIssues(draft, vendor.currency, "input.variant");
    if (issue) throw new BadUserInputError(issue.field, issue.message);
    await this.skuFree(vendor.id, draft.sku, "input.variant.sku");
    try {
      return await this.db.transaction(async (tx) => {
        const position = await this.variants.nextPosition(tx, product.id);
        const active = input.variant.active ?? true;
        const [row] = await this.variants.insert(tx, [
          newVariant(draft, { productId: product.id, vendorId: vendor.id, position, active }),
        ]);
        return row!;
      });
    } catch (error) {
      if (skuClash(error)) throw new BadUserInputError("input.variant.sku", "the SKU was taken meanwhile");
      throw error;
    }
  }

  async update(ctx: CatalogContext, input: UpdateProductVariantInput): Promise<VariantEntity> {
    const { variant, vendor } = await this.editable(ctx, input.variantId);
    const current = draftOf(variant);
    const draft: VariantDraft = {
      sku: input.sku?.trim() ?? current.sku,
      title: input.title?.trim() ?? current.title,
      options: input.options?.map((o) => ({ name: o.name.trim(), value: o.value.trim() })) ?? current.options,
      gtin: input.gtin != null ? input.gtin.trim() || null : current.gtin,
      priceMinor: input.priceMinor ?? current.priceMinor,
      compareAtMinor: input.compareAtMinor === -1 ? null : (input.compareAtMinor ?? current.compareAtMinor),
      currency: input.currency?.trim().toUpperCase() ?? current.currency,
      weightGrams: input.weightGrams ?? current.weightGrams,
      dimensions: input.dimensions ?? current.dimensions,
      taxCategory: input.taxCategory?.trim() ?? current.taxCategory,
      outOfStockThreshold: input.outOfStockThreshold ?? current.outOfStockThreshold,
    };
    const [issue] = variantIssues(draft, vendor.currency, "input");
    if (issue) throw new BadUserInputError(issue.field, issue.message);
    if (draft.sku !== variant.sku) await this.skuFree(vendor.id, draft.sku, "input.sku", variant.id);
    const row = newVariant(draft, {
      productId: variant.productId,
      vendorId: vendor.id,
      position: variant.position,
      active: variant.active,
    });
    try {
      return await this.db.transaction((tx) => this.variants.update(tx, variant.id, row));
    } catch (error) {
      if (skuClash(error)) throw new BadUserInputError("input.sku", "the SKU was taken meanwhile");
      throw error;
    }
  }

  async setActive(ctx: CatalogContext, input: SetVariantActiveInput): Promise<VariantEntity> {
    const { variant } = await this.editable(ctx, input.variantId);
    return this.db.transaction((tx) => this.variants.update(tx, variant.id, { active: input.active }));
  }

  private async skuFree(vendorId: string, sku: string, field: string, exceptId?: string): Promise<void> {
    if ((await this.variants.takenSkus(vendorId, [sku], exceptId)).length)
      throw new BadUserInputError(field, `SKU ${sku} is already used by another variant`);
  }

  /** A variant whose product the viewer may edit; anyone else's is NOT_FOUND. */
  private async editable(ctx: CatalogContext, variantId: string) {
    const variant = await ctx.loaders.variant.load(parseId(variantId, "input.variantId"));
    if (!variant) throw new NotFoundError("Variant", "input.variantId");
    const { vendor } = await this.products.editable(ctx, variant.productId, "input.variantId");
    return { variant, vendor };
  }
}
