import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { ClinicalRecordColumns } from "../record/clinical-record.columns";

/** A visit (encounter) at a clinic, with SOAP notes. */
@Entity({ name: "visits" })
export class VisitEntity extends ClinicalRecordColumns {
  @Column("uuid", { name: "vet_id", nullable: true })
  vetId!: string | null;

  @Column("text")
  reason!: string;

  @Column("text", { nullable: true })
  subjective!: string | null;

  @Column("text", { nullable: true })
  objective!: string | null;

  @Column("text", { nullable: true })
  assessment!: string | null;

  @Column("text", { nullable: true })
  plan!: string | null;
}

/** A diagnosis made at a visit, optionally coded (VeNom, SNOMED CT). */
@Entity({ name: "diagnoses" })
export class DiagnosisEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "visit_id" })
  visitId!: string;

  @Column("int")
  position!: number;

  @Column("text")
  text!: string;

  @Column("text", { nullable: true })
  code!: string | null;

  @Column("text", { name: "code_system", nullable: true })
  codeSystem!: string | null;
}
