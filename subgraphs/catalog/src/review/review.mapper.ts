import { User } from "../user/user.type";
import type { ProductReviewEntity } from "./review.entity";
import { Review } from "./review.type";

/** A review row as the GraphQL `Review`; its author is only a reference that identity resolves. */
export function toReview(row: ProductReviewEntity): Review {
  return Object.assign(new Review(), {
    id: row.id,
    rating: row.rating,
    title: row.title,
    body: row.body,
    author: Object.assign(new User(), { id: row.authorId }),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    productId: row.productId,
  });
}
