import type { DataSource } from "typeorm";
import {
  NotFoundError,
  paginate,
  parseId,
  requireViewer,
  type Connection,
  type ConnectionArgs,
} from "@pawgraph/subgraph-kit";
import { canSeeProduct } from "../access/catalog-access";
import type { CatalogContext } from "../context";
import type { ProductEntity } from "../product/product.entity";
import type { DeliveredPurchaseRepository } from "./delivered-purchase.repository";
import { isAbusive, reviewText, type AbusiveText, type ReviewDraft } from "./review-text";
import type { ProductReviewEntity } from "./review.entity";
import { toReview } from "./review.mapper";
import { REVIEW_PAGE, type ReviewRepository } from "./review.repository";
import type { Review } from "./review.type";

/** What `reviewProduct` came to: the review as stored, or an outcome the author must handle. */
export type ReviewOutcome = { review: ProductReviewEntity } | { notPurchased: true } | { abusive: AbusiveText };

/**
 * Product reviews: who may write one (buyers who received the product), what is stored (moderated
 * text), and the product's average rating and count, kept in step with every write.
 */
export class ReviewService {
  constructor(
    private readonly db: DataSource,
    private readonly reviews: ReviewRepository,
    private readonly purchases: DeliveredPurchaseRepository,
  ) {}

  /** A visible product's reviews, newest first; products listed together share one statement (the loader). */
  ofProduct(ctx: CatalogContext, productId: string, args: ConnectionArgs): Promise<Connection<Review>> {
    return paginate(args, {
      keyset: REVIEW_PAGE,
      fetch: (page) => ctx.loaders.reviewPage.load({ parentId: productId, ...page }),
      map: toReview,
    });
  }

  /** Writes the viewer's review of a product they received, or edits the one they wrote. */
  async review(ctx: CatalogContext, draft: ReviewDraft & { productId: string }): Promise<ReviewOutcome> {
    const viewer = requireViewer(ctx.viewer);
    const product = await this.visibleProduct(ctx, draft.productId, "input.productId");
    if (!(await this.purchases.hasReceived(viewer.userId, product.id))) return { notPurchased: true };
    const text = reviewText(draft);
    if (isAbusive(text)) return { abusive: text };
    // One transaction: the review and the product's aggregates change together or not at all.
    const { review } = await this.db.transaction((tx) => this.reviews.save(tx, product.id, viewer.userId, text));
    // The product's aggregates moved: a `product` selected after the write must not come from the cache.
    ctx.loaders.product.clear(product.id);
    return { review };
  }

  /** Deletes the viewer's review of a product; the product, with its aggregates after the deletion. */
  async deleteMine(ctx: CatalogContext, productId: string): Promise<ProductEntity> {
    const viewer = requireViewer(ctx.viewer);
    const product = await this.visibleProduct(ctx, productId, "input.productId");
    const removed = await this.db.transaction((tx) => this.reviews.remove(tx, product.id, viewer.userId));
    if (!removed) throw new NotFoundError("Review", "input.productId");
    ctx.loaders.product.clear(product.id);
    const fresh = await ctx.loaders.product.load(product.id);
    if (!fresh) throw new NotFoundError("Product", "input.productId");
    return fresh;
  }

  /** The product when the viewer may see it; NOT_FOUND on `field` otherwise, as for one that does not exist. */
  private async visibleProduct(ctx: CatalogContext, id: string, field: string): Promise<ProductEntity> {
    const product = await ctx.loaders.product.load(parseId(id, field));
    const vendor = product ? await ctx.loaders.vendor.load(product.vendorId) : null;
    if (!product || !canSeeProduct(ctx.viewer, product, vendor?.status)) throw new NotFoundError("Product", field);
    return product;
  }
}
