import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema } from "@pawgraph/subgraph-kit";
import { ClinicalAlert } from "./alert/clinical-alert.type";
import { AttachmentResolver, PetAttachmentsResolver, RECORD_ATTACHMENT_RESOLVERS } from "./attachment/attachment.resolver";
import { Allergy } from "./allergy/allergy.type";
import { FhirExportResolver } from "./fhir/fhir.resolver";
import { LabResult } from "./lab-result/lab-result.type";
import { Medication } from "./medication/medication.type";
import { HomeNote } from "./note/home-note.type";
import { PetHealthResolver, petReference } from "./pet/pet-health.resolver";
import { ClinicalRecordResolver } from "./record/clinical-record.resolver";
import { ReminderResolver } from "./reminder/reminder.resolver";
import { VaccinationResolver } from "./vaccination/vaccination.resolver";
import { VisitResolver } from "./visit/visit.resolver";
import { Visit } from "./visit/visit.type";
import { Vaccination } from "./vaccination/vaccination.type";

/** ehr's federated schema: the health record on `Pet`, reminders and recall rules. */
export function buildEhrSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      PetHealthResolver,
      VisitResolver,
      VaccinationResolver,
      ClinicalRecordResolver,
      ReminderResolver,
      AttachmentResolver,
      PetAttachmentsResolver,
      ...RECORD_ATTACHMENT_RESOLVERS,
      FhirExportResolver,
    ],
    orphanedTypes: [Visit, Vaccination, Medication, Allergy, LabResult, ClinicalAlert, HomeNote],
    referenceResolvers: { Pet: petReference },
  });
}
