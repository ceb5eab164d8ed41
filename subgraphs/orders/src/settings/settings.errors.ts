import { createUnionType, Field, ObjectType } from "type-graphql";
import { Coupon } from "./settings.types";

@ObjectType({ description: "Another coupon already uses this code (codes are unique on the platform): pick another." })
export class CouponCodeTakenError {
  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => String, { description: "The code that is taken, as normalised (upper case)." })
  code!: string;
}

export const CreateCouponResult = createUnionType({
  name: "CreateCouponResult",
  description: "The coupon, or why it could not be created.",
  types: () => [Coupon, CouponCodeTakenError] as const,
});
