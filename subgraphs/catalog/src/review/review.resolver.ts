import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { canSeeProduct } from "../access/catalog-access";
import type { CatalogContext } from "../context";
import { toProduct } from "../product/product.mapper";
import { Product } from "../product/product.type";
import { AbusiveLanguageError, NotPurchasedError, ReviewProductResult } from "./review.errors";
import { DeleteMyReviewInput, ReviewProductInput } from "./review.inputs";
import { toReview } from "./review.mapper";
import type { ReviewService } from "./review.service";
import { Review } from "./review.type";

/** Buyers review what they received; everyone reads reviews through `Product.reviews`. */
@Resolver(() => Review)
export class ReviewResolver {
  constructor(private readonly reviews: ReviewService) {}

  @Authorized()
  @Mutation(() => ReviewProductResult, {
    description:
      "Rate and review a product an order of yours delivered (`NotPurchasedError` otherwise). A second call edits your review. Updates the product's `averageRating` and `reviewCount`.",
  })
  async reviewProduct(
    @Arg("input", () => ReviewProductInput, { description: "The product, your rating and text." })
    input: ReviewProductInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<typeof ReviewProductResult> {
    const outcome = await this.reviews.review(ctx, input);
    if ("review" in outcome) return toReview(outcome.review);
    if ("notPurchased" in outcome) return new NotPurchasedError();
    return Object.assign(new AbusiveLanguageError(), outcome.abusive);
  }

  @Authorized()
  @Mutation(() => Product, {
    description:
      "Withdraw your review of a product; the product comes back with its rating updated. NOT_FOUND when you have not reviewed it.",
  })
  async deleteMyReview(
    @Arg("input", () => DeleteMyReviewInput, { description: "The product." }) input: DeleteMyReviewInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<Product> {
    return toProduct(await this.reviews.deleteMine(ctx, input.productId), ctx.viewer);
  }

  @FieldResolver(() => Product, { nullable: true, description: "The product reviewed." })
  async product(@Root() review: Review, @Ctx() ctx: CatalogContext): Promise<Product | null> {
    const row = await ctx.loaders.product.load(review.productId);
    const vendor = row ? await ctx.loaders.vendor.load(row.vendorId) : null;
    return row && canSeeProduct(ctx.viewer, row, vendor?.status) ? toProduct(row, ctx.viewer) : null;
  }
}
