import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "What to add to the cart." })
export class AddToCartInput {
  @Field(() => ID, { description: "The variant." })
  variantId!: string;

  @Field(() => Int, {
    description: "Units, 1 to 999 (added to the line's if the variant is already in the cart for the same pet).",
  })
  quantity!: number;

  @Field(() => ID, {
    nullable: true,
    description: "The pet a prescription-only product is for (checked against ehr at checkout).",
  })
  petId?: string | null;
}

@InputType({ description: "A change to one cart line." })
export class UpdateCartLineInput {
  @Field(() => ID, { description: "The line." })
  lineId!: string;

  @Field(() => Int, { nullable: true, description: "New quantity, 1 to 999; remove the line with removeCartLine." })
  quantity?: number | null;

  @Field(() => ID, { nullable: true, description: "The pet the line is for; null clears it; absent leaves it." })
  petId?: string | null;
}

@InputType({ description: "How one vendor ships its part of the cart." })
export class SetShippingMethodInput {
  @Field(() => ID, { description: "The vendor." })
  vendorId!: string;

  @Field(() => ID, { description: "One of the vendor's shipping methods (Cart.vendors.shippingMethods)." })
  shippingMethodId!: string;
}
