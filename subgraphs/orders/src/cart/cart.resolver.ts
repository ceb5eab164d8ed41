import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { BaseContext } from "@pawgraph/subgraph-kit";
import { ShippingAddressInput } from "../shared/address.type";
import { AddToCartInput, SetShippingMethodInput, UpdateCartLineInput } from "./cart.inputs";
import { toCart } from "./cart.mapper";
import type { CartChange, CartService } from "./cart.service";
import { Cart, CartPayload } from "./cart.types";

function payload(change: CartChange): CartPayload {
  return { cart: toCart(change.quote), cartToken: change.cartToken };
}

/**
 * The cart, for signed-in users and guests alike (a guest's is named by the `X-Cart-Token` header).
 * Every mutation answers the whole cart, priced live.
 */
@Resolver()
export class CartResolver {
  constructor(private readonly carts: CartService) {}

  @Query(() => Cart, {
    nullable: true,
    description:
      "The viewer's cart (a guest's by the `X-Cart-Token` header), priced live; null when there is none. Signed in with a guest cart's token, the guest cart is merged into the account's first.",
  })
  async cart(@Ctx() ctx: BaseContext): Promise<Cart | null> {
    const quote = await this.carts.current(ctx);
    return quote ? toCart(quote) : null;
  }

  @Mutation(() => CartPayload, {
    description:
      "Adds units of a variant (for a pet, when prescription-only). Without a cart, a guest gets a new one and its token (once).",
  })
  async addToCart(
    @Arg("input", () => AddToCartInput, { description: "The variant, quantity and pet." }) input: AddToCartInput,
    @Ctx() ctx: BaseContext,
  ): Promise<CartPayload> {
    return payload(await this.carts.addLine(ctx, input));
  }

  @Mutation(() => CartPayload, { description: "Changes a line's quantity or the pet it is for." })
  async updateCartLine(
    @Arg("input", () => UpdateCartLineInput, { description: "The line and its change." }) input: UpdateCartLineInput,
    @Ctx() ctx: BaseContext,
  ): Promise<CartPayload> {
    return payload(await this.carts.updateLine(ctx, input));
  }

  @Mutation(() => CartPayload, { description: "Removes a line." })
  async removeCartLine(
    @Arg("lineId", () => String, { description: "The cart line." }) lineId: string,
    @Ctx() ctx: BaseContext,
  ): Promise<CartPayload> {
    return payload(await this.carts.removeLine(ctx, lineId));
  }

  @Mutation(() => CartPayload, {
    description: "Applies a coupon code; `Cart.coupons` says whether it takes effect and, if not, why.",
  })
  async applyCoupon(
    @Arg("code", () => String, { description: "The coupon code (any case)." }) code: string,
    @Ctx() ctx: BaseContext,
  ): Promise<CartPayload> {
    return payload(await this.carts.applyCoupon(ctx, code));
  }

  @Mutation(() => CartPayload, { description: "Removes a coupon from the cart." })
  async removeCoupon(
    @Arg("code", () => String, { description: "The coupon code." }) code: string,
    @Ctx() ctx: BaseContext,
  ): Promise<CartPayload> {
    return payload(await this.carts.removeCoupon(ctx, code));
  }

  @Mutation(() => CartPayload, { description: "Sets where the order ships to (tax and shipping follow it)." })
  async setShippingAddress(
    @Arg("input", () => ShippingAddressInput, { description: "The address." }) input: ShippingAddressInput,
    @Ctx() ctx: BaseContext,
  ): Promise<CartPayload> {
    return payload(await this.carts.setShippingAddress(ctx, input));
  }

  @Mutation(() => CartPayload, { description: "Chooses how one vendor ships its part of the cart." })
  async setShippingMethod(
    @Arg("input", () => SetShippingMethodInput, { description: "The vendor and its method." })
    input: SetShippingMethodInput,
    @Ctx() ctx: BaseContext,
  ): Promise<CartPayload> {
    return payload(await this.carts.setShippingMethod(ctx, input));
  }
}
