import { Field, ObjectType } from "type-graphql";
import { HealthRecord } from "../record/health-record.type";

@ObjectType({ implements: HealthRecord, description: "A warning staff must see before handling the pet." })
export class ClinicalAlert extends HealthRecord {
  @Field(() => String, { description: 'The warning, e.g. "aggressive when muzzled" or "diabetic".' })
  alert!: string;

  @Field(() => Boolean, { description: "Whether the alert still applies." })
  active!: boolean;
}
