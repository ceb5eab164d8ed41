import DataLoader from "dataloader";
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from "typeorm";
import { groupLoader, rowLoader, type BaseContext, type SubgraphClient } from "@pawgraph/subgraph-kit";
import { RequestAccessLog } from "./access/access-log";
import type { AttachmentEntity } from "./attachment/attachment.entity";
import type { AttachmentService } from "./attachment/attachment.service";
import type { AccessLogRepository } from "./access/access-log.repository";
import type { RecallRuleService } from "./recall-rule/recall-rule.service";
import type { AccessPolicy } from "./access/access-policy";
import { petAccessLoader, type PetAccess } from "./access/pet-access";
import { ClinicalAlertEntity } from "./alert/clinical-alert.entity";
import type { ClinicalAlertService } from "./alert/clinical-alert.service";
import { AllergyEntity } from "./allergy/allergy.entity";
import type { AllergyService } from "./allergy/allergy.service";
import { LabResultEntity } from "./lab-result/lab-result.entity";
import type { LabResultService } from "./lab-result/lab-result.service";
import { MedicationEntity } from "./medication/medication.entity";
import type { MedicationService } from "./medication/medication.service";
import { HomeNoteEntity } from "./note/home-note.entity";
import type { HomeNoteService } from "./note/home-note.service";
import type { ReminderService } from "./reminder/reminder.service";
import type { TimelineRepository, TimelineRow } from "./timeline/timeline.repository";
import { VaccinationEntity } from "./vaccination/vaccination.entity";
import type { VaccinationService } from "./vaccination/vaccination.service";
import { VisitEntity, type DiagnosisEntity } from "./visit/visit.entity";
import type { VisitService } from "./visit/visit.service";

export interface EhrServices {
  db: DataSource;
  attachments: AttachmentService;
  accessLog: AccessLogRepository;
  recallRules: RecallRuleService;
  pets: SubgraphClient;
  policy: AccessPolicy;
  timeline: TimelineRepository;
  visits: VisitService;
  vaccinations: VaccinationService;
  medications: MedicationService;
  allergies: AllergyService;
  labResults: LabResultService;
  alerts: ClinicalAlertService;
  notes: HomeNoteService;
  reminders: ReminderService;
}

export interface TimelinePageKey {
  petId: string;
  limit: number;
  after?: { occurredAt: string; id: string };
  kinds?: string[] | null;
  from?: string | null;
  to?: string | null;
}

/** Per-request context of the ehr subgraph: viewer, services, fresh DataLoaders and the access log. */
export interface EhrContext extends BaseContext {
  services: EhrServices;
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
function timelineLoader(services: EhrServices): DataLoader<TimelinePageKey, TimelineRow[], string> {
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
        const rows = await services.timeline.pages(
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

export function createEhrContext(base: BaseContext, services: EhrServices): EhrContext {
  const { db } = services;
  return {
    ...base,
    services,
    accessLog: new RequestAccessLog(base),
    loaders: {
      petAccess: petAccessLoader(base, services.pets),
      timelinePage: timelineLoader(services),
      visit: byIdLoader(db, VisitEntity),
      diagnosesOf: groupLoader((ids) => services.visits.diagnosesOf(ids), (d) => d.visitId),
      vaccination: byIdLoader(db, VaccinationEntity),
      medication: byIdLoader(db, MedicationEntity),
      allergy: byIdLoader(db, AllergyEntity),
      labResult: byIdLoader(db, LabResultEntity),
      clinicalAlert: byIdLoader(db, ClinicalAlertEntity),
      homeNote: byIdLoader(db, HomeNoteEntity),
      attachmentsOfRecord: groupLoader((ids) => services.attachments.byRecordIds(ids), (a) => a.recordId!),
      attachmentsOfPet: groupLoader((ids) => services.attachments.byPetIds(ids), (a) => a.petId),
    },
  };
}
