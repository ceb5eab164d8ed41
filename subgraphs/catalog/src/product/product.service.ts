import type { DataSource } from "typeorm";
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  isPlatformAdmin,
  paginate,
  parseId,
  requireViewer,
  writeEvent,
  type Connection,
  type ConnectionArgs,
  type Viewer,
} from "@pawgraph/subgraph-kit";
import { isVendorInsider } from "../access/catalog-access";
import type { CatalogContext } from "../context";
import { CATALOG_SCHEMA, PRODUCT_ARCHIVED, PRODUCT_PUBLISHED } from "../events";
import type { VariantRepository } from "../variant/variant.repository";
import { duplicateSkuIssues, variantIssues, type Issue, type VariantDraft } from "../variant/variant.validation";
import type { VendorEntity } from "../vendor/vendor.entity";
import { requireProductEditor, requireVendorWriter } from "./product-access";
import { newVariant, variantDraft } from "./product.drafts";
import type { ProductEntity } from "./product.entity";
import { NotPublishableReason } from "./product.errors";
import type { CreateProductInput, UnpublishProductInput, UpdateProductInput } from "./product.inputs";
import { toProduct } from "./product.mapper";
import { VENDOR_PRODUCT_PAGE, type ProductChanges, type ProductRepository } from "./product.repository";
import type { Product, ProductStatus } from "./product.type";
import { productIssues, type ProductDraft } from "./product.validation";
import { slugify } from "./slug";

const UNIQUE_VIOLATION = "23505";
const MAX_VARIANTS = 100;

/** How a caller's input names its fields: `input.slug`, `input.variants.2.sku`, or a CSV's columns. */
export interface FieldNames {
  product: string;
  variant: (index: number) => string;
}

/** A product ready to write: validated drafts, its category and the vendor. */
export interface CheckedProduct {
  vendor: VendorEntity;
  categoryId: string;
  product: ProductDraft;
  variants: { draft: VariantDraft; active: boolean }[];
}

function uniqueViolation(error: unknown): string | undefined {
  const driver = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driver?.code === UNIQUE_VIOLATION ? (driver.constraint ?? "") : undefined;
}

/**
 * Products from draft to shop and out again: vendor staff create, edit, publish and archive their own;
 * platform admins unpublish anything with a reason. Every write validates the whole result first and
 * writes nothing when any field is wrong; status changes write their event in the same transaction.
 */
export class ProductService {
  constructor(
    private readonly db: DataSource,
    private readonly products: ProductRepository,
    private readonly variants: VariantRepository,
  ) {}

  /** Everything wrong with a new product, its own fields and each variant's, the database's SKUs and slugs included. */
  async check(
    vendor: VendorEntity,
    product: ProductDraft,
    variants: VariantDraft[],
    names: FieldNames,
  ): Promise<Issue[]> {
    const issues = productIssues(product, names.product);
    if (variants.length === 0)
      issues.push({ field: `${names.product}.variants`, message: "a product needs at least one variant" });
    if (variants.length > MAX_VARIANTS)
      issues.push({ field: `${names.product}.variants`, message: `at most ${MAX_VARIANTS} variants` });
    variants.forEach((v, i) => issues.push(...variantIssues(v, vendor.currency, names.variant(i))));
    issues.push(
      ...duplicateSkuIssues(
        variants.map((v) => v.sku),
        (i) => `${names.variant(i)}.sku`,
      ),
    );
    if (issues.length) return issues;
    if ((await this.products.takenSlugs(vendor.id, [product.slug])).length)
      issues.push({ field: `${names.product}.slug`, message: `${product.slug} is taken by another of your products` });
    const taken = new Set(
      await this.variants.takenSkus(
        vendor.id,
        variants.map((v) => v.sku),
      ),
    );
    variants.forEach((v, i) => {
      if (taken.has(v.sku))
        issues.push({ field: `${names.variant(i)}.sku`, message: `SKU ${v.sku} is already used by another variant` });
    });
    return issues;
  }

  /** Writes a checked product as a DRAFT with its variants, in one transaction. */
  async insert(viewer: Viewer, checked: CheckedProduct, names: FieldNames): Promise<ProductEntity> {
    try {
      return await this.db.transaction(async (tx) => {
        const row = await this.products.insert(tx, {
          ...checked.product,
          species: [...checked.product.species],
          lifeStages: [...checked.product.lifeStages],
          medicationCodes: [...checked.product.medicationCodes],
          vendorId: checked.vendor.id,
          categoryId: checked.categoryId,
          createdBy: viewer.userId,
        });
        await this.variants.insert(
          tx,
          checked.variants.map((v, position) =>
            newVariant(v.draft, { productId: row.id, vendorId: checked.vendor.id, position, active: v.active }),
          ),
        );
        return row;
      });
    } catch (error) {
      // Someone took the slug or a SKU between the check and the write.
      const constraint = uniqueViolation(error);
      if (constraint === undefined) throw error;
      throw constraint.includes("sku")
        ? new BadUserInputError(`${names.product}.variants`, "a SKU was taken meanwhile")
        : new BadUserInputError(`${names.product}.slug`, "the slug was taken meanwhile");
    }
  }

  async create(ctx: CatalogContext, input: CreateProductInput): Promise<ProductEntity> {
    const viewer = requireViewer(ctx.viewer);
    const vendor = requireVendorWriter(
      viewer,
      await ctx.loaders.vendor.load(parseId(input.vendorId, "input.vendorId")),
      "input.vendorId",
    );
    const category = await ctx.loaders.category.load(parseId(input.categoryId, "input.categoryId"));
    if (!category) throw new NotFoundError("Category", "input.categoryId");
    const product: ProductDraft = {
      title: input.title.trim(),
      slug: input.slug?.trim() || slugify(input.title),
      description: input.description ?? "",
      brand: input.brand?.trim() || null,
      species: input.species ?? [],
      lifeStages: input.lifeStages ?? [],
      prescriptionOnly: input.prescriptionOnly ?? false,
      medicationCodes: (input.medicationCodes ?? []).map((c) => c.trim()),
    };
    const variants = input.variants.map((v) => ({ draft: variantDraft(v), active: v.active ?? true }));
    const names = { product: "input", variant: (i: number) => `input.variants.${i}` };
    const [issue] = await this.check(
      vendor,
      product,
      variants.map((v) => v.draft),
      names,
    );
    if (issue) throw new BadUserInputError(issue.field, issue.message);
    return this.insert(viewer, { vendor, categoryId: category.id, product, variants }, names);
  }

  async update(ctx: CatalogContext, input: UpdateProductInput): Promise<ProductEntity> {
    const { product: current, vendor } = await this.editable(ctx, input.productId);
    const changes: ProductChanges = {};
    if (input.categoryId != null) {
      const category = await ctx.loaders.category.load(parseId(input.categoryId, "input.categoryId"));
      if (!category) throw new NotFoundError("Category", "input.categoryId");
      changes.categoryId = category.id;
    }
    if (input.title != null) changes.title = input.title.trim();
    if (input.slug != null) changes.slug = input.slug.trim();
    if (input.description != null) changes.description = input.description;
    if (input.brand != null) changes.brand = input.brand.trim() || null;
    if (input.species != null) changes.species = input.species;
    if (input.lifeStages != null) changes.lifeStages = input.lifeStages;
    if (input.prescriptionOnly != null) changes.prescriptionOnly = input.prescriptionOnly;
    if (input.medicationCodes != null) changes.medicationCodes = input.medicationCodes.map((c) => c.trim());
    const [issue] = productIssues({ ...current, ...changes }, "input");
    if (issue) throw new BadUserInputError(issue.field, issue.message);
    if (changes.slug && (await this.products.takenSlugs(vendor.id, [changes.slug], current.id)).length)
      throw new BadUserInputError("input.slug", `${changes.slug} is taken by another of your products`);
    try {
      return await this.db.transaction((tx) => this.products.update(tx, current.id, changes));
    } catch (error) {
      if (uniqueViolation(error) !== undefined)
        throw new BadUserInputError("input.slug", "the slug was taken meanwhile");
      throw error;
    }
  }

  /** DRAFT or ARCHIVED → ACTIVE, when the vendor is approved and a variant can be bought. */
  async publish(ctx: CatalogContext, productId: string): Promise<ProductEntity | NotPublishableReason> {
    const { product, vendor } = await this.editable(ctx, productId);
    if (vendor.status !== "APPROVED") return NotPublishableReason.VENDOR_NOT_APPROVED;
    return this.db.transaction(async (tx) => {
      const locked = (await this.products.lock(tx, product.id))!;
      if (locked.status === "ACTIVE") return locked;
      if (locked.unpublishedBy) return NotPublishableReason.UNPUBLISHED_BY_ADMIN;
      if ((await this.variants.activeCount(tx, product.id)) === 0) return NotPublishableReason.NO_ACTIVE_VARIANT;
      const published = await this.products.setStatus(tx, product.id, "ACTIVE");
      await writeEvent(
        tx,
        CATALOG_SCHEMA,
        PRODUCT_PUBLISHED.create(published.id, {
          productId: published.id,
          vendorId: published.vendorId,
          title: published.title,
          reason: null,
        }),
      );
      return published;
    });
  }

  /** The vendor takes its product out of the shop (kept for past orders). */
  async archive(ctx: CatalogContext, productId: string): Promise<ProductEntity> {
    const { product } = await this.editable(ctx, productId);
    return this.takeOut(product.id, null);
  }

  /** A platform admin takes any product out of the shop, saying why; its vendor cannot publish it again. */
  async unpublish(ctx: CatalogContext, input: UnpublishProductInput): Promise<ProductEntity> {
    const viewer = requireViewer(ctx.viewer);
    if (!isPlatformAdmin(viewer)) throw new ForbiddenError("Only platform admins unpublish products");
    const product = await ctx.loaders.product.load(parseId(input.productId, "input.productId"));
    if (!product) throw new NotFoundError("Product", "input.productId");
    const reason = input.reason.trim();
    if (reason.length < 3 || reason.length > 500)
      throw new BadUserInputError("input.reason", "must be 3-500 characters");
    return this.takeOut(product.id, { reason, by: viewer.userId });
  }

  private takeOut(productId: string, unpublished: { reason: string; by: string } | null): Promise<ProductEntity> {
    return this.db.transaction(async (tx) => {
      const locked = (await this.products.lock(tx, productId))!;
      if (locked.status === "ARCHIVED" && !unpublished) return locked;
      const archived = await this.products.setStatus(tx, productId, "ARCHIVED", unpublished);
      await writeEvent(
        tx,
        CATALOG_SCHEMA,
        PRODUCT_ARCHIVED.create(archived.id, {
          productId: archived.id,
          vendorId: archived.vendorId,
          title: archived.title,
          reason: unpublished?.reason ?? null,
        }),
      );
      return archived;
    });
  }

  /** A product the viewer may edit, with its vendor (see requireProductEditor). */
  async editable(
    ctx: CatalogContext,
    productId: string,
    field = "input.productId",
  ): Promise<{ product: ProductEntity; vendor: VendorEntity }> {
    const product = await ctx.loaders.product.load(parseId(productId, field));
    const vendor = product ? await ctx.loaders.vendor.load(product.vendorId) : null;
    return { product: product!, vendor: requireProductEditor(ctx.viewer, product, vendor, field) };
  }

  /**
   * A vendor's products, newest first: ACTIVE ones for everyone (when the vendor is approved), any
   * status (or the one asked for) for its people and platform admins.
   */
  ofVendor(
    ctx: CatalogContext,
    vendor: { id: string; status: string },
    args: ConnectionArgs,
    status: ProductStatus | null | undefined,
  ): Promise<Connection<Product>> {
    const insider = isVendorInsider(ctx.viewer, vendor.id);
    const statuses = insider
      ? status
        ? [status]
        : ["DRAFT", "ACTIVE", "ARCHIVED"]
      : vendor.status === "APPROVED" && (!status || status === "ACTIVE")
        ? ["ACTIVE"]
        : [];
    return paginate(args, {
      keyset: VENDOR_PRODUCT_PAGE,
      // Through the loader: a list of vendors shares one statement per page shape.
      fetch: async ({ limit, after }) =>
        statuses.length ? ctx.loaders.vendorProducts.load({ parentId: vendor.id, limit, after, filter: statuses }) : [],
      map: (row) => toProduct(row, ctx.viewer),
    });
  }
}
