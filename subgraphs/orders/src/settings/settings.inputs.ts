import { Field, ID, InputType, Int } from "type-graphql";
import { ShippingMethodKind } from "./shipping-method.type";
import { CommissionKind, CommissionScope, CouponKind } from "./settings.types";

@InputType({ description: "Set the rate of a tax category in a country or region (replaces the one there)." })
export class SetTaxRateInput {
  @Field(() => String, { description: "ISO 3166-1 alpha-2 country code, e.g. DE." })
  country!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "A region of the country, 1 to 3 letters or digits (e.g. the US state CA); omit for the whole country.",
  })
  region?: string | null;

  @Field(() => String, {
    description: "The tax category: upper-case letters, digits and underscores, e.g. STANDARD, REDUCED, SHIPPING.",
  })
  taxCategory!: string;

  @Field(() => Int, { description: "The rate in basis points, 0 to 10000 (1900 is 19 %)." })
  rateBps!: number;
}

@InputType({ description: "How prices in a currency are shown and when shipping becomes free." })
export class SetCurrencySettingsInput {
  @Field(() => String, { description: "ISO 4217 currency code, e.g. EUR." })
  currency!: string;

  @Field(() => Boolean, { description: "Whether catalog prices in this currency include tax." })
  pricesIncludeTax!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "Vendor orders from this subtotal (minor units, 0 or more) ship free; null for never.",
  })
  freeShippingThresholdMinor?: number | null;
}

@InputType({ description: "A commission rule; replaces the rule of the same scope and target." })
export class SetCommissionRuleInput {
  @Field(() => CommissionScope, { description: "What the rule is for." })
  scope!: CommissionScope;

  @Field(() => ID, { description: "The product, category or vendor id (per `scope`)." })
  targetId!: string;

  @Field(() => CommissionKind, {
    description: "PERCENTAGE (give `rateBps`) or FIXED (give `fixedMinor` and `currency`).",
  })
  kind!: CommissionKind;

  @Field(() => Int, { nullable: true, description: "PERCENTAGE only: the rate, 0 to 10000 basis points." })
  rateBps?: number | null;

  @Field(() => Int, { nullable: true, description: "FIXED only: the commission per unit, minor units, 0 or more." })
  fixedMinor?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "The least commission per line, minor units, 0 or more (needs `currency`).",
  })
  minimumMinor?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "ISO 4217 currency of `fixedMinor` and `minimumMinor`; required with either.",
  })
  currency?: string | null;
}

@InputType({ description: "An amount of money: integer minor units of an ISO 4217 currency." })
export class CouponAmountInput {
  @Field(() => Int, { description: "The amount in minor units, more than 0." })
  amountMinor!: number;

  @Field(() => String, { description: "ISO 4217 currency code, e.g. EUR." })
  currency!: string;
}

@InputType({
  description:
    "A new coupon: platform-wide (platform admins) or for one vendor's lines (that vendor's VENDOR_ADMINs or platform admins).",
})
export class CreateCouponInput {
  @Field(() => String, {
    description: "The code buyers type: 3 to 32 letters, digits, _ or -; stored upper case, unique on the platform.",
  })
  code!: string;

  @Field(() => CouponKind, { description: "What it takes off." })
  kind!: CouponKind;

  @Field(() => Int, { nullable: true, description: "PERCENTAGE only: the share, 1 to 10000 basis points." })
  percentBps?: number | null;

  @Field(() => CouponAmountInput, { nullable: true, description: "FIXED only: what it takes off." })
  amount?: CouponAmountInput | null;

  @Field(() => Int, {
    nullable: true,
    description: "The least subtotal of the eligible lines, minor units of the cart's currency, 0 or more.",
  })
  minimumSubtotalMinor?: number | null;

  @Field(() => Date, { nullable: true, description: "From when it is valid; omit for now." })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true, description: "Until when it is valid: in the future and after `startsAt`." })
  endsAt?: Date | null;

  @Field(() => Int, { nullable: true, description: "How many orders may use it in all, 1 or more; omit for no limit." })
  usageLimit?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "How many orders of one buyer may use it, 1 or more; omit for no limit.",
  })
  perCustomerLimit?: number | null;

  @Field(() => ID, {
    nullable: true,
    description: "The vendor whose lines it applies to; omit for a platform-wide coupon (platform admins only).",
  })
  vendorId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Whether it combines with no other discount (default false)." })
  exclusive?: boolean | null;
}

@InputType({ description: "A weight band of a WEIGHT_BANDS shipping method." })
export class WeightBandInput {
  @Field(() => Int, {
    description: "Upper bound in grams (inclusive), more than 0; strictly increasing over the bands.",
  })
  upToGrams!: number;

  @Field(() => Int, { description: "The price in this band, minor units, 0 or more." })
  priceMinor!: number;
}

@InputType({ description: "A new shipping method of a vendor (its VENDOR_ADMINs or platform admins)." })
export class CreateShippingMethodInput {
  @Field(() => ID, { description: "The vendor." })
  vendorId!: string;

  @Field(() => String, { description: "The name buyers see, 1 to 80 characters, e.g. Standard (3-5 days)." })
  name!: string;

  @Field(() => ShippingMethodKind, { description: "How it is priced." })
  kind!: ShippingMethodKind;

  @Field(() => Int, { nullable: true, description: "FLAT only (and required): the price, minor units, 0 or more." })
  priceMinor?: number | null;

  @Field(() => [WeightBandInput], {
    nullable: true,
    description: "WEIGHT_BANDS only (and required): 1 to 20 bands, lightest first.",
  })
  bands?: WeightBandInput[] | null;

  @Field(() => ID, { nullable: true, description: "PICKUP only (and required): the clinic goods are collected at." })
  clinicId?: string | null;

  @Field(() => String, {
    description: "ISO 4217 currency of the prices: the vendor's (carts only offer methods in their own currency).",
  })
  currency!: string;
}

@InputType({ description: "Change a shipping method; omitted fields stay as they are." })
export class UpdateShippingMethodInput {
  @Field(() => ID, { description: "The shipping method." })
  id!: string;

  @Field(() => String, { nullable: true, description: "The name buyers see, 1 to 80 characters." })
  name?: string | null;

  @Field(() => Int, { nullable: true, description: "FLAT methods only: the price, minor units, 0 or more." })
  priceMinor?: number | null;

  @Field(() => [WeightBandInput], {
    nullable: true,
    description: "WEIGHT_BANDS methods only: 1 to 20 bands, lightest first (replaces them all).",
  })
  bands?: WeightBandInput[] | null;

  @Field(() => Boolean, { nullable: true, description: "False takes it off carts; true offers it again." })
  active?: boolean | null;
}
