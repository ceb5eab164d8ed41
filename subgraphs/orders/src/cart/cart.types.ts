import { Field, ID, Int, ObjectType } from "type-graphql";
import { Money } from "@pawgraph/subgraph-kit";
import { ShippingAddress } from "../shared/address.type";
import { Pet, Product, ProductVariant, Vendor } from "../shared/references";
import { ShippingMethod } from "../settings/shipping-method.type";

@ObjectType({ description: "Something that stops the cart from being checked out as it is, and what to do." })
export class CartProblem {
  @Field(() => String, {
    description:
      "Stable code: UNAVAILABLE, UNKNOWN_VARIANT, CURRENCY_MISMATCH, PET_REQUIRED, NO_SHIPPING_ADDRESS, NO_SHIPPING_METHOD, NO_SHIPPING_BAND, EMPTY.",
  })
  code!: string;

  @Field(() => String, { description: "What is wrong, for people." })
  message!: string;

  @Field(() => ID, { nullable: true, description: "The cart line at fault, if one is." })
  lineId!: string | null;

  @Field(() => ID, { nullable: true, description: "The vendor at fault (e.g. no shipping method chosen), if one is." })
  vendorId!: string | null;
}

@ObjectType({ description: "A line of a cart: a variant, how many, and for which pet when it is prescription-only." })
export class CartLine {
  @Field(() => ID, { description: "Stable unique id of the line." })
  id!: string;

  @Field(() => ProductVariant, { nullable: true, description: "What is bought." })
  variant!: ProductVariant;

  @Field(() => Product, {
    nullable: true,
    description: "The variant's product; null when catalog no longer knows the variant.",
  })
  product!: Product | null;

  @Field(() => Vendor, { nullable: true, description: "Who sells it; null when catalog no longer knows the variant." })
  vendor!: Vendor | null;

  @Field(() => Pet, { nullable: true, description: "The pet a prescription-only line is for." })
  pet!: Pet | null;

  @Field(() => String, { nullable: true, description: "The product and variant title, live from catalog." })
  title!: string | null;

  @Field(() => Int, { description: "Units, 1 to 999." })
  quantity!: number;

  @Field(() => Money, { nullable: true, description: "The live unit price; null when the variant is unknown." })
  unitPrice!: Money | null;

  @Field(() => Money, { nullable: true, description: "Unit price times quantity." })
  subtotal!: Money | null;

  @Field(() => Money, { nullable: true, description: "This line's share of the cart's discounts." })
  discount!: Money | null;

  @Field(() => Money, {
    nullable: true,
    description: "Tax on the line after discounts (included in the price where prices include tax).",
  })
  tax!: Money | null;

  @Field(() => Money, { nullable: true, description: "What the line costs after discounts, tax included." })
  total!: Money | null;

  @Field(() => Boolean, {
    description: "Whether the line can be bought now; if not, `problem` says why. Never silently dropped.",
  })
  available!: boolean;

  @Field(() => CartProblem, { nullable: true, description: "Why the line cannot be checked out as it is." })
  problem!: CartProblem | null;

  @Field(() => Boolean, {
    description: "The product is prescription-only: checkout needs a current prescription for `pet`.",
  })
  prescriptionOnly!: boolean;
}

@ObjectType({ description: "One vendor's part of a cart: its lines ship together with one shipping method." })
export class CartVendor {
  @Field(() => Vendor, { nullable: true, description: "The vendor." })
  vendor!: Vendor;

  @Field(() => String, { description: "The vendor's name." })
  name!: string;

  @Field(() => [ID], { description: "The cart lines this vendor sells." })
  lineIds!: string[];

  @Field(() => [ShippingMethod], { description: "The shipping methods the vendor offers." })
  shippingMethods!: ShippingMethod[];

  @Field(() => ShippingMethod, {
    nullable: true,
    description: "The method chosen (the only one, if the vendor offers one).",
  })
  shippingMethod!: ShippingMethod | null;

  @Field(() => Money, { description: "Lines before discounts." })
  subtotal!: Money;

  @Field(() => Money, { description: "Discounts on this vendor's lines." })
  discount!: Money;

  @Field(() => Money, { description: "Shipping (0 with free shipping)." })
  shipping!: Money;

  @Field(() => Money, { description: "Tax, shipping's included." })
  tax!: Money;

  @Field(() => Money, { description: "What this vendor's part costs." })
  total!: Money;
}

@ObjectType({ description: "A coupon on the cart and what it does now." })
export class CartCoupon {
  @Field(() => String, { description: "The code." })
  code!: string;

  @Field(() => Boolean, { description: "Whether it takes effect now." })
  applied!: boolean;

  @Field(() => Money, { description: "What it takes off (shipping included for free-shipping coupons)." })
  discount!: Money;

  @Field(() => String, {
    nullable: true,
    description:
      "Why it does not apply: MINIMUM_NOT_MET, NOT_COMBINABLE, NO_ELIGIBLE_LINES, EXPIRED, NOT_STARTED, USAGE_LIMIT_REACHED, CURRENCY_MISMATCH.",
  })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: "The reason for people, e.g. how much more to add." })
  message!: string | null;
}

@ObjectType({ description: "How far the cart is from free shipping." })
export class FreeShippingProgress {
  @Field(() => Money, {
    description: "Free shipping from this subtotal (after order discounts, before tax and shipping).",
  })
  threshold!: Money;

  @Field(() => Money, { description: "How much more to add; 0 once reached." })
  remaining!: Money;

  @Field(() => Boolean, { description: "Whether shipping is free." })
  reached!: boolean;
}

@ObjectType({ description: "A shopping cart, priced live: lines, discounts, shipping, tax and what stops checkout." })
export class Cart {
  @Field(() => ID, { description: "Stable unique id of the cart." })
  id!: string;

  @Field(() => [CartLine], { description: "The lines, oldest first." })
  lines!: CartLine[];

  @Field(() => Int, { description: "Units in the cart." })
  itemCount!: number;

  @Field(() => String, { nullable: true, description: "The cart's currency (its first line's); null while empty." })
  currency!: string | null;

  @Field(() => Boolean, { description: "Whether prices include tax (set per currency)." })
  pricesIncludeTax!: boolean;

  @Field(() => Money, { nullable: true, description: "Lines before discounts; null while empty." })
  subtotal!: Money | null;

  @Field(() => Money, { nullable: true, description: "All discounts, shipping discounts included." })
  discount!: Money | null;

  @Field(() => Money, { nullable: true, description: "Shipping." })
  shipping!: Money | null;

  @Field(() => Money, {
    nullable: true,
    description: "Tax (shown separately; included in prices where prices include tax).",
  })
  tax!: Money | null;

  @Field(() => Money, { nullable: true, description: "What the order would cost." })
  total!: Money | null;

  @Field(() => FreeShippingProgress, {
    nullable: true,
    description: "Free-shipping progress; null when the currency has no threshold.",
  })
  freeShipping!: FreeShippingProgress | null;

  @Field(() => [CartCoupon], { description: "Coupons applied to the cart." })
  coupons!: CartCoupon[];

  @Field(() => ShippingAddress, { nullable: true, description: "Where the order ships to." })
  shippingAddress!: ShippingAddress | null;

  @Field(() => [CartVendor], { description: "The cart split by vendor: each vendor ships its part." })
  vendors!: CartVendor[];

  @Field(() => [CartProblem], { description: "What must be fixed before checkout; empty when it can go ahead." })
  problems!: CartProblem[];

  @Field(() => Date, {
    nullable: true,
    description: "While a checkout is started: until when its stock is held and prices frozen.",
  })
  checkoutExpiresAt!: Date | null;
}

@ObjectType({ description: "A cart after a change." })
export class CartPayload {
  @Field(() => Cart, { description: "The cart as it is now." })
  cart!: Cart;

  @Field(() => String, {
    nullable: true,
    description:
      "Only when this call created a guest cart: its token, returned this once. Send it as the `X-Cart-Token` header on later cart operations; after sign-in, sending it merges the guest cart into the account's.",
  })
  cartToken!: string | null;
}
