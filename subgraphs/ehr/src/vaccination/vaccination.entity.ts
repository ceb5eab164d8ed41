import { Column, Entity } from "typeorm";
import { ClinicalRecordColumns } from "../record/clinical-record.columns";

/** A vaccine given to a pet; `occurredAt` is when it was given. */
@Entity({ name: "vaccinations" })
export class VaccinationEntity extends ClinicalRecordColumns {
  @Column("uuid", { name: "visit_id", nullable: true })
  visitId!: string | null;

  @Column("text")
  vaccine!: string;

  @Column("text", { name: "vaccine_code", nullable: true })
  vaccineCode!: string | null;

  @Column("text", { nullable: true })
  manufacturer!: string | null;

  @Column("text", { name: "lot_number", nullable: true })
  lotNumber!: string | null;

  @Column("date", { name: "valid_until", nullable: true })
  validUntil!: string | null;

  @Column("date", { name: "next_due_on", nullable: true })
  nextDueOn!: string | null;

  @Column("uuid", { name: "given_by", nullable: true })
  givenBy!: string | null;
}
