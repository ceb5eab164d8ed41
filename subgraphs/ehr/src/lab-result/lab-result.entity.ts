import { Column, Entity } from "typeorm";
import { ClinicalRecordColumns } from "../record/clinical-record.columns";

/** One laboratory result; `occurredAt` is when the sample was taken. */
@Entity({ name: "lab_results" })
export class LabResultEntity extends ClinicalRecordColumns {
  @Column("uuid", { name: "visit_id", nullable: true })
  visitId!: string | null;

  @Column("text")
  test!: string;

  @Column("text")
  value!: string;

  @Column("double precision", { name: "numeric_value", nullable: true })
  numericValue!: number | null;

  @Column("text", { nullable: true })
  unit!: string | null;

  @Column("double precision", { name: "reference_low", nullable: true })
  referenceLow!: number | null;

  @Column("double precision", { name: "reference_high", nullable: true })
  referenceHigh!: number | null;

  @Column("text")
  flag!: string;
}
