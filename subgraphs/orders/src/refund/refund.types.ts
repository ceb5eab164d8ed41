import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Money } from "@pawgraph/subgraph-kit";

export enum RefundStatusValue {
  PENDING = "PENDING",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
}
registerEnumType(RefundStatusValue, {
  name: "RefundStatus",
  description: "Where one refund is with the payment provider.",
  valuesConfig: {
    PENDING: { description: "Granted and sent (or about to be sent) to the provider; not settled yet." },
    SUCCEEDED: { description: "The money is on its way back to the buyer." },
    FAILED: { description: "The provider refused it (see `failureReason`); nothing was paid back." },
  },
});

@ObjectType({ description: "Units of one order line in a refund." })
export class RefundLine {
  @Field(() => ID, { description: "The order line." })
  orderLineId!: string;

  @Field(() => Int, { description: "Units." })
  quantity!: number;
}

@ObjectType({ description: "Money paid back on an order." })
export class Refund {
  @Field(() => ID, { description: "Stable unique id of the refund." })
  id!: string;

  @Field(() => Money, { description: "What is paid back." })
  amount!: Money;

  @Field(() => RefundStatusValue, { description: "Where it is with the payment provider." })
  status!: RefundStatusValue;

  @Field(() => String, { description: "Why, as written." })
  reason!: string;

  @Field(() => [RefundLine], { description: "The lines and units refunded; empty for an amount alone." })
  lines!: RefundLine[];

  @Field(() => Boolean, { description: "Whether shipping was included." })
  includeShipping!: boolean;

  @Field(() => Boolean, { description: "Whether the units went back on hand." })
  restock!: boolean;

  @Field(() => String, { nullable: true, description: "The provider's reason when it failed." })
  failureReason!: string | null;

  @Field(() => Date, { description: "When it was granted." })
  createdAt!: Date;
}
