import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { HealthRecord } from "../record/health-record.type";
import { User } from "../user/user.type";

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
