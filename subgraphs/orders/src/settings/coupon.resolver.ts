import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { BaseContext } from "@pawgraph/subgraph-kit";
import type { CouponService } from "./coupon.service";
import { CouponCodeTakenError, CreateCouponResult } from "./settings.errors";
import { CreateCouponInput } from "./settings.inputs";
import { toCoupon } from "./settings.mapper";
import { Coupon } from "./settings.types";

/** Coupons, managed by platform admins (any) and vendors' VENDOR_ADMINs (their vendor's). */
@Resolver(() => Coupon)
export class CouponResolver {
  constructor(private readonly couponService: CouponService) {}

  @Authorized()
  @Query(() => [Coupon], {
    nullable: true,
    description:
      "Coupons, newest first: platform admins see every one (or one vendor's); a VENDOR_ADMIN sees their vendors' (or one of them).",
  })
  async coupons(
    @Arg("vendorId", () => ID, { nullable: true, description: "Only this vendor's coupons." })
    vendorId: string | null | undefined,
    @Ctx() ctx: BaseContext,
  ): Promise<Coupon[]> {
    return (await this.couponService.list(ctx, vendorId ?? null)).map(toCoupon);
  }

  @Authorized()
  @Mutation(() => CreateCouponResult, {
    description:
      "Creates a coupon: platform-wide (platform admins) or for one vendor's lines (its VENDOR_ADMINs or platform admins). A code in use answers CouponCodeTakenError.",
  })
  async createCoupon(
    @Arg("input", () => CreateCouponInput, {
      description: "The code, what it takes off, when and how often it may be used.",
    })
    input: CreateCouponInput,
    @Ctx() ctx: BaseContext,
  ): Promise<typeof CreateCouponResult> {
    const answer = await this.couponService.create(ctx, input);
    if ("takenCode" in answer)
      return Object.assign(new CouponCodeTakenError(), {
        message: `The code ${answer.takenCode} is already in use; pick another.`,
        code: answer.takenCode,
      });
    return Object.assign(new Coupon(), toCoupon(answer.coupon));
  }

  @Authorized()
  @Mutation(() => Coupon, {
    description: "Deactivates a coupon: carts that hold it show it as INACTIVE and it takes nothing off.",
  })
  async deactivateCoupon(
    @Arg("id", () => ID, { description: "The coupon." }) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<Coupon> {
    return toCoupon(await this.couponService.deactivate(ctx, id));
  }
}
