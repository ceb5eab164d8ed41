import { Field, ID, Int, ObjectType } from "type-graphql";
import { createInternalUnionType, InternalType } from "@pawgraph/subgraph-kit";

// The answers of the internal stock mutations (for orders only; never served by the gateway).

@InternalType()
@ObjectType({ description: "Units of one cart line held at one stock location (internal)." })
export class ReservedStockLine {
  @Field(() => String, { description: "The cart line (as the caller named it)." })
  lineId!: string;

  @Field(() => ID, { description: "The variant." })
  variantId!: string;

  @Field(() => ID, { description: "The stock location the units are held at." })
  locationId!: string;

  @Field(() => Int, { description: "Units." })
  quantity!: number;
}

@InternalType()
@ObjectType({ description: "Units of one variant at one stock location (internal)." })
export class StockLine {
  @Field(() => ID, { description: "The variant." })
  variantId!: string;

  @Field(() => ID, { description: "The stock location." })
  locationId!: string;

  @Field(() => Int, { description: "Units." })
  quantity!: number;
}

@InternalType()
@ObjectType({ description: "The cart's lines are reserved until `expiresAt` (internal)." })
export class StockReserved {
  @Field(() => String, { description: "The cart." })
  cartId!: string;

  @Field(() => Date, { description: "When the reservation lapses unless extended or allocated." })
  expiresAt!: Date;

  @Field(() => [ReservedStockLine], { description: "Where each line's units are held (a line may span locations)." })
  lines!: ReservedStockLine[];
}

@InternalType()
@ObjectType({
  description: "A variant has fewer units available than the cart asks for; nothing was reserved (internal).",
})
export class StockShortfallError {
  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => ID, { description: "The first variant (in id order) that lacks stock." })
  variantId!: string;

  @Field(() => Int, { description: "Units the cart asks for, all its lines of this variant summed." })
  requested!: number;

  @Field(() => Int, { description: "Units available to this cart now." })
  available!: number;
}

@InternalType()
@ObjectType({ description: "The cart's reservations were extended once, for payment (internal)." })
export class StockReservationExtended {
  @Field(() => String, { description: "The cart." })
  cartId!: string;

  @Field(() => Date, { description: "The new expiry." })
  expiresAt!: Date;
}

@InternalType()
@ObjectType({ description: "The cart's reservations were already extended; they are extended only once (internal)." })
export class ReservationAlreadyExtendedError {
  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => Date, { description: "When the reservations lapse." })
  expiresAt!: Date;
}

@InternalType()
@ObjectType({ description: "The cart holds no live reservation: it expired or was never made (internal)." })
export class NoActiveReservationError {
  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;
}

@InternalType()
@ObjectType({ description: "The cart's reservations were released (internal)." })
export class StockReleased {
  @Field(() => String, { description: "The cart." })
  cartId!: string;

  @Field(() => Int, { description: "Units released (0 when the cart held none)." })
  releasedUnits!: number;
}

@InternalType()
@ObjectType({ description: "The paid cart's units are allocated: set aside for its order (internal)." })
export class StockAllocated {
  @Field(() => String, { description: "The cart." })
  cartId!: string;

  @Field(() => [StockLine], { description: "Units allocated per variant and location." })
  lines!: StockLine[];
}

@InternalType()
@ObjectType({
  description:
    "The cart's reservation lapsed and the stock went to someone else; nothing was allocated. Orders routes the order to NEEDS_ATTENTION (internal).",
})
export class ReservationExpiredError {
  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => ID, { description: "The first variant (in id order) that cannot be allocated." })
  variantId!: string;

  @Field(() => Int, { description: "Units the order needs of it." })
  requested!: number;

  @Field(() => Int, { description: "Units that could be allocated now." })
  available!: number;
}

@InternalType()
@ObjectType({
  description: "The order's allocated units left the shelf: on hand and allocated both went down (internal).",
})
export class StockShipped {
  @Field(() => String, { description: "The cart the order was paid from." })
  cartId!: string;

  @Field(() => [StockLine], { description: "Units shipped per variant and location." })
  lines!: StockLine[];
}

@InternalType()
@ObjectType({ description: "The order's allocation was cancelled: the units are available again (internal)." })
export class StockAllocationCancelled {
  @Field(() => String, { description: "The cart the order was paid from." })
  cartId!: string;

  @Field(() => [StockLine], { description: "Units returned to available per variant and location." })
  lines!: StockLine[];
}

@InternalType()
@ObjectType({
  description:
    "The cart has no allocation to ship or cancel: never allocated, or already shipped or cancelled (internal).",
})
export class NothingAllocatedError {
  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;
}

@InternalType()
@ObjectType({ description: "Units came back on hand (internal)." })
export class StockRestocked {
  @Field(() => [StockLine], { description: "Units added per variant and location." })
  lines!: StockLine[];
}

export const ReserveStockResult = createInternalUnionType({
  name: "ReserveStockResult",
  description: "The reservation, or the variant that lacks stock (internal).",
  types: () => [StockReserved, StockShortfallError] as const,
});

export const ExtendStockReservationResult = createInternalUnionType({
  name: "ExtendStockReservationResult",
  description: "The new expiry, or why the reservation cannot be extended (internal).",
  types: () => [StockReservationExtended, ReservationAlreadyExtendedError, NoActiveReservationError] as const,
});

export const AllocateStockResult = createInternalUnionType({
  name: "AllocateStockResult",
  description: "The allocation, or the variant whose reservation lapsed and whose stock is gone (internal).",
  types: () => [StockAllocated, ReservationExpiredError] as const,
});

export const ShipStockResult = createInternalUnionType({
  name: "ShipStockResult",
  description: "What was shipped, or that nothing is allocated (internal).",
  types: () => [StockShipped, NothingAllocatedError] as const,
});

export const CancelStockAllocationResult = createInternalUnionType({
  name: "CancelStockAllocationResult",
  description: "What was returned to available, or that nothing is allocated (internal).",
  types: () => [StockAllocationCancelled, NothingAllocatedError] as const,
});
