import { Field, ID, ObjectType } from "type-graphql";
import { connectionType } from "@pawgraph/subgraph-kit";

/** One weighing of a pet. */
@ObjectType({ description: "A pet's weight at one moment." })
export class WeightRecord {
  @Field(() => ID, { description: "Id of this weighing." })
  id!: string;

  @Field(() => Number, { description: "Weight in kilograms." })
  weightKg!: number;

  @Field(() => Date, { description: "When the pet was weighed." })
  measuredAt!: Date;

  /** Not exposed: tie-breaker for cursors. */
  seq!: string;
}

export const WeightRecordConnection = connectionType(WeightRecord, "WeightRecord", "weight record");
