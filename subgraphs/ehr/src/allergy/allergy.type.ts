import { Field, ObjectType } from "type-graphql";
import { HealthRecord, recordFields } from "../record/health-record.type";
import { AllergySeverity, HealthRecordKind } from "../record/record.enums";
import type { AllergyEntity } from "./allergy.entity";

@ObjectType({ implements: HealthRecord, description: "A known allergy or intolerance." })
export class Allergy extends HealthRecord {
  @Field(() => String, { description: "What the pet reacts to." })
  substance!: string;

  @Field(() => String, { nullable: true, description: "How it reacts." })
  reaction!: string | null;

  @Field(() => AllergySeverity, { description: "How severe the reaction is." })
  severity!: AllergySeverity;
}

export function toAllergy(row: AllergyEntity): Allergy {
  return { ...recordFields(HealthRecordKind.ALLERGY, row), substance: row.substance, reaction: row.reaction, severity: row.severity as AllergySeverity };
}
