import { NotFoundError, SubgraphCallError, type BaseContext, type SubgraphClient } from "@pawgraph/subgraph-kit";
import type { PetProfile, PetRecord, Prescription, RecordFact } from "./pet-record";

const PET = `query ($id: ID!) {
  pet(id: $id) { id name species breed sex neutered dateOfBirth myRelationship }
}`;

/** The newest 50 items of the record: enough for a question, bounded for the prompt. */
const RECORD = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Pet {
      healthTimeline(first: 50) {
        edges { node {
          __typename id occurredAt clinic { id }
          ... on Visit { reason diagnoses { text } notes { assessment plan } }
          ... on Vaccination { vaccine validUntil }
          ... on Medication { medicationKind drug dose doseUnit frequency startsOn endsOn }
          ... on Allergy { substance reaction severity }
          ... on LabResult { test value unit flag }
          ... on ClinicalAlert { alert active }
          ... on HomeNote { text }
        } }
      }
      activePrescriptions { id drug dose doseUnit frequency startsOn endsOn }
      upcomingReminders(withinDays: 90) { id title dueOn }
    }
  }
}`;

type TimelineNode = { __typename: string; id: string; occurredAt: string; clinic: { id: string } | null } & Record<
  string,
  unknown
>;

function day(iso: string): string {
  return iso.slice(0, 10);
}

/** A record item in one plain sentence: what a model or the offline answerer quotes and cites. */
export function describeItem(node: TimelineNode): string | null {
  const on = day(node.occurredAt);
  const s = (key: string) => (node[key] == null ? "" : String(node[key]));
  switch (node.__typename) {
    case "Visit": {
      const diagnoses = (node.diagnoses as { text: string }[]).map((d) => d.text).join("; ");
      const notes = node.notes as { assessment: string | null; plan: string | null };
      return [
        `Visit on ${on} for ${s("reason")}.`,
        diagnoses && `Diagnosis: ${diagnoses}.`,
        notes.assessment && `Assessment: ${notes.assessment}`,
        notes.plan && `Plan: ${notes.plan}`,
      ]
        .filter(Boolean)
        .join(" ");
    }
    case "Vaccination":
      return `Vaccinated against ${s("vaccine")} on ${on}${node.validUntil ? `, valid until ${s("validUntil")}` : ""}.`;
    case "Medication":
      return `${node.medicationKind === "PRESCRIPTION" ? "Prescribed" : "Given"} ${s("drug")} ${s("dose")} ${s("doseUnit")} ${s("frequency")} from ${s("startsOn")}${node.endsOn ? ` to ${s("endsOn")}` : ""}.`;
    case "Allergy":
      return `Allergy to ${s("substance")} (${s("severity").toLowerCase()})${node.reaction ? `: ${s("reaction")}` : ""}, recorded ${on}.`;
    case "LabResult":
      return `Lab result ${on}: ${s("test")} ${s("value")}${node.unit ? ` ${s("unit")}` : ""} (${s("flag").toLowerCase()}).`;
    case "ClinicalAlert":
      return node.active ? `Clinical alert: ${s("alert")}.` : null;
    case "HomeNote":
      return `Home note ${on}: ${s("text")}`;
    default:
      return null;
  }
}

/**
 * Reads a pet's profile from pets and its record from ehr, both with the asker's token, so each
 * applies its own rules: a carer gets what a carer may see, a stranger NOT_FOUND (docs/decisions/0037).
 */
export class PetRecordClient {
  constructor(
    private readonly pets: SubgraphClient,
    private readonly ehr: SubgraphClient,
  ) {}

  /** NOT_FOUND (on `field`) when the asker may not see the pet. */
  async profile(ctx: BaseContext, petId: string, field: string): Promise<PetProfile> {
    try {
      const data = await this.pets.query<{
        pet: (Omit<PetProfile, "relationship"> & { myRelationship: string }) | null;
      }>(ctx, PET, { id: petId });
      if (!data.pet) throw new NotFoundError("Pet", field);
      const { myRelationship, ...pet } = data.pet;
      return { ...pet, relationship: myRelationship };
    } catch (error) {
      if (error instanceof SubgraphCallError && error.codes.some((c) => c === "NOT_FOUND" || c === "BAD_USER_INPUT"))
        throw new NotFoundError("Pet", field);
      throw error;
    }
  }

  async record(ctx: BaseContext, profile: PetProfile): Promise<PetRecord> {
    try {
      const data = await this.ehr.query<{
        _entities: ({
          healthTimeline: { edges: { node: TimelineNode }[] } | null;
          activePrescriptions: Prescription[] | null;
          upcomingReminders: { id: string; title: string; dueOn: string }[] | null;
        } | null)[];
      }>(ctx, RECORD, { representations: [{ __typename: "Pet", id: profile.id }] });
      const pet = data._entities[0];
      const facts: RecordFact[] = (pet?.healthTimeline?.edges ?? []).flatMap(({ node }) => {
        const text = describeItem(node);
        return text ? [{ id: node.id, kind: node.__typename, occurredAt: node.occurredAt, text }] : [];
      });
      return {
        profile,
        facts,
        prescriptions: pet?.activePrescriptions ?? [],
        reminders: pet?.upcomingReminders ?? [],
        clinicIds: [
          ...new Set((pet?.healthTimeline?.edges ?? []).flatMap(({ node }) => (node.clinic ? [node.clinic.id] : []))),
        ],
        recordUnavailable: false,
      };
    } catch (error) {
      ctx.log.warn({ err: error, petId: profile.id }, "ehr did not answer; the assistant answers without the record");
      return { profile, facts: [], prescriptions: [], reminders: [], clinicIds: [], recordUnavailable: true };
    }
  }
}
