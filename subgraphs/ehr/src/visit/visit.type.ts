import { Field, ID, ObjectType } from "type-graphql";
import { HealthRecord, recordFields } from "../record/health-record.type";
import { DiagnosisCodeSystem, HealthRecordKind } from "../record/record.enums";
import { User } from "../user/user.type";
import type { DiagnosisEntity, VisitEntity } from "./visit.entity";

@ObjectType({ description: "A diagnosis made at a visit: free text, optionally coded." })
export class Diagnosis {
  @Field(() => ID, { description: "Id of the diagnosis." })
  id!: string;

  @Field(() => String, { description: "The diagnosis as written by the vet." })
  text!: string;

  @Field(() => String, { nullable: true, description: "Code in `codeSystem`, e.g. a VeNom or SNOMED CT concept id." })
  code!: string | null;

  @Field(() => DiagnosisCodeSystem, { nullable: true, description: "Terminology of `code`." })
  codeSystem!: DiagnosisCodeSystem | null;
}

@ObjectType({ description: "SOAP notes of a visit." })
export class SoapNotes {
  @Field(() => String, { nullable: true, description: "Subjective: history and the owner's account." })
  subjective!: string | null;

  @Field(() => String, { nullable: true, description: "Objective: examination findings." })
  objective!: string | null;

  @Field(() => String, { nullable: true, description: "Assessment: the vet's interpretation." })
  assessment!: string | null;

  @Field(() => String, { nullable: true, description: "Plan: treatment and follow-up." })
  plan!: string | null;
}

@ObjectType({ implements: HealthRecord, description: "A visit (encounter) at a clinic." })
export class Visit extends HealthRecord {
  @Field(() => User, { nullable: true, description: "The attending vet." })
  attendingVet!: User | null;

  @Field(() => String, { description: "Why the pet came in." })
  reason!: string;

  @Field(() => SoapNotes, { description: "Clinical notes in SOAP form." })
  notes!: SoapNotes;

  /** Resolved by a field resolver (batched). */
  diagnoses?: Diagnosis[];
}

export function toVisit(row: VisitEntity): Visit {
  return {
    ...recordFields(HealthRecordKind.VISIT, row),
    attendingVet: row.vetId ? { id: row.vetId } : null,
    reason: row.reason,
    notes: { subjective: row.subjective, objective: row.objective, assessment: row.assessment, plan: row.plan },
  };
}

export function toDiagnosis(row: DiagnosisEntity): Diagnosis {
  return { id: row.id, text: row.text, code: row.code, codeSystem: row.codeSystem as DiagnosisCodeSystem | null };
}
