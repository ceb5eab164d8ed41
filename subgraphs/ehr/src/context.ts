import type DataLoader from "dataloader";
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from "typeorm";
import {
  groupLoader,
  pageLoader,
  rowLoader,
  type BaseContext,
  type PageKey,
  type SubgraphClient,
} from "@pawgraph/subgraph-kit";
import { RequestAccessLog } from "./access/access-log";
import type { AccessLogRepository } from "./access/access-log.repository";
import { petAccessLoader, type PetAccess } from "./access/pet-access";
import { ClinicalAlertEntity } from "./alert/clinical-alert.entity";
import { AllergyEntity } from "./allergy/allergy.entity";
import type { AttachmentEntity } from "./attachment/attachment.entity";
import { LabResultEntity } from "./lab-result/lab-result.entity";
import { MedicationEntity } from "./medication/medication.entity";
import { PrescriptionDispensingEntity } from "./medication/prescription-dispensing.entity";
import { HomeNoteEntity } from "./note/home-note.entity";
import type { TimelineKey, TimelinePageFilter, TimelineRepository, TimelineRow } from "./timeline/timeline.repository";
import { VaccinationEntity } from "./vaccination/vaccination.entity";
import { VisitEntity, type DiagnosisEntity } from "./visit/visit.entity";

/**
 * What the per-request loaders read through, handed in by the composition root (`app.ts`); the
 * context does not keep it. Plain functions rather than service types, so this file imports no
 * service and no import cycle runs through it (docs/decisions/0028).
 */
export interface EhrLoaderSources {
  db: DataSource;
  /** The pets subgraph, asked with the viewer's token who may see which pet. */
  pets: SubgraphClient;
  timeline: TimelineRepository;
  /** Where the request's access log writes. */
  accessLog: AccessLogRepository;
  diagnosesOf(visitIds: readonly string[]): Promise<DiagnosisEntity[]>;
  attachmentsOfRecords(recordIds: readonly string[]): Promise<AttachmentEntity[]>;
  attachmentsOfPets(petIds: readonly string[], scope: { ownerOnlyNotes: boolean }): Promise<AttachmentEntity[]>;
  dispensingsOfMedications(medicationIds: readonly string[]): Promise<PrescriptionDispensingEntity[]>;
}

/**
 * Per-request context of the ehr subgraph: the kit's base context (viewer, request id, log), fresh
 * DataLoaders and the request's access log, nothing else. Services and resolvers get their
 * collaborators by constructor in `app.ts` (docs/decisions/0028).
 */
export interface EhrContext extends BaseContext {
  accessLog: RequestAccessLog;
  loaders: {
    petAccess: DataLoader<string, PetAccess | null>;
    /** One page of a pet's timeline; pets asking for the same page shape (and filter) share one statement. */
    timelinePage: DataLoader<PageKey<TimelineKey, TimelinePageFilter>, TimelineRow[], string>;
    visit: DataLoader<string, VisitEntity | null>;
    diagnosesOf: DataLoader<string, DiagnosisEntity[]>;
    vaccination: DataLoader<string, VaccinationEntity | null>;
    medication: DataLoader<string, MedicationEntity | null>;
    allergy: DataLoader<string, AllergyEntity | null>;
    labResult: DataLoader<string, LabResultEntity | null>;
    clinicalAlert: DataLoader<string, ClinicalAlertEntity | null>;
    homeNote: DataLoader<string, HomeNoteEntity | null>;
    dispensing: DataLoader<string, PrescriptionDispensingEntity | null>;
    dispensingsOfMedication: DataLoader<string, PrescriptionDispensingEntity[]>;
    attachmentsOfRecord: DataLoader<string, AttachmentEntity[]>;
    /** Every file on the pet's record: for owners only. */
    attachmentsOfPet: DataLoader<string, AttachmentEntity[]>;
    /** The files carers and clinics may see: all but those on owner-only home notes. */
    sharedAttachmentsOfPet: DataLoader<string, AttachmentEntity[]>;
  };
}

function byIdLoader<E extends ObjectLiteral & { id: string }>(
  db: DataSource,
  entity: EntityTarget<E>,
): DataLoader<string, E | null> {
  return rowLoader(
    (ids) => db.getRepository(entity).findBy({ id: In([...ids]) } as never),
    (row) => row.id,
  );
}

export function createEhrContext(base: BaseContext, sources: EhrLoaderSources): EhrContext {
  const { db } = sources;
  return {
    ...base,
    accessLog: new RequestAccessLog(base, sources.accessLog),
    loaders: {
      petAccess: petAccessLoader(base, sources.pets),
      timelinePage: pageLoader(
        (petIds, query) => sources.timeline.pages(petIds, query),
        (row) => row.petId,
      ),
      visit: byIdLoader(db, VisitEntity),
      diagnosesOf: groupLoader(
        (ids) => sources.diagnosesOf(ids),
        (d) => d.visitId,
      ),
      vaccination: byIdLoader(db, VaccinationEntity),
      medication: byIdLoader(db, MedicationEntity),
      allergy: byIdLoader(db, AllergyEntity),
      labResult: byIdLoader(db, LabResultEntity),
      clinicalAlert: byIdLoader(db, ClinicalAlertEntity),
      homeNote: byIdLoader(db, HomeNoteEntity),
      dispensing: byIdLoader(db, PrescriptionDispensingEntity),
      dispensingsOfMedication: groupLoader(
        (ids) => sources.dispensingsOfMedications(ids),
        (d) => d.medicationId,
      ),
      attachmentsOfRecord: groupLoader(
        (ids) => sources.attachmentsOfRecords(ids),
        (a) => a.recordId!,
      ),
      attachmentsOfPet: groupLoader(
        (ids) => sources.attachmentsOfPets(ids, { ownerOnlyNotes: true }),
        (a) => a.petId,
      ),
      sharedAttachmentsOfPet: groupLoader(
        (ids) => sources.attachmentsOfPets(ids, { ownerOnlyNotes: false }),
        (a) => a.petId,
      ),
    },
  };
}
