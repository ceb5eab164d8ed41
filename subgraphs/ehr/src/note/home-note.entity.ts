import { Column, Entity } from "typeorm";
import { ClinicalRecordColumns } from "../record/clinical-record.columns";

/** An owner's own entry in the record ("ate grass, vomited once"). */
@Entity({ name: "home_notes" })
export class HomeNoteEntity extends ClinicalRecordColumns {
  @Column("text")
  text!: string;

  /** Only the pet's owners may read it; every read path for carers and clinics leaves it out. */
  @Column("boolean", { name: "owner_only", default: false })
  ownerOnly!: boolean;
}
