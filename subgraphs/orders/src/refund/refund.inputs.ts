import { Field, ID, InputType, Int } from "type-graphql";
import { OrderLineQuantityInput } from "../fulfilment/fulfilment.inputs";

@InputType({ description: "Money paid back on an order, for some of its lines or an amount." })
export class RefundOrderInput {
  @Field(() => ID, { description: "The order (Order.id)." })
  orderId!: string;

  @Field(() => [OrderLineQuantityInput], {
    nullable: true,
    description:
      "The lines and units refunded (required of vendors' people: lines of their vendor order only). Each line's share is its total × units / its quantity.",
  })
  lines?: OrderLineQuantityInput[] | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The amount in minor units; absent: the lines' share (plus shipping with includeShipping). Never more than was paid and not yet refunded.",
  })
  amountMinor?: number | null;

  @Field(() => Boolean, {
    description: "Add the shipping of the lines' vendor orders (all of them without lines) to the lines' share.",
  })
  includeShipping!: boolean;

  @Field(() => String, { description: "Why, 1 to 500 characters." })
  reason!: string;

  @Field(() => Boolean, { description: "Put the lines' units back on hand in catalog (the goods came back)." })
  restock!: boolean;
}
