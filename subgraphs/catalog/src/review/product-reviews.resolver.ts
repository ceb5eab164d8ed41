import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ConnectionArgs, type Connection } from "@pawgraph/subgraph-kit";
import type { CatalogContext } from "../context";
import { Product } from "../product/product.type";
import type { ReviewService } from "./review.service";
import { Review, ReviewConnection } from "./review.type";

/** The reviews a product has; whoever may see the product may read them, anonymous visitors included. */
@Resolver(() => Product)
export class ProductReviewsResolver {
  constructor(private readonly service: ReviewService) {}

  @FieldResolver(() => ReviewConnection, {
    nullable: true,
    description: "Its reviews, newest first. Public wherever the product is.",
  })
  reviews(
    @Root() product: Product,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: CatalogContext,
  ): Promise<Connection<Review>> {
    return this.service.ofProduct(ctx, product.id, args);
  }
}
