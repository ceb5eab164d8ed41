import { createUnionType, Field, ObjectType } from "type-graphql";
import { Review } from "./review.type";

@ObjectType({
  description:
    "Only people who bought the product and received it may review it (an order containing it was delivered to them).",
})
export class NotPurchasedError {
  @Field(() => String, { description: "Always `NOT_PURCHASED`, for clients that switch on codes." })
  code = "NOT_PURCHASED";

  @Field(() => String, { description: "Human-readable explanation." })
  message = "You can review a product once an order containing it has been delivered to you.";
}

@ObjectType({
  description:
    "The review uses abusive language (insults, profanity, threats), so it was not published: reword it and send it again. Nothing was stored.",
})
export class AbusiveLanguageError {
  @Field(() => String, { description: "Human-readable explanation." })
  message = "Please rephrase your review without abusive language.";

  @Field(() => String, { description: "The input field at fault: `input.title` or `input.body`." })
  field!: string;

  @Field(() => [String], { description: 'What was found, e.g. `abusive language: "idiot"`.' })
  reasons!: string[];
}

export const ReviewProductResult = createUnionType({
  name: "ReviewProductResult",
  description: "Your review as published, or why it could not be.",
  types: () => [Review, NotPurchasedError, AbusiveLanguageError] as const,
});
