import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Money } from "@pawgraph/subgraph-kit";
import { Vendor } from "../shared/references";

export enum CommissionScope {
  PRODUCT = "PRODUCT",
  CATEGORY = "CATEGORY",
  VENDOR = "VENDOR",
}

registerEnumType(CommissionScope, {
  name: "CommissionScope",
  description: "What a commission rule is for; the most specific matching rule wins (product, category, vendor).",
  valuesConfig: {
    PRODUCT: { description: "One product (targetId is a product id)." },
    CATEGORY: { description: "The products of one category (targetId is a category id)." },
    VENDOR: { description: "Everything one vendor sells (targetId is a vendor id)." },
  },
});

export enum CommissionKind {
  PERCENTAGE = "PERCENTAGE",
  FIXED = "FIXED",
}

registerEnumType(CommissionKind, {
  name: "CommissionKind",
  description: "How a commission rule computes the platform's share of an order line.",
  valuesConfig: {
    PERCENTAGE: { description: "A share of the line's amount after discount, before tax (`rateBps`)." },
    FIXED: { description: "A fixed amount per unit sold (`fixed`)." },
  },
});

export enum CouponKind {
  PERCENTAGE = "PERCENTAGE",
  FIXED = "FIXED",
  FREE_SHIPPING = "FREE_SHIPPING",
}

registerEnumType(CouponKind, {
  name: "CouponKind",
  description: "What a coupon takes off.",
  valuesConfig: {
    PERCENTAGE: { description: "A share of the eligible lines (`percentBps`)." },
    FIXED: { description: "A fixed amount off the eligible lines (`amount`), in its currency only." },
    FREE_SHIPPING: { description: "Shipping of the eligible vendor orders." },
  },
});

@ObjectType({ description: "A tax rate: what a tax category is taxed at in a country (or one of its regions)." })
export class TaxRate {
  @Field(() => ID, { description: "Stable unique id of the rate." })
  id!: string;

  @Field(() => String, { description: "ISO 3166-1 alpha-2 country code, e.g. DE." })
  country!: string;

  @Field(() => String, {
    nullable: true,
    description: "The region (e.g. the US state CA) the rate is for; null for the whole country.",
  })
  region!: string | null;

  @Field(() => String, {
    description: "The tax category of the products it applies to, e.g. STANDARD, REDUCED, SHIPPING.",
  })
  taxCategory!: string;

  @Field(() => Int, { description: "The rate in basis points (1/100 %): 1900 is 19 %." })
  rateBps!: number;
}

@ObjectType({ description: "How prices in one currency are shown and when shipping becomes free." })
export class CurrencySettings {
  @Field(() => String, { description: "ISO 4217 currency code, e.g. EUR." })
  currency!: string;

  @Field(() => Boolean, { description: "Whether catalog prices in this currency include tax (VAT) or have it added." })
  pricesIncludeTax!: boolean;

  @Field(() => Money, {
    nullable: true,
    description: "Vendor orders from this subtotal ship free; null when shipping is never free by amount.",
  })
  freeShippingThreshold!: Money | null;
}

@ObjectType({ description: "A rule for the platform's commission on order lines (platform admins)." })
export class CommissionRule {
  @Field(() => ID, { description: "Stable unique id of the rule." })
  id!: string;

  @Field(() => CommissionScope, { description: "What the rule is for." })
  scope!: CommissionScope;

  @Field(() => ID, { description: "The product, category or vendor id (per `scope`)." })
  targetId!: string;

  @Field(() => CommissionKind, { description: "How it computes the commission." })
  kind!: CommissionKind;

  @Field(() => Int, { nullable: true, description: "The rate of a PERCENTAGE rule in basis points; null otherwise." })
  rateBps!: number | null;

  @Field(() => Money, { nullable: true, description: "The amount per unit of a FIXED rule; null otherwise." })
  fixed!: Money | null;

  @Field(() => Money, { nullable: true, description: "The least commission per line; null for none." })
  minimum!: Money | null;
}

@ObjectType({ description: "A coupon code buyers apply to their cart." })
export class Coupon {
  @Field(() => ID, { description: "Stable unique id of the coupon." })
  id!: string;

  @Field(() => String, { description: "The code buyers type, upper case, unique on the platform." })
  code!: string;

  @Field(() => CouponKind, { description: "What it takes off." })
  kind!: CouponKind;

  @Field(() => Int, { nullable: true, description: "The share a PERCENTAGE coupon takes off, in basis points." })
  percentBps!: number | null;

  @Field(() => Money, { nullable: true, description: "What a FIXED coupon takes off; null otherwise." })
  amount!: Money | null;

  @Field(() => Int, {
    nullable: true,
    description: "The least subtotal of the eligible lines, in minor units of the cart's currency; null for none.",
  })
  minimumSubtotalMinor!: number | null;

  @Field(() => Date, { nullable: true, description: "From when it is valid; null for from its creation." })
  startsAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "Until when it is valid (exclusive); null for no end." })
  endsAt!: Date | null;

  @Field(() => Int, { nullable: true, description: "How many orders may use it in all; null for no limit." })
  usageLimit!: number | null;

  @Field(() => Int, { nullable: true, description: "How many orders of one buyer may use it; null for no limit." })
  perCustomerLimit!: number | null;

  @Field(() => Int, { description: "How many orders have used it." })
  timesUsed!: number;

  @Field(() => Vendor, {
    nullable: true,
    description: "The vendor whose lines it applies to; null for a platform-wide coupon.",
  })
  vendor!: Vendor | null;

  @Field(() => Boolean, { description: "Whether it combines with no other discount." })
  exclusive!: boolean;

  @Field(() => Boolean, { description: "False once deactivated: buyers can no longer use it." })
  active!: boolean;
}
