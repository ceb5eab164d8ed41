import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "A new stock location for a vendor." })
export class CreateStockLocationInput {
  @Field(() => ID, { description: "The vendor (you must be one of its people)." })
  vendorId!: string;

  @Field(() => String, { description: "Its name, 1 to 80 characters, unique among the vendor's locations." })
  name!: string;

  @Field(() => String, { description: "ISO 3166-1 alpha-2 country code, e.g. DE." })
  country!: string;
}

@InputType({
  description:
    "Correct a variant's stock at a location (a delivery, a count, damage): give either `delta` or `setOnHand`. On hand never drops below the units allocated to paid orders plus those held by carts at checkout.",
})
export class AdjustStockInput {
  @Field(() => ID, { description: "The variant (of your vendor)." })
  variantId!: string;

  @Field(() => ID, { description: "The stock location (of the same vendor)." })
  locationId!: string;

  @Field(() => Int, { nullable: true, description: "Units to add (positive) or remove (negative), not 0." })
  delta?: number | null;

  @Field(() => Int, { nullable: true, description: "The counted units on hand, 0 to 1000000." })
  setOnHand?: number | null;

  @Field(() => String, { description: "Why, 1 to 500 characters; kept on the ADJUSTMENT movement." })
  reason!: string;
}

@InputType({ description: "Set or clear the level at which `stock.low` is published for a variant at a location." })
export class SetLowStockLevelInput {
  @Field(() => ID, { description: "The variant (of your vendor)." })
  variantId!: string;

  @Field(() => ID, { description: "The stock location (of the same vendor)." })
  locationId!: string;

  @Field(() => Int, { nullable: true, description: "Units, 0 to 1000000; null clears it." })
  lowLevel?: number | null;
}
