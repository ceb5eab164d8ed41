import { Field, Float, ID, InputType, Int, registerEnumType } from "type-graphql";
import { LifeStage, Species } from "../shared/species";

/** The longest search text accepted; longer input is BAD_USER_INPUT, not silently cut. */
export const MAX_QUERY_LENGTH = 200;

export enum ProductSort {
  RELEVANCE = "RELEVANCE",
  PRICE_ASC = "PRICE_ASC",
  PRICE_DESC = "PRICE_DESC",
  NEWEST = "NEWEST",
  RATING = "RATING",
}

registerEnumType(ProductSort, {
  name: "ProductSort",
  description: "The order of search results. Without a sort: RELEVANCE when a query is given, NEWEST otherwise.",
  valuesConfig: {
    RELEVANCE: {
      description: "Best match first: title matches before brand or category matches before description matches.",
    },
    PRICE_ASC: { description: "Cheapest first, by the lowest price of the product's active variants." },
    PRICE_DESC: { description: "Most expensive first, by the lowest price of the product's active variants." },
    NEWEST: { description: "Most recently added first." },
    RATING: { description: "Highest average review rating first; unreviewed products last." },
  },
});

/**
 * Checked by the search service rather than class-validator: the kit names class-validator's fields
 * `input.<field>`, and this argument is `filter`.
 */
@InputType({ description: "Narrows a product search; all given conditions must hold." })
export class ProductSearchFilter {
  @Field(() => ID, { nullable: true, description: "Only products in this category or any category below it." })
  categoryId?: string | null;

  @Field(() => Species, {
    nullable: true,
    description: "Only products for this kind of animal (products for any animal included).",
  })
  species?: Species | null;

  @Field(() => LifeStage, {
    nullable: true,
    description: "Only products for this stage of life (products for any stage included).",
  })
  lifeStage?: LifeStage | null;

  @Field(() => ID, { nullable: true, description: "Only this vendor's products." })
  vendorId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Only products whose lowest active-variant price is at least this, in minor units.",
  })
  minPriceMinor?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Only products whose lowest active-variant price is at most this, in minor units.",
  })
  maxPriceMinor?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "True: only products with an active variant that can be bought now (stock on hand beyond allocations, carts' unexpired reservations and the vendor's threshold). False or null: any.",
  })
  inStock?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "True: only prescription-only medicines; false: only products sold without prescription; null: both.",
  })
  prescriptionOnly?: boolean | null;

  @Field(() => Float, {
    nullable: true,
    description: "Only products whose average review rating is at least this (1-5).",
  })
  minRating?: number | null;
}
