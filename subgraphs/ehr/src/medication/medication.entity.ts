import { Column, Entity } from "typeorm";
import { ClinicalRecordColumns } from "../record/clinical-record.columns";

/** A medication the pet takes (statement) or was prescribed (prescription); `occurredAt` is when it was recorded. */
@Entity({ name: "medications" })
export class MedicationEntity extends ClinicalRecordColumns {
  @Column("uuid", { name: "visit_id", nullable: true })
  visitId!: string | null;

  @Column("text")
  kind!: string;

  @Column("text")
  drug!: string;

  /** ATCvet code of the drug, when the vet gave it. */
  @Column("text", { nullable: true })
  code!: string | null;

  @Column("numeric", { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  dose!: number;

  @Column("text", { name: "dose_unit" })
  doseUnit!: string;

  @Column("text")
  route!: string;

  @Column("text")
  frequency!: string;

  @Column("date", { name: "starts_on" })
  startsOn!: string;

  @Column("date", { name: "ends_on", nullable: true })
  endsOn!: string | null;

  @Column("int", { name: "refills_left", default: 0 })
  refillsLeft!: number;

  @Column("uuid", { name: "prescriber_id", nullable: true })
  prescriberId!: string | null;
}
