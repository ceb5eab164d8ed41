import { Field, ID, Int, ObjectType } from "type-graphql";
import { HealthRecord } from "../record/health-record.type";

/** A prescription dispensed by a shipped shop order line; `medication` resolves through the per-request loader. */
@ObjectType({
  implements: HealthRecord,
  description:
    "A prescription dispensed by a shop order that shipped, one per order line: `occurredAt` is when it shipped. It has no clinic and no author.",
})
export class MedicationDispensing extends HealthRecord {
  /** The dispensed prescription's id, for the `medication` field. */
  medicationId!: string;

  @Field(() => ID, { description: "The shop order that dispensed it (`Order.id`)." })
  orderId!: string;

  @Field(() => Int, { description: "Units dispensed." })
  quantity!: number;

  @Field(() => Boolean, {
    description:
      "The prescription had no refills left when this was dispensed; recorded as it happened, for the vet to follow up.",
  })
  refillsExhausted!: boolean;
}
