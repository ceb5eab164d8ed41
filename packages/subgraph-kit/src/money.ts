import { Directive, Field, Int, ObjectType } from "type-graphql";

/** An amount of money: integer minor units of a currency, never a float. */
@Directive("@shareable")
@ObjectType({
  description: "An amount of money in integer minor units (cents for USD and EUR) of an ISO 4217 currency.",
})
export class Money {
  @Field(() => Int, { description: "The amount in the currency's minor units, e.g. 1999 for $19.99." })
  amountMinor!: number;

  @Field(() => String, { description: "ISO 4217 currency code, e.g. USD, EUR." })
  currency!: string;
}

/** Money from a bigint column (pg returns it as a string). */
export function money(amountMinor: string | number, currency: string): Money {
  return { amountMinor: Number(amountMinor), currency };
}
