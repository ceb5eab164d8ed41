import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { connectionType } from "@pawgraph/subgraph-kit";
import { User } from "../user/user.type";

/** A buyer's review of a product, as everyone who may see the product reads it. */
@Directive("@cacheControl(maxAge: 60)")
@ObjectType({
  description:
    "A review of a product by someone who bought and received it. Public wherever its product is; card numbers, bank accounts and passwords in its text are masked.",
})
export class Review {
  @Field(() => ID, { description: "Stable unique id of the review." })
  id!: string;

  @Field(() => Int, { description: "Stars, 1 (poor) to 5 (excellent)." })
  rating!: number;

  @Field(() => String, { nullable: true, description: "A short headline; null when the author gave none." })
  title!: string | null;

  @Field(() => String, { description: "What the author wrote; empty for a rating without text." })
  body!: string;

  @Field(() => User, {
    nullable: true,
    description: "Who wrote it. Only their public profile (display name) resolves; nothing else about them.",
  })
  author!: User | null;

  @Field(() => Date, { description: "When it was first written." })
  createdAt!: Date;

  @Field(() => Date, { description: "When its author last changed it (equal to `createdAt` until then)." })
  updatedAt!: Date;

  /** Not exposed: the product it is about. */
  productId!: string;
}

/** A page of a product's reviews, newest first. */
export const ReviewConnection = connectionType(Review, "Review", "review");
