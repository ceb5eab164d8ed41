import { IsOptional, Max, MaxLength, Min } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";

export const MAX_REVIEW_TITLE = 120;
export const MAX_REVIEW_BODY = 5000;

@InputType({
  description:
    "Rate and review a product you bought and received. A second review of the same product replaces your first.",
})
export class ReviewProductInput {
  @Field(() => ID, { description: "The product." })
  productId!: string;

  @Min(1, { message: "must be between 1 and 5" })
  @Max(5, { message: "must be between 1 and 5" })
  @Field(() => Int, { description: "Stars, 1 (poor) to 5 (excellent)." })
  rating!: number;

  @IsOptional()
  @MaxLength(MAX_REVIEW_TITLE, { message: `must be at most ${MAX_REVIEW_TITLE} characters` })
  @Field(() => String, {
    nullable: true,
    description: `A short headline, up to ${MAX_REVIEW_TITLE} characters; omitted or blank for none.`,
  })
  title?: string | null;

  @MaxLength(MAX_REVIEW_BODY, { message: `must be at most ${MAX_REVIEW_BODY} characters` })
  @Field(() => String, {
    description: `What you think of it, up to ${MAX_REVIEW_BODY} characters; empty for a rating without text. Card numbers, bank accounts and passwords are masked before it is stored; abusive language is refused.`,
  })
  body!: string;
}

@InputType({ description: "Withdraw your review of a product." })
export class DeleteMyReviewInput {
  @Field(() => ID, { description: "The product you reviewed." })
  productId!: string;
}
