import { Column, Entity } from "typeorm";
import { ClinicalRecordColumns } from "../record/clinical-record.columns";

/** A known allergy or intolerance. */
@Entity({ name: "allergies" })
export class AllergyEntity extends ClinicalRecordColumns {
  @Column("text")
  substance!: string;

  @Column("text", { nullable: true })
  reaction!: string | null;

  @Column("text")
  severity!: string;
}
