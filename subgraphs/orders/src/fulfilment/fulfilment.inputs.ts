import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "Units of one order line." })
export class OrderLineQuantityInput {
  @Field(() => ID, { description: "The order line (OrderLine.id)." })
  orderLineId!: string;

  @Field(() => Int, { description: "Units, at least 1." })
  quantity!: number;
}

@InputType({ description: "A parcel vendor staff handed to a carrier." })
export class MarkShippedInput {
  @Field(() => ID, { description: "The vendor order (VendorOrder.id)." })
  vendorOrderId!: string;

  @Field(() => String, { description: "The carrier, 1 to 60 characters (e.g. DHL)." })
  carrier!: string;

  @Field(() => String, { description: "The carrier's tracking number, 1 to 80 characters." })
  trackingNumber!: string;

  @Field(() => [OrderLineQuantityInput], {
    description: "What the parcel holds: lines of this vendor order, at most their units not yet shipped.",
  })
  lines!: OrderLineQuantityInput[];
}

@InputType({ description: "A delivery the carrier confirmed." })
export class MarkDeliveredInput {
  @Field(() => ID, { description: "The vendor order (VendorOrder.id)." })
  vendorOrderId!: string;

  @Field(() => ID, { nullable: true, description: "One of its shipments; absent: all of them." })
  shipmentId?: string | null;
}

@InputType({ description: "Cancelling a whole order before anything shipped." })
export class CancelOrderInput {
  @Field(() => ID, { description: "The order (Order.id)." })
  orderId!: string;

  @Field(() => String, {
    nullable: true,
    description: "Why, up to 500 characters: required of platform admins, optional for the buyer.",
  })
  reason?: string | null;
}

@InputType({ description: "A vendor cancelling its part of an order before shipping it." })
export class CancelVendorOrderInput {
  @Field(() => ID, { description: "The vendor order (VendorOrder.id)." })
  vendorOrderId!: string;

  @Field(() => String, { description: "Why, 1 to 500 characters: the buyer is told." })
  reason!: string;
}
