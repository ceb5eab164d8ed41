import { Field, ID, InputType, Int } from "type-graphql";
import { InternalType } from "@pawgraph/subgraph-kit";

@InternalType()
@InputType({ description: "One cart line (internal)." })
export class StockLineInput {
  @Field(() => String, { description: "The cart line's id, 1 to 100 characters; echoed in the reservation." })
  lineId!: string;

  @Field(() => ID, { description: "The variant." })
  variantId!: string;

  @Field(() => Int, { description: "Units, 1 to 10000." })
  quantity!: number;

  @Field(() => ID, {
    nullable: true,
    description: "Take the units from this stock location only; otherwise the locations with most available go first.",
  })
  locationId?: string | null;
}

@InternalType()
@InputType({ description: "Reserve a cart's lines at checkout (internal)." })
export class ReserveStockInput {
  @Field(() => String, { description: "The cart (orders' cart id), 1 to 100 characters." })
  cartId!: string;

  @Field(() => String, {
    description:
      "The caller's key for this call, e.g. `<cartId>:<cartVersion>`: a retry with the same key returns the first answer and reserves nothing twice.",
  })
  idempotencyKey!: string;

  @Field(() => [StockLineInput], { description: "The cart's lines, 1 to 200; lines of one variant are summed." })
  lines!: StockLineInput[];

  @Field(() => Int, {
    nullable: true,
    description: "Seconds the reservation lives; default `STOCK_RESERVATION_TTL_SECONDS` (900).",
  })
  ttlSeconds?: number | null;
}

@InternalType()
@InputType({ description: "A stock operation on a whole cart: extend, release, ship or cancel (internal)." })
export class CartStockInput {
  @Field(() => String, { description: "The cart (orders' cart id)." })
  cartId!: string;

  @Field(() => String, {
    description:
      "The caller's key for this call; a retry with the same key returns the first answer and does nothing twice.",
  })
  idempotencyKey!: string;
}

@InternalType()
@InputType({ description: "Allocate a paid cart's lines (internal)." })
export class AllocateStockInput {
  @Field(() => String, { description: "The cart (orders' cart id)." })
  cartId!: string;

  @Field(() => String, {
    description: "The caller's key for this call, e.g. `<cartId>:<cartVersion>`; a retry allocates nothing twice.",
  })
  idempotencyKey!: string;

  @Field(() => [StockLineInput], {
    description: "The lines as paid: taken from the cart's live reservations, or from available stock if they lapsed.",
  })
  lines!: StockLineInput[];
}

@InternalType()
@InputType({ description: "Units coming back to one stock location (internal)." })
export class RestockLineInput {
  @Field(() => ID, { description: "The variant." })
  variantId!: string;

  @Field(() => ID, { description: "The stock location (of the variant's vendor)." })
  locationId!: string;

  @Field(() => Int, { description: "Units, 1 to 10000." })
  quantity!: number;
}

@InternalType()
@InputType({ description: "Put returned or refunded units back on hand (internal)." })
export class RestockStockInput {
  @Field(() => String, {
    description: "The caller's key, e.g. `<orderId>:return:<returnId>`; a retry adds nothing twice.",
  })
  idempotencyKey!: string;

  @Field(() => [RestockLineInput], { description: "The units, 1 to 200 lines." })
  lines!: RestockLineInput[];

  @Field(() => String, { nullable: true, description: "Why, up to 500 characters; kept on the movement." })
  note?: string | null;
}
