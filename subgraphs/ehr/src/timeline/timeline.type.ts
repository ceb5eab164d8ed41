import { Field, InputType } from "type-graphql";
import { connectionType } from "@pawgraph/subgraph-kit";
import { HealthRecord } from "../record/health-record.type";
import { HealthRecordKind } from "../record/record.enums";

export const HealthRecordConnection = connectionType(HealthRecord, "HealthRecord", "health record entry");

@InputType({ description: "Narrows a pet's health timeline." })
export class TimelineFilter {
  @Field(() => [HealthRecordKind], { nullable: true, description: "Only these kinds of entry." })
  kinds?: HealthRecordKind[] | null;

  @Field(() => Date, { nullable: true, description: "Only entries at or after this time." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Only entries before this time." })
  to?: Date | null;
}
