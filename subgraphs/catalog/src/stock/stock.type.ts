import { Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType({
  description: "A place a vendor keeps stock (a warehouse, a shop's back room); visible to the vendor's people.",
})
export class StockLocation {
  @Field(() => ID, { description: "Stable unique id of the location." })
  id!: string;

  @Field(() => String, { description: "The vendor's name for it, unique per vendor." })
  name!: string;

  @Field(() => String, { description: "ISO 3166-1 alpha-2 country code." })
  country!: string;

  @Field(() => Date, { description: "When it was created." })
  createdAt!: Date;

  vendorId!: string;
}

@ObjectType({ description: "A variant's stock at one location, as its vendor's people see it." })
export class StockLevel {
  @Field(() => StockLocation, { description: "Where." })
  location!: StockLocation;

  @Field(() => Int, { description: "Units physically there." })
  onHand!: number;

  @Field(() => Int, { description: "Units set aside for paid orders not yet shipped." })
  allocated!: number;

  @Field(() => Int, { description: "Units held by carts at checkout (unexpired reservations)." })
  reserved!: number;

  @Field(() => Int, {
    description: "Units that can still be sold: on hand − allocated − reserved − the variant's out-of-stock threshold.",
  })
  available!: number;

  @Field(() => Int, {
    nullable: true,
    description: "The low-stock level: `stock.low` is published when available falls to it; null when not set.",
  })
  lowLevel!: number | null;
}
