import { createUnionType, Field, ID, Int, ObjectType } from "type-graphql";
import { Cart, CartProblem } from "../cart/cart.types";
import { Order, PaymentSession } from "../order/order.types";
import { ProductVariant } from "../shared/references";

@ObjectType({ description: "Checkout started: stock is held and prices are fixed until `expiresAt`; call placeOrder." })
export class CheckoutStarted {
  @Field(() => Cart, { description: "The cart, as it will be ordered." })
  cart!: Cart;

  @Field(() => Date, { description: "Until when the stock is held (15 minutes) and the prices fixed." })
  expiresAt!: Date;
}

@ObjectType({ description: "The cart cannot be checked out as it is: fix `problems` first." })
export class CartNotReadyError {
  @Field(() => String, { description: "Stable code: CART_NOT_READY." })
  code!: string;

  @Field(() => String, { description: "What to do." })
  message!: string;

  @Field(() => [CartProblem], { description: "What stops checkout." })
  problems!: CartProblem[];
}

@ObjectType({ description: "Not enough stock for a line: lower its quantity or remove it." })
export class InsufficientStockError {
  @Field(() => String, { description: "Stable code: INSUFFICIENT_STOCK." })
  code!: string;

  @Field(() => String, { description: "What happened, for people." })
  message!: string;

  @Field(() => ID, { description: "The cart line." })
  lineId!: string;

  @Field(() => ProductVariant, { nullable: true, description: "The variant short of stock." })
  variant!: ProductVariant;

  @Field(() => Int, { description: "Units asked for." })
  requested!: number;

  @Field(() => Int, { description: "Units available now." })
  available!: number;
}

@ObjectType({ description: "A prescription-only line cannot be bought as it is." })
export class PrescriptionRequiredError {
  @Field(() => String, { description: "Stable code: PRESCRIPTION_REQUIRED." })
  code!: string;

  @Field(() => String, { description: "What to do, for people." })
  message!: string;

  @Field(() => ID, { description: "The cart line at fault." })
  lineId!: string;

  @Field(() => String, { description: "Why: PET_REQUIRED, NOT_YOUR_PET, NO_CURRENT_PRESCRIPTION or NO_REFILLS_LEFT." })
  reason!: string;
}

export const StartCheckoutResult = createUnionType({
  name: "StartCheckoutResult",
  description: "Checkout started, or why not.",
  types: () => [CheckoutStarted, CartNotReadyError, InsufficientStockError, PrescriptionRequiredError] as const,
});

@ObjectType({ description: "The order was placed; pay it with `payment` (offline orders are accepted at once)." })
export class OrderPlaced {
  @Field(() => Order, { description: "The order." })
  order!: Order;

  @Field(() => PaymentSession, {
    nullable: true,
    description: "How to pay. Null when the payment provider could not be reached: call startPayment(orderId) later.",
  })
  payment!: PaymentSession | null;
}

@ObjectType({ description: "No started checkout, or it lapsed, or the cart changed since: call startCheckout again." })
export class CheckoutRequiredError {
  @Field(() => String, { description: "Stable code: CHECKOUT_REQUIRED." })
  code!: string;

  @Field(() => String, { description: "What to do." })
  message!: string;
}

@ObjectType({ description: "A coupon on the checkout reached its limits meanwhile: remove it and check out again." })
export class CouponUnavailableError {
  @Field(() => String, { description: "Stable code: COUPON_UNAVAILABLE." })
  code!: string;

  @Field(() => String, { description: "What to do." })
  message!: string;

  @Field(() => String, { description: "The coupon." })
  couponCode!: string;
}

export const PlaceOrderResult = createUnionType({
  name: "PlaceOrderResult",
  description: "The order placed, or why not.",
  types: () => [OrderPlaced, CheckoutRequiredError, CouponUnavailableError] as const,
});
