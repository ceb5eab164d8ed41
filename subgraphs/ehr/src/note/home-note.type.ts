import { Field, ObjectType } from "type-graphql";
import { HealthRecord } from "../record/health-record.type";

@ObjectType({ implements: HealthRecord, description: "An owner's own note in the record." })
export class HomeNote extends HealthRecord {
  @Field(() => String, { description: "The note." })
  text!: string;
}
