import DataLoader from "dataloader";
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from "typeorm";
import { groupLoader, rowLoader, type BaseContext, type SubgraphClient } from "@pawgraph/subgraph-kit";
import { RequestAccessLog } from "./access/access-log";
import { petAccessLoader, type PetAccess } from "./access/pet-access";
import { ClinicalAlertEntity } from "./alert/clinical-alert.entity";
import { AllergyEntity } from "./allergy/allergy.entity";
import type { AttachmentEntity } from "./attachment/attachment.entity";
import { LabResultEntity } from "./lab-result/lab-result.entity";
import { MedicationEntity } from "./medication/medication.entity";
import { HomeNoteEntity } from "./note/home-note.entity";
import type { TimelineRepository, TimelineRow } from "./timeline/timeline.repository";
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
  diagnosesOf(visitIds: readonly string[]): Promise<DiagnosisEntity[]>;
  attachmentsOfRecords(recordIds: readonly string[]): Promise<AttachmentEntity[]>;
  attachmentsOfPets(petIds: readonly string[]): Promise<AttachmentEntity[]>;
}

export interface TimelinePageKey {
  petId: string;
  limit: number;
  after?: { occurredAt: string; id: string };
  kinds?: string[] | null;
  from?: string | null;
  to?: string | null;
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
    timelinePage: DataLoader<TimelinePageKey, TimelineRow[], string>;
    visit: DataLoader<string, VisitEntity | null>;
    diagnosesOf: DataLoader<string, DiagnosisEntity[]>;
    vaccination: DataLoader<string, VaccinationEntity | null>;
    medication: DataLoader<string, MedicationEntity | null>;
    allergy: DataLoader<string, AllergyEntity | null>;
    labResult: DataLoader<string, LabResultEntity | null>;
    clinicalAlert: DataLoader<string, ClinicalAlertEntity | null>;
    homeNote: DataLoader<string, HomeNoteEntity | null>;
    attachmentsOfRecord: DataLoader<string, AttachmentEntity[]>;
    attachmentsOfPet: DataLoader<string, AttachmentEntity[]>;
  };
}

function byIdLoader<E extends ObjectLiteral & { id: string }>(db: DataSource, entity: EntityTarget<E>): DataLoader<string, E | null> {
  return rowLoader((ids) => db.getRepository(entity).findBy({ id: In([...ids]) } as never), (row) => row.id);
}

/** Pets asking for the same page shape share one timeline statement. */
function timelineLoader(timeline: TimelineRepository): DataLoader<TimelinePageKey, TimelineRow[], string> {
  return new DataLoader<TimelinePageKey, TimelineRow[], string>(
    async (keys) => {
      const shapes = new Map<string, TimelinePageKey[]>();
      for (const key of keys) {
        const { petId: _petId, ...shape } = key;
        const id = JSON.stringify(shape);
        shapes.set(id, [...(shapes.get(id) ?? []), key]);
      }
      const pages = new Map<string, TimelineRow[]>();
      for (const group of shapes.values()) {
        const first = group[0]!;
        const rows = await timeline.pages(
          group.map((k) => k.petId),
          {
            limit: first.limit,
            after: first.after,
            kinds: first.kinds as never,
            from: first.from ? new Date(first.from) : null,
            to: first.to ? new Date(first.to) : null,
          },
        );
        for (const key of group) pages.set(JSON.stringify(key), rows.filter((row) => row.petId === key.petId));
      }
      return keys.map((key) => pages.get(JSON.stringify(key)) ?? []);
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  );
}

export function createEhrContext(base: BaseContext, sources: EhrLoaderSources): EhrContext {
  const { db } = sources;
  return {
    ...base,
    accessLog: new RequestAccessLog(base),
    loaders: {
      petAccess: petAccessLoader(base, sources.pets),
      timelinePage: timelineLoader(sources.timeline),
      visit: byIdLoader(db, VisitEntity),
      diagnosesOf: groupLoader((ids) => sources.diagnosesOf(ids), (d) => d.visitId),
      vaccination: byIdLoader(db, VaccinationEntity),
      medication: byIdLoader(db, MedicationEntity),
      allergy: byIdLoader(db, AllergyEntity),
      labResult: byIdLoader(db, LabResultEntity),
      clinicalAlert: byIdLoader(db, ClinicalAlertEntity),
      homeNote: byIdLoader(db, HomeNoteEntity),
      attachmentsOfRecord: groupLoader((ids) => sources.attachmentsOfRecords(ids), (a) => a.recordId!),
      attachmentsOfPet: groupLoader((ids) => sources.attachmentsOfPets(ids), (a) => a.petId),
    },
  };
}
