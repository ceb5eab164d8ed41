import { Field, ID, InterfaceType } from "type-graphql";
import { Clinic } from "../clinic/clinic.type";
import { User } from "../user/user.type";
import { HealthRecordKind } from "./record.enums";

/** What every entry of a pet's health record has; the timeline lists them newest first. */
@InterfaceType({
  description: "An entry in a pet's health record.",
  resolveType: (value: { kind: HealthRecordKind }) => KIND_TYPE_NAMES[value.kind],
})
export abstract class HealthRecord {
  @Field(() => ID, { description: "Stable unique id of the entry." })
  id!: string;

  @Field(() => HealthRecordKind, { description: "Which kind of entry this is." })
  kind!: HealthRecordKind;

  @Field(() => Date, { description: "When it happened (visit time, vaccination time, sample time, ...)." })
  occurredAt!: Date;

  @Field(() => Clinic, { nullable: true, description: "The clinic that wrote the entry; null for owners' home notes." })
  clinic!: Clinic | null;

  @Field(() => User, { nullable: true, description: "Who wrote the entry; null when identity cannot be reached." })
  recordedBy!: User;

  @Field(() => Date, { description: "When the entry was written." })
  createdAt!: Date;
}

export const KIND_TYPE_NAMES: Record<HealthRecordKind, string> = {
  VISIT: "Visit",
  VACCINATION: "Vaccination",
  MEDICATION: "Medication",
  ALLERGY: "Allergy",
  LAB_RESULT: "LabResult",
  CLINICAL_ALERT: "ClinicalAlert",
  HOME_NOTE: "HomeNote",
};

/** The interface fields of a record row, as GraphQL objects. */
export function recordFields(kind: HealthRecordKind, row: { id: string; occurredAt: Date; clinicId: string | null; recordedBy: string; createdAt: Date }) {
  return {
    id: row.id,
    kind,
    occurredAt: row.occurredAt,
    clinic: row.clinicId ? { id: row.clinicId } : null,
    recordedBy: { id: row.recordedBy },
    createdAt: row.createdAt,
  };
}
