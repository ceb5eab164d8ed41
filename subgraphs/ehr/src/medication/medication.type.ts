import { LocalDateResolver } from "graphql-scalars";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { HealthRecord, recordFields } from "../record/health-record.type";
import { HealthRecordKind, MedicationKind, MedicationRoute } from "../record/record.enums";
import { User } from "../user/user.type";
import type { MedicationEntity } from "./medication.entity";

@ObjectType({ implements: HealthRecord, description: "A medication the pet takes or was prescribed." })
export class Medication extends HealthRecord {
  @Field(() => MedicationKind, { description: "Statement of use, or a prescription." })
  medicationKind!: MedicationKind;

  @Field(() => String, { description: "Drug name and strength, e.g. \"Meloxicam 1.5 mg/ml oral suspension\"." })
  drug!: string;

  @Field(() => Float, { description: "Amount per dose, in `doseUnit`." })
  dose!: number;

  @Field(() => String, { description: "Unit of `dose`, e.g. \"ml\", \"mg\", \"tablet\"." })
  doseUnit!: string;

  @Field(() => MedicationRoute, { description: "How it is given." })
  route!: MedicationRoute;

  @Field(() => String, { description: "How often, e.g. \"once daily with food\"." })
  frequency!: string;

  @Field(() => LocalDateResolver, { description: "First day." })
  startsOn!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: "Last day; null when ongoing." })
  endsOn!: string | null;

  @Field(() => Int, { description: "Refills left on a prescription." })
  refillsLeft!: number;

  @Field(() => User, { nullable: true, description: "The prescribing vet." })
  prescriber!: User | null;
}

export function toMedication(row: MedicationEntity): Medication {
  return {
    ...recordFields(HealthRecordKind.MEDICATION, row),
    medicationKind: row.kind as MedicationKind,
    drug: row.drug,
    dose: row.dose,
    doseUnit: row.doseUnit,
    route: row.route as MedicationRoute,
    frequency: row.frequency,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    refillsLeft: row.refillsLeft,
    prescriber: row.prescriberId ? { id: row.prescriberId } : null,
  };
}
