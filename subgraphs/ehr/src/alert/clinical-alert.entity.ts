import { Column, Entity } from "typeorm";
import { ClinicalRecordColumns } from "../record/clinical-record.columns";

/** A warning staff must see before handling the pet ("aggressive", "diabetic"). */
@Entity({ name: "clinical_alerts" })
export class ClinicalAlertEntity extends ClinicalRecordColumns {
  @Column("text")
  alert!: string;

  @Column("boolean", { default: true })
  active!: boolean;
}
