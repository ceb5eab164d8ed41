import { Field, ObjectType, registerEnumType } from "type-graphql";
import { HealthRecord } from "../record/health-record.type";

/** How bad an allergic reaction is. */
export enum AllergySeverity {
  MILD = "MILD",
  MODERATE = "MODERATE",
  SEVERE = "SEVERE",
}

registerEnumType(AllergySeverity, {
  name: "AllergySeverity",
  description: "How severe the reaction is.",
  valuesConfig: {
    MILD: { description: "Mild reaction." },
    MODERATE: { description: "Moderate reaction." },
    SEVERE: { description: "Severe or life-threatening reaction." },
  },
});

@ObjectType({ implements: HealthRecord, description: "A known allergy or intolerance." })
export class Allergy extends HealthRecord {
  @Field(() => String, { description: "What the pet reacts to." })
  substance!: string;

  @Field(() => String, { nullable: true, description: "How it reacts." })
  reaction!: string | null;

  @Field(() => AllergySeverity, { description: "How severe the reaction is." })
  severity!: AllergySeverity;
}
