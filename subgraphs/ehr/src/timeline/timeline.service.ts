import { paginate, type Connection } from "@pawgraph/subgraph-kit";
import { readsOwnerOnlyNotes, type AccessPolicy } from "../access/access-policy";
import { toClinicalAlert } from "../alert/clinical-alert.mapper";
import { toAllergy } from "../allergy/allergy.mapper";
import type { EhrContext } from "../context";
import { toLabResult } from "../lab-result/lab-result.mapper";
import { toMedicationDispensing } from "../medication/medication-dispensing.mapper";
import { toMedication } from "../medication/medication.mapper";
import { toHomeNote } from "../note/home-note.mapper";
import { HealthRecordKind, type HealthRecord } from "../record/health-record.type";
import { toVaccination } from "../vaccination/vaccination.mapper";
import { toVisit } from "../visit/visit.mapper";
import type { TimelineFilter } from "./timeline.inputs";
import { TIMELINE_PAGE, type TimelineRow } from "./timeline.repository";

/** Loads one timeline entry through the per-request loader of its kind. */
async function loadEntry(ctx: EhrContext, row: TimelineRow): Promise<HealthRecord | null> {
  const l = ctx.loaders;
  switch (row.kind) {
    case HealthRecordKind.VISIT: {
      const e = await l.visit.load(row.id);
      return e && toVisit(e);
    }
    case HealthRecordKind.VACCINATION: {
      const e = await l.vaccination.load(row.id);
      return e && toVaccination(e);
    }
    case HealthRecordKind.MEDICATION: {
      const e = await l.medication.load(row.id);
      return e && toMedication(e);
    }
    case HealthRecordKind.ALLERGY: {
      const e = await l.allergy.load(row.id);
      return e && toAllergy(e);
    }
    case HealthRecordKind.LAB_RESULT: {
      const e = await l.labResult.load(row.id);
      return e && toLabResult(e);
    }
    case HealthRecordKind.CLINICAL_ALERT: {
      const e = await l.clinicalAlert.load(row.id);
      return e && toClinicalAlert(e);
    }
    case HealthRecordKind.HOME_NOTE: {
      const e = await l.homeNote.load(row.id);
      return e && toHomeNote(e);
    }
    case HealthRecordKind.DISPENSING: {
      const e = await l.dispensing.load(row.id);
      return e && toMedicationDispensing(e);
    }
  }
}

/**
 * A pet's record as the viewer may read it (owners: all of it; others: all but owner-only home
 * notes), newest first, filterable by kind and time; statements do not grow with pets or entries.
 */
export class TimelineService {
  constructor(private readonly policy: AccessPolicy) {}

  async page(
    ctx: EhrContext,
    petId: string,
    args: { first?: number | null; after?: string | null; filter?: TimelineFilter | null },
  ): Promise<Connection<HealthRecord>> {
    const access = await this.policy.read(ctx, petId, "id");
    const filter = {
      kinds: args.filter?.kinds ?? null,
      from: args.filter?.from ?? null,
      to: args.filter?.to ?? null,
      ownerOnlyNotes: readsOwnerOnlyNotes(access),
    };
    const page = await paginate(args, {
      keyset: TIMELINE_PAGE,
      fetch: (q) => ctx.loaders.timelinePage.load({ parentId: access.petId, ...q, filter }),
    });
    // An entry whose record vanished between the timeline read and its load is left out; its cursor still counts.
    const edges = await Promise.all(
      page.edges.map(async ({ cursor, node }) => ({ cursor, node: await loadEntry(ctx, node) })),
    );
    return {
      pageInfo: page.pageInfo,
      edges: edges.filter((edge): edge is { cursor: string; node: HealthRecord } => edge.node !== null),
    };
  }
}
