import { Field, InputType } from "type-graphql";
import { HealthRecordKind } from "../record/health-record.type";

@InputType({ description: "Narrows a pet's health timeline." })
export class TimelineFilter {
  @Field(() => [HealthRecordKind], { nullable: true, description: "Only these kinds of entry." })
  kinds?: HealthRecordKind[] | null;

  @Field(() => Date, { nullable: true, description: "Only entries at or after this time." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Only entries before this time." })
  to?: Date | null;
}
