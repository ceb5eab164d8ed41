import { registerEnumType } from "type-graphql";

/** The kinds of entry in a pet's health record. */
export enum HealthRecordKind {
  VISIT = "VISIT",
  VACCINATION = "VACCINATION",
  MEDICATION = "MEDICATION",
  ALLERGY = "ALLERGY",
  LAB_RESULT = "LAB_RESULT",
  CLINICAL_ALERT = "CLINICAL_ALERT",
  HOME_NOTE = "HOME_NOTE",
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
    CLINICAL_ALERT: { description: "A warning for staff, such as \"aggressive\" or \"diabetic\"." },
    HOME_NOTE: { description: "An owner's own note." },
  },
});

/** Terminologies a diagnosis code can come from. */
export enum DiagnosisCodeSystem {
  VENOM = "VENOM",
  SNOMED_CT = "SNOMED_CT",
}

registerEnumType(DiagnosisCodeSystem, {
  name: "DiagnosisCodeSystem",
  description: "The terminology a diagnosis code belongs to.",
  valuesConfig: {
    VENOM: { description: "VeNom Coding (veterinary nomenclature), http://venomcoding.org." },
    SNOMED_CT: { description: "SNOMED CT (including its veterinary extension), http://snomed.info/sct." },
  },
});

/** Whether a medication entry records use or a prescription. */
export enum MedicationKind {
  STATEMENT = "STATEMENT",
  PRESCRIPTION = "PRESCRIPTION",
}

registerEnumType(MedicationKind, {
  name: "MedicationKind",
  description: "Whether a medication entry records what the pet takes or a prescription a vet wrote.",
  valuesConfig: {
    STATEMENT: { description: "The pet takes (or took) this medication." },
    PRESCRIPTION: { description: "A vet prescribed this medication." },
  },
});

/** How a medication is given. */
export enum MedicationRoute {
  ORAL = "ORAL",
  TOPICAL = "TOPICAL",
  SUBCUTANEOUS = "SUBCUTANEOUS",
  INTRAMUSCULAR = "INTRAMUSCULAR",
  INTRAVENOUS = "INTRAVENOUS",
  OPHTHALMIC = "OPHTHALMIC",
  OTIC = "OTIC",
  INHALED = "INHALED",
  RECTAL = "RECTAL",
}

registerEnumType(MedicationRoute, {
  name: "MedicationRoute",
  description: "How a medication is given.",
  valuesConfig: {
    ORAL: { description: "By mouth." },
    TOPICAL: { description: "On the skin or coat (spot-on, cream)." },
    SUBCUTANEOUS: { description: "Injection under the skin." },
    INTRAMUSCULAR: { description: "Injection into a muscle." },
    INTRAVENOUS: { description: "Into a vein." },
    OPHTHALMIC: { description: "Into the eye." },
    OTIC: { description: "Into the ear." },
    INHALED: { description: "Breathed in." },
    RECTAL: { description: "Rectally." },
  },
});

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

/** Interpretation of a lab value against its reference range. */
export enum LabResultFlag {
  NORMAL = "NORMAL",
  LOW = "LOW",
  HIGH = "HIGH",
  CRITICAL_LOW = "CRITICAL_LOW",
  CRITICAL_HIGH = "CRITICAL_HIGH",
  ABNORMAL = "ABNORMAL",
}

registerEnumType(LabResultFlag, {
  name: "LabResultFlag",
  description: "How a lab result compares with its reference range.",
  valuesConfig: {
    NORMAL: { description: "Within the reference range." },
    LOW: { description: "Below the reference range." },
    HIGH: { description: "Above the reference range." },
    CRITICAL_LOW: { description: "Critically low." },
    CRITICAL_HIGH: { description: "Critically high." },
    ABNORMAL: { description: "Abnormal (for results without a numeric range)." },
  },
});

/** Whether a recall rule or reminder is about a vaccine or a recurring treatment. */
export enum ReminderKind {
  VACCINATION = "VACCINATION",
  TREATMENT = "TREATMENT",
}

registerEnumType(ReminderKind, {
  name: "ReminderKind",
  description: "What a reminder or recall rule is about.",
  valuesConfig: {
    VACCINATION: { description: "A vaccination booster." },
    TREATMENT: { description: "A recurring treatment such as flea, tick or worming." },
  },
});
