import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, ResolverContainer } from "@pawgraph/subgraph-kit";
// type-graphql lists types and root fields in the order their decorators run, i.e. the order these
// modules are first imported, not the order of `resolvers` below. The imports are in that order so
// the emitted schema.graphql stays as it is: keep them so (`npm run generate` shows any change).
import { ClinicalAlert } from "./alert/clinical-alert.type";
import { AttachmentResolver, RECORD_ATTACHMENT_RESOLVERS } from "./attachment/attachment.resolver";
import { PetAttachmentsResolver } from "./pet/pet-attachments.resolver";
import { Allergy } from "./allergy/allergy.type";
import { FhirExportResolver } from "./fhir/fhir.resolver";
import { LabResult } from "./lab-result/lab-result.type";
import { Medication } from "./medication/medication.type";
import { HomeNote } from "./note/home-note.type";
import { PetHealthResolver } from "./pet/pet-health.resolver";
import { PetPrescriptionsResolver } from "./pet/pet-prescriptions.resolver";
import { petReference } from "./pet/pet.reference";
import { MedicationResolver } from "./medication/medication.resolver";
import { AllergyResolver } from "./allergy/allergy.resolver";
import { LabResultResolver } from "./lab-result/lab-result.resolver";
import { ClinicalAlertResolver } from "./alert/clinical-alert.resolver";
import { HomeNoteResolver } from "./note/home-note.resolver";
import { ReminderResolver } from "./reminder/reminder.resolver";
import { RecallRuleResolver } from "./recall-rule/recall-rule.resolver";
import { VaccinationResolver } from "./vaccination/vaccination.resolver";
import { VisitResolver } from "./visit/visit.resolver";
import { Visit } from "./visit/visit.type";
import { Vaccination } from "./vaccination/vaccination.type";
import { MedicationDispensing } from "./medication/medication-dispensing.type";
import {
  MedicationDispensingResolver,
  MedicationDispensingsResolver,
} from "./medication/medication-dispensing.resolver";
import { PrescriptionRefillsResolver } from "./medication/prescription-refills.resolver";

/** The resolver classes of ehr's schema; `app.ts` builds one instance of each with its services. */
export const EHR_RESOLVERS = [
  PetHealthResolver,
  PetPrescriptionsResolver,
  VisitResolver,
  VaccinationResolver,
  MedicationResolver,
  AllergyResolver,
  LabResultResolver,
  ClinicalAlertResolver,
  HomeNoteResolver,
  ReminderResolver,
  RecallRuleResolver,
  AttachmentResolver,
  PetAttachmentsResolver,
  ...RECORD_ATTACHMENT_RESOLVERS,
  FhirExportResolver,
  MedicationDispensingResolver,
  MedicationDispensingsResolver,
  PrescriptionRefillsResolver,
] as const;

/**
 * ehr's federated schema: the health record on `Pet`, reminders and recall rules. `resolvers` holds
 * the instances the composition root built; `emit-schema` passes none, since type-graphql asks for an
 * instance only when a field resolves (docs/decisions/0028).
 */
export function buildEhrSchema(resolvers = new ResolverContainer()): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: EHR_RESOLVERS,
    container: resolvers,
    orphanedTypes: [Visit, Vaccination, Medication, Allergy, LabResult, ClinicalAlert, HomeNote, MedicationDispensing],
    referenceResolvers: { Pet: petReference },
  });
}
