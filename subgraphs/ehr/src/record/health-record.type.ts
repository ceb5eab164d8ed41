import { Field, ID, InterfaceType, registerEnumType } from "type-graphql";
import { Clinic } from "../clinic/clinic.type";
import { User } from "../user/user.type";

/** The kinds of entry in a pet's health record. */
export enum HealthRecordKind {
  VISIT = "VISIT",
  VACCINATION = "VACCINATION",
  MEDICATION = "MEDICATION",
  ALLERGY = "ALLERGY",
  LAB_RESULT = "LAB_RESULT",
  CLINICAL_ALERT = "CLINICAL_ALERT",
  HOME_NOTE = "HOME_NOTE",
  DISPENSING = "DISPENSING",
}

registerEnumType(HealthRecordKind, {
  name: "HealthRecordKind",
  description: "The kind of an entry in a pet's health record.",
  valuesConfig: {
    VISIT: { description: "A visit (encounter) at a clinic, with SOAP notes and diagnoses." },
    VACCINATION: { description: "A vaccine given." },
    MEDICATION: { description: "A medication taken or prescribed." },
    ALLERGY: { description: "A known allergy or intolerance." },
    LAB_RESULT: { description: "A laboratory result." },
    CLINICAL_ALERT: { description: 'A warning for staff, such as "aggressive" or "diabetic".' },
    HOME_NOTE: { description: "An owner's own note." },
    DISPENSING: { description: "A prescription dispensed by a shop order that shipped." },
  },
});

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

  @Field(() => Clinic, {
    nullable: true,
    description: "The clinic that wrote the entry; null for owners' home notes and for dispensings.",
  })
  clinic!: Clinic | null;

  @Field(() => User, {
    nullable: true,
    description:
      "Who wrote the entry; null when identity cannot be reached, and for dispensings (written from a shop order).",
  })
  recordedBy!: User | null;

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
  DISPENSING: "MedicationDispensing",
};
