import { Field, ObjectType } from "type-graphql";
import { HealthRecord, recordFields } from "../record/health-record.type";
import { HealthRecordKind } from "../record/record.enums";
import type { ClinicalAlertEntity } from "./clinical-alert.entity";

@ObjectType({ implements: HealthRecord, description: "A warning staff must see before handling the pet." })
export class ClinicalAlert extends HealthRecord {
  @Field(() => String, { description: "The warning, e.g. \"aggressive when muzzled\" or \"diabetic\"." })
  alert!: string;

  @Field(() => Boolean, { description: "Whether the alert still applies." })
  active!: boolean;
}

export function toClinicalAlert(row: ClinicalAlertEntity): ClinicalAlert {
  return { ...recordFields(HealthRecordKind.CLINICAL_ALERT, row), alert: row.alert, active: row.active };
}
