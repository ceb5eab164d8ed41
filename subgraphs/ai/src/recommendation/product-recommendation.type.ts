import { Directive, Field, Float, ID, ObjectType } from "type-graphql";

/** catalog's Product, referred to by id; the gateway resolves its fields there. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({
  description:
    "A product in the shop: food, supplies or medicine. What is bought is one of its `variants`. Active products of approved vendors are public.",
})
export class Product {
  @Field(() => ID, { description: "Stable unique id of the product." })
  id!: string;
}

@ObjectType({ description: "A product recommended for a pet, with why." })
export class ProductRecommendation {
  // Nullable as every reference is (docs/decisions/0024): a product unpublished meanwhile nulls this, not the list.
  @Field(() => Product, { nullable: true, description: "The product." })
  product!: Product | null;

  @Field(() => String, {
    description:
      "Why it is recommended, in one short sentence: e.g. `Refill of Rex's prescription for Carprofen 50 mg`, `Made for senior dogs`, `Like the Salmon kibble you bought`, `Popular with dog owners`.",
  })
  reason!: string;

  @Field(() => Float, {
    description: "How well it fits the pet: higher is better; comparable only within one list.",
  })
  score!: number;
}
