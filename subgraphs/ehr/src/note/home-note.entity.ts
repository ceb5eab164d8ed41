import { Column, Entity } from "typeorm";
import { ClinicalRecordColumns } from "../record/clinical-record.columns";

/** An owner's own entry in the record ("ate grass, vomited once"). */
@Entity({ name: "home_notes" })
export class HomeNoteEntity extends ClinicalRecordColumns {
  @Column("text")
  text!: string;
}
