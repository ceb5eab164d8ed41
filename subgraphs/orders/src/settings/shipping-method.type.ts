import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Money } from "@pawgraph/subgraph-kit";
import { Clinic, Vendor } from "../shared/references";

export enum ShippingMethodKind {
  FLAT = "FLAT",
  WEIGHT_BANDS = "WEIGHT_BANDS",
  PICKUP = "PICKUP",
}

registerEnumType(ShippingMethodKind, {
  name: "ShippingMethodKind",
  description: "How a shipping method is priced.",
  valuesConfig: {
    FLAT: { description: "One price per vendor order." },
    WEIGHT_BANDS: { description: "A price per weight band of the vendor order's total weight." },
    PICKUP: { description: "Collected at a clinic: free." },
  },
});

@ObjectType({ description: "A weight band: vendor orders up to `upToGrams` cost `price`." })
export class WeightBandPrice {
  @Field(() => Int, { description: "Upper bound of the band, in grams (inclusive)." })
  upToGrams!: number;

  @Field(() => Money, { description: "What shipping costs in this band." })
  price!: Money;
}

@ObjectType({ description: "A way a vendor ships (or hands over) an order." })
export class ShippingMethod {
  @Field(() => ID, { description: "Stable unique id of the shipping method." })
  id!: string;

  @Field(() => Vendor, { nullable: true, description: "The vendor offering it." })
  vendor!: Vendor;

  @Field(() => String, { description: "Its name as buyers see it, e.g. Standard (3-5 days)." })
  name!: string;

  @Field(() => ShippingMethodKind, { description: "How it is priced." })
  kind!: ShippingMethodKind;

  @Field(() => Money, { nullable: true, description: "The price of a FLAT method; null otherwise." })
  price!: Money | null;

  @Field(() => [WeightBandPrice], {
    description: "The bands of a WEIGHT_BANDS method, lightest first; empty otherwise.",
  })
  bands!: WeightBandPrice[];

  @Field(() => Clinic, { nullable: true, description: "Where a PICKUP method hands goods over; null otherwise." })
  clinic!: Clinic | null;

  @Field(() => Boolean, { description: "False once deactivated: carts no longer offer it." })
  active!: boolean;
}
