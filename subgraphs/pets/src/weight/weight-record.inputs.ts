import { Max, Min } from "class-validator";
import { PlausibleDate } from "@pawgraph/subgraph-kit";
import { Field, Float, ID, InputType } from "type-graphql";

/** Weights, like health records, were not kept on this platform's predecessors before this. */
const EARLIEST_RECORD_DATE = "1990-01-01";

@InputType({ description: "A weighing to add to a pet's weight history." })
export class RecordWeightInput {
  @Field(() => ID, { description: "The pet that was weighed." })
  petId!: string;

  @Min(0.001, { message: "must be more than 0" })
  @Max(2000, { message: "must be at most 2000 kg" })
  @Field(() => Float, { description: "Weight in kilograms, more than 0 and at most 2000." })
  weightKg!: number;

  @PlausibleDate({ notBefore: EARLIEST_RECORD_DATE })
  @Field(() => Date, {
    nullable: true,
    description: "When the pet was weighed (default now); not before 1990, not in the future.",
  })
  measuredAt?: Date | null;
}
